import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { accountNumberSchema } from '../../lib/account-number.ts';
import { splitDomainList } from '../../lib/domain-syntax.ts';
import { CopyLinkButton } from '../../components/copy-link-button.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { RetryNotice } from '../../components/retry-notice.tsx';
import { TimeZoneToggle } from '../../components/time-zone-toggle.tsx';
import { BulkLookupForm } from '../../features/transfers/components/bulk-lookup-form.tsx';
import { DomainCheckError } from '../../features/transfers/components/domain-check-error.tsx';
import { buildDomainList, namesToCheck } from '../../features/transfers/domain-list.ts';
import { domainNameQueries } from '../../features/transfers/queries.ts';
import { InvalidParam } from './invalid-param.tsx';
import { bulkSearchSchema, readSearch } from './search-params.ts';

// The results table (virtualised rows, request queue, lifecycle model) is needed only once the
// domains are checked, so it is fetched while the server checks them.
const BulkTransfers = lazy(() =>
  import('../../features/transfers/components/bulk-transfers.tsx').then((m) => ({
    default: m.BulkTransfers,
  })),
);

export function BulkTransfersRoute() {
  const { accountNumber = '' } = useParams();
  const [searchParams] = useSearchParams();
  const search = readSearch(bulkSearchSchema, searchParams);
  const account = accountNumberSchema.safeParse(accountNumber);
  const entries = useMemo(() => splitDomainList(search.domains), [search.domains]);
  // Plain .com/.net/.org names are decided here; a list of only those sends no check request.
  const toCheck = useMemo(() => namesToCheck(entries), [entries]);
  const check = useQuery({
    ...domainNameQueries.check(toCheck),
    enabled: account.success && toCheck.length > 0,
  });
  const list = useMemo(() => {
    if (toCheck.length === 0) return buildDomainList(entries);
    return check.data ? buildDomainList(entries, check.data) : undefined;
  }, [entries, toCheck, check.data]);
  if (!account.success) {
    return (
      <InvalidParam
        title="Not an account number"
        value={accountNumber}
        reason={account.error.issues[0]?.message ?? 'Invalid account number.'}
      />
    );
  }
  const corrected = list?.domains.filter((d) => d.corrected) ?? [];

  return (
    <div className="space-y-6">
      <title>{`Transfers on account ${account.data} · Registrar Console`}</title>
      <div>
        <h1 className="text-2xl font-semibold">Transfers on account {account.data}</h1>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">
            <Link to="/" className="text-blue-800 underline">
              Back to lookup
            </Link>
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <TimeZoneToggle />
            <CopyLinkButton />
          </div>
        </div>
      </div>
      <section
        aria-labelledby="bulk-form-title"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="bulk-form-title" className="mb-2 text-lg font-semibold">
          Domains to look up
        </h2>
        <BulkLookupForm
          key={`${account.data}?${search.domains}`}
          initialAccount={account.data}
          initialDomains={entries.join('\n')}
        />
      </section>

      {!list && check.isPending && (
        <>
          <PageLoading
            label={`Checking ${toCheck.length === 1 ? 'the domain name' : `${toCheck.length} domain names`}…`}
          />
          <RetryNotice failureCount={check.failureCount} reason={check.failureReason} />
        </>
      )}
      {!list && check.isError && (
        <DomainCheckError
          error={check.error}
          count={toCheck.length}
          onRetry={() => void check.refetch()}
          retrying={check.isFetching}
        />
      )}

      {list && (corrected.length > 0 || list.invalid.length > 0 || list.duplicates > 0) && (
        <section
          aria-label="Input corrections"
          className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        >
          {corrected.length > 0 && (
            <div>
              <p className="font-medium">Corrected to the registrable domain:</p>
              <ul className="list-disc pl-5">
                {corrected.map((d) => (
                  <li key={d.ascii}>
                    showing {d.unicode} for {d.input}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {list.invalid.length > 0 && (
            <div>
              <p className="font-medium">Not looked up ({list.invalid.length}):</p>
              <ul className="list-disc pl-5">
                {list.invalid.map((entry, i) => (
                  <li key={i}>{entry.reason}</li>
                ))}
              </ul>
            </div>
          )}
          {list.duplicates > 0 && (
            <p>
              {list.duplicates} duplicate {list.duplicates === 1 ? 'entry was' : 'entries were'}{' '}
              dropped.
            </p>
          )}
        </section>
      )}

      {list && list.domains.length > 0 && (
        <Suspense fallback={<PageLoading label="Loading the results table…" />}>
          <BulkTransfers
            key={`${account.data}?${search.domains}`}
            accountNumber={account.data}
            domains={list.domains}
            filters={{ phase: search.phase, outcome: search.outcome }}
          />
        </Suspense>
      )}
    </div>
  );
}
