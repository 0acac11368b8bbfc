import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LazyErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { rememberAccountNumber } from '../../../lib/remembered-account.ts';
import { describeTransferStatus, TRANSFER_PHASES } from '../lifecycle.ts';
import { transferQueries } from '../queries.ts';
import {
  AccountNumberField,
  checkAccountNumber,
  useAccountNumberInput,
} from './account-number-field.tsx';
import { TransferHistory } from './transfer-history.tsx';
import { TransferStatusBadge } from './transfer-status-badge.tsx';

/**
 * A domain's transfer on one Hostway account: its status, a link to the full transfer page and
 * what the console has observed. Without an account (none in the URL, none remembered) it asks
 * for one; `onAccount` puts the chosen one in the page's URL.
 */
export function DomainTransfer({
  domain,
  shownName,
  accountNumber,
  timeZone,
  onAccount,
}: {
  domain: string;
  shownName: string;
  accountNumber: string | undefined;
  timeZone: TimeZoneChoice;
  onAccount: (accountNumber: string) => void;
}) {
  if (!accountNumber) return <AccountForm onAccount={onAccount} />;
  return (
    <TransferOnAccount
      domain={domain}
      shownName={shownName}
      accountNumber={accountNumber}
      timeZone={timeZone}
    />
  );
}

function AccountForm({ onAccount }: { onAccount: (accountNumber: string) => void }) {
  const id = useId();
  const [value, setValue] = useAccountNumberInput();
  const [problem, setProblem] = useState<string>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkAccountNumber(value);
    if (!checked.ok) return setProblem(checked.reason);
    rememberAccountNumber(checked.accountNumber);
    onAccount(checked.accountNumber);
  }
  return (
    <form onSubmit={submit} noValidate className="max-w-sm space-y-2" aria-label="Hostway account">
      <p className="text-sm text-fg-muted">
        Transfers are looked up per Hostway account: which account is this domain’s?
      </p>
      <AccountNumberField
        id={id}
        value={value}
        onChange={(v) => {
          setValue(v);
          setProblem(undefined);
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
      />
      {problem && (
        <p id={`${id}-problem`} role="alert" className="text-sm text-danger-fg">
          {problem}
        </p>
      )}
      <Button type="submit" variant="primary">
        Show the transfer
      </Button>
    </form>
  );
}

function TransferOnAccount({
  domain,
  shownName,
  accountNumber,
  timeZone,
}: {
  domain: string;
  shownName: string;
  accountNumber: string;
  timeZone: TimeZoneChoice;
}) {
  const status = useQuery(transferQueries.status(accountNumber, domain));
  // After the status: the server records it as it passes, so the history then includes it.
  const history = useQuery({
    ...transferQueries.history(accountNumber, domain),
    enabled: !status.isPending,
  });
  const page = `/transfers/${encodeURIComponent(accountNumber)}/${domain}`;
  return (
    <div className="space-y-3">
      <p className="text-sm">
        On account <span className="font-mono">{accountNumber}</span> ·{' '}
        <Link className="text-link underline" to={page}>
          Open the transfer page
        </Link>
      </p>
      {status.isPending ? (
        <PageLoading label={`Loading the transfer status of ${shownName}…`} />
      ) : status.isError ? (
        <LazyErrorPanel
          error={status.error}
          api="Hostway"
          subject={`the transfer of ${shownName} on account ${accountNumber}`}
          notFound={`Hostway has no transfer order for ${shownName} on account ${accountNumber}.`}
          onRetry={() => void status.refetch()}
          retrying={status.isFetching}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <TransferStatusBadge status={status.data.status} />
          <span className="text-sm">{status.data.status.description}</span>
          {status.data.status.statusChangeDate && (
            <span className="text-sm text-fg-muted">
              since {formatAbsolute(status.data.status.statusChangeDate, timeZone)}
            </span>
          )}
          <span className="text-sm text-fg-muted">{phaseOf(status.data.status)}</span>
        </div>
      )}
      <h3 className="text-base font-semibold">Observed by the console</h3>
      {history.data ? (
        <TransferHistory observations={history.data.observations} timeZone={timeZone} />
      ) : history.isError ? (
        <p role="alert" className="text-sm text-danger-fg">
          The observed history could not be loaded.{' '}
          <button
            type="button"
            className="text-link underline"
            onClick={() => void history.refetch()}
          >
            Try again
          </button>
        </p>
      ) : (
        <PageLoading label="Loading the observed history…" />
      )}
    </div>
  );
}

function phaseOf(status: { status: number; description?: string }): string {
  const { phase } = describeTransferStatus(status);
  const known = TRANSFER_PHASES.find((p) => p.phase === phase);
  return known ? `Phase: ${known.label}` : 'Outside the transfer phases';
}
