import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { preloadPage } from '../app-routes.tsx';
import { ProcessLookup } from '../../features/processes/components/process-lookup.tsx';
import { TransferLookup } from '../../features/transfers/components/transfer-lookup.tsx';
import { BulkLookupForm } from '../../features/transfers/components/bulk-lookup-form.tsx';
import {
  clearRecentLookups,
  recentLookupPath,
  useRecentLookups,
} from '../../lib/recent-lookups.ts';

const PROCESS_EXAMPLES = [
  ['46069000', 'failed contact update (the SDK example)'],
  ['1000003', 'a running domain transfer'],
  ['1000010', 'a suspended transfer waiting for approval'],
  ['1000004', 'a completed domain create'],
  ['1000012', 'money in four currencies'],
  ['1000013', '2,000 billables'],
  ['1000015', 'a command with an auth code'],
  ['1000016', 'running now, completes a minute after start-up'],
  ['1234', 'a process that does not exist'],
] as const;

const TRANSFER_EXAMPLES = [
  ['test.com', 'approval mail sent (the Hostway example)'],
  ['registry-pend.com', 'pending at the registry'],
  ['active.com', 'completed'],
  ['registry-nack.com', 'rejected by the registry'],
  ['moving-1.com', 'moves through its lifecycle as time passes'],
  ['no-transfer.com', 'no transfer order'],
  ['www.münchen.de', 'an IDN typed with www.: corrected and shown in Unicode'],
] as const;

const BULK_EXAMPLE = `/transfers/acct12345?domains=${Array.from(
  { length: 50 },
  (_, i) => `bulk-${i + 1}.com`,
).join(',')}`;

const card = 'rounded-lg border border-line bg-surface p-4';

export function HomeRoute() {
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  // Someone starting on the bulk form will submit it: the bulk page is made ready now (see
  // prefetchBulk), so that the lookups start as soon as they press the button (a failure to
  // load is the page's to show).
  const preloadBulkPage = () =>
    void preloadPage('/transfers/account', queryClient).catch(() => undefined);
  return (
    <div className="space-y-8">
      <title>Registrar Console</title>
      <h1 className="text-2xl font-semibold">Look up a process or a transfer</h1>
      <p className="text-sm">
        Or search them:{' '}
        <Link className="text-link underline" to="/processes">
          the process list
        </Link>{' '}
        (by status, type, domain and date), e.g.{' '}
        <Link className="text-link underline" to="/processes?status:in=FAILED,IN_DOUBT">
          failed or in doubt
        </Link>
        .
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="process-lookup-title" className={card}>
          <h2 id="process-lookup-title" className="mb-2 text-lg font-semibold">
            Process
          </h2>
          <ProcessLookup />
        </section>
        <section aria-labelledby="transfer-lookup-title" className={card}>
          <h2 id="transfer-lookup-title" className="mb-2 text-lg font-semibold">
            Transfer
          </h2>
          <TransferLookup initialDomain={searchParams.get('domain') ?? ''} />
        </section>
      </div>
      <section aria-labelledby="bulk-lookup-title" className={card}>
        <h2 id="bulk-lookup-title" className="mb-2 text-lg font-semibold">
          Many transfers at once
        </h2>
        <BulkLookupForm onIntent={preloadBulkPage} />
      </section>
      <RecentLookups />
      <section aria-labelledby="examples-title" className={card}>
        <h2 id="examples-title" className="text-lg font-semibold">
          Sandbox examples
        </h2>
        <p className="mt-1 text-sm text-fg-muted">
          These exist when the console runs against its built-in sandbox (the default).
        </p>
        <div className="mt-3 grid gap-6 md:grid-cols-2">
          <ul className="space-y-1 text-sm">
            {PROCESS_EXAMPLES.map(([id, what]) => (
              <li key={id}>
                <Link className="text-link underline" to={`/processes/${id}`}>
                  Process {id}
                </Link>{' '}
                — {what}
              </li>
            ))}
          </ul>
          <ul className="space-y-1 text-sm">
            <li>
              <Link className="text-link underline" to={BULK_EXAMPLE}>
                50 transfers at once
              </Link>{' '}
              — bulk view with every status
            </li>
            {TRANSFER_EXAMPLES.map(([domain, what]) => (
              <li key={domain}>
                <Link className="text-link underline" to={`/transfers/acct12345/${domain}`}>
                  {domain}
                </Link>{' '}
                — {what}
              </li>
            ))}
          </ul>
        </div>
      </section>
    </div>
  );
}

function RecentLookups() {
  const recent = useRecentLookups();
  if (recent.length === 0) return null;
  return (
    <section aria-labelledby="recent-title" className={card}>
      <div className="flex items-center justify-between">
        <h2 id="recent-title" className="text-lg font-semibold">
          Recent lookups
        </h2>
        <button
          type="button"
          onClick={clearRecentLookups}
          className="text-sm text-fg-muted underline hover:text-fg"
        >
          Clear
        </button>
      </div>
      <ol className="mt-2 space-y-1 text-sm">
        {recent.map((entry) => (
          <li key={recentLookupPath(entry)}>
            <Link className="text-link underline" to={recentLookupPath(entry)}>
              {entry.kind === 'process'
                ? `Process ${entry.id}`
                : `${entry.domainName} (account ${entry.accountNumber})`}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
