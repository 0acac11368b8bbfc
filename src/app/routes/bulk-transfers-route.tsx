import { lazy, Suspense, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { accountNumberSchema } from '../../contract/account-number.ts';
import { useDomainRules } from '../../lib/domain-rules.ts';
import { PageLoading } from '../../components/page-loading.tsx';
import { BulkLookupForm } from '../../features/transfers/components/bulk-lookup-form.tsx';
import { InvalidParam } from './invalid-param.tsx';
import { alertClass } from '../../components/ui/alert.tsx';

// The results table (virtualised rows, request queue, lifecycle model) is needed only once the
// domains are checked, so it is fetched while the suffix list loads.
const BulkTransfers = lazy(() =>
  import('../../features/transfers/components/bulk-transfers.tsx').then((m) => ({
    default: m.BulkTransfers,
  })),
);

export function BulkTransfersRoute() {
  const { accountNumber = '' } = useParams();
  const [searchParams] = useSearchParams();
  const domainsParam = searchParams.get('domains') ?? '';
  const rules = useDomainRules();
  const list = useMemo(() => rules?.parseDomainList(domainsParam), [rules, domainsParam]);
  const account = accountNumberSchema.safeParse(accountNumber);
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
        <p className="mt-1 text-sm">
          <Link to="/" className="text-link underline">
            Back to lookup
          </Link>
        </p>
      </div>
      <section
        aria-labelledby="bulk-form-title"
        className="rounded-lg border border-line bg-surface p-4"
      >
        <h2 id="bulk-form-title" className="mb-2 text-lg font-semibold">
          Domains to look up
        </h2>
        <BulkLookupForm
          key={`${account.data}?${domainsParam}`}
          initialAccount={account.data}
          initialDomains={domainsParam.split(',').filter(Boolean).join('\n')}
        />
      </section>

      {domainsParam && !list && <PageLoading label="Checking the domain names…" />}

      {list && (corrected.length > 0 || list.invalid.length > 0 || list.duplicates > 0) && (
        <section
          aria-label="Input corrections"
          className={alertClass({ tone: 'warning', className: 'space-y-2' })}
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
            key={`${account.data}?${domainsParam}`}
            accountNumber={account.data}
            domains={list.domains}
          />
        </Suspense>
      )}
    </div>
  );
}
