import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { rememberLookup } from '../../../lib/recent-lookups.ts';
import { rememberAccountNumber } from '../../../lib/remembered-account.ts';
import { transferStatusNames, type TransferStatus } from '../../../api/hostway-schemas.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { transferQueries } from '../queries.ts';

interface TransferDetailProps {
  accountNumber: string;
  domainName: string;
}

export function TransferDetail({ accountNumber, domainName }: TransferDetailProps) {
  const query = useQuery(transferQueries.status(accountNumber, domainName));
  const found = query.isSuccess;
  useEffect(() => {
    if (!found) return;
    rememberLookup({ kind: 'transfer', accountNumber, domainName });
    rememberAccountNumber(accountNumber);
  }, [found, accountNumber, domainName]);
  return (
    <article className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Transfer of {domainName}</h1>
        <p className="mt-1 text-slate-700">Account {accountNumber}</p>
      </header>
      {query.isPending ? (
        <PageLoading label={`Loading the transfer status of ${domainName}…`} />
      ) : query.isError ? (
        <ErrorPanel
          error={query.error}
          api="Hostway"
          subject={`the transfer of ${domainName}`}
          notFound={`There is no transfer order for ${domainName} on account ${accountNumber}.`}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <CurrentStatus status={query.data} />
      )}
    </article>
  );
}

function CurrentStatus({ status }: { status: TransferStatus }) {
  const names = transferStatusNames(status.status);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-lg font-semibold">Current status</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium text-slate-600">Status</dt>
        <dd data-testid="transfer-status">
          {names.length > 0 ? names.join(' or ') : 'Unknown status'} (code {status.status})
        </dd>
        <dt className="font-medium text-slate-600">Description</dt>
        <dd>{status.description}</dd>
        <dt className="font-medium text-slate-600">Approval mail sent to</dt>
        <dd>{status.emailAddress ?? '—'}</dd>
        <dt className="font-medium text-slate-600">Status changed</dt>
        <dd>{status.statusChangeDate ?? '—'}</dd>
      </dl>
    </section>
  );
}
