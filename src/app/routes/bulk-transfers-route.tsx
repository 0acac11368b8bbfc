import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { accountNumberSchema } from '../../contract/account-number.ts';
import { splitDomainList } from '../../contract/domain-syntax.ts';
import { CopyLinkButton } from '../../components/copy-link-button.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { TimeZoneToggle } from '../../components/time-zone-toggle.tsx';
import { BulkLookupForm } from '../../features/transfers/components/bulk-lookup-form.tsx';
import {
  buildDomainList,
  namesToCheck,
  type DomainList,
} from '../../features/transfers/domain-list.ts';
import { InvalidParam } from './invalid-param.tsx';
import { alertClass } from '../../components/ui/alert.tsx';
import * as z from 'zod/mini';
import {
  OUTCOME_FILTERS,
  PHASE_FILTERS,
  SORT_VALUES,
} from '../../features/transfers/bulk-filters.ts';
import {
  fragmentList,
  knownFragmentList,
  readFragmentList,
} from '../../features/transfers/bulk-link.ts';
import { bulkRunnerCode, useBulkRunner } from '../../features/transfers/use-bulk-runner.ts';
import { lazyRetry } from '../../components/lazy-retry.tsx';
import { useLocalChecks } from '../../features/transfers/use-local-checks.ts';
import { readSearch, type SearchOf, type SearchShape } from './search-params.ts';
import { warmUpDateFormat } from '../../lib/time.ts';
import { rememberedTimeZone, useTimeZone } from '../../lib/use-time-zone.ts';

// Only a list with names other than plain example.com needs the server's check: its request,
// the contract's schemas and its error state are a chunk of their own.
const BulkServerCheck = lazy(() =>
  import('./bulk-server-check.tsx').then((m) => ({ default: m.BulkServerCheck })),
);

// The results table (virtualised rows, lifecycle model) and the runner that streams the answers
// are chunks of their own, fetched as the page opens (prefetchBulk), in parallel with its
// checks. Once loaded, the table renders without suspending (lazyRetry), so the first answers
// are not held back by React's reveal throttle.
const BulkTransfers = lazyRetry(() =>
  import('../../features/transfers/components/bulk-transfers.tsx').then((m) => m.BulkTransfers),
);

/**
 * Called before the page renders (a cold link, see app-routes.tsx) and when a person starts on
 * the home page's bulk form: fetches the results table and the runner, and makes the rows'
 * date formatter in idle time.
 */
export function prefetchBulk(): void {
  BulkTransfers.preload().catch(() => undefined);
  bulkRunnerCode.load().catch(() => undefined);
  warmUpDateFormat(rememberedTimeZone());
}

const values = <T extends readonly (readonly [string, string])[]>(options: T) =>
  options.map(([value]) => value) as unknown as [T[number][0], ...T[number][0][]];

export const bulkSearchShape = {
  /** The entries as typed, comma-separated; the page checks them. */
  domains: z.string(),
  phase: z.enum(values(PHASE_FILTERS)),
  outcome: z.enum(values(OUTCOME_FILTERS)),
  sort: z.enum(SORT_VALUES),
} satisfies SearchShape;
export type BulkSearch = SearchOf<typeof bulkSearchShape>;

export function BulkTransfersRoute() {
  const { accountNumber = '' } = useParams();
  const [searchParams] = useSearchParams();
  const search = readSearch(bulkSearchShape, searchParams);
  const account = accountNumberSchema.safeParse(accountNumber);
  // A long list comes in the fragment, compressed (see bulk-link.ts); `?domains=` wins.
  const { hash } = useLocation();
  const fragment = useFragmentList(search.domains === undefined ? hash : '');
  const domains = search.domains ?? (fragment.state === 'read' ? fragment.text : '');
  const entries = useMemo(() => splitDomainList(domains), [domains]);
  // Plain .com/.net/.org names are decided here; a list of only those sends no check request.
  const checkedLocally = useLocalChecks(entries);
  const toCheck = useMemo(
    () => (checkedLocally ? namesToCheck(entries) : undefined),
    [entries, checkedLocally],
  );
  const localList = useMemo(
    () => (toCheck?.length === 0 ? buildDomainList(entries) : undefined),
    [entries, toCheck],
  );
  if (!account.success) {
    return (
      <InvalidParam
        title="Not an account number"
        value={accountNumber}
        reason={account.error.issues[0]?.message ?? 'Invalid account number.'}
      />
    );
  }
  const results = (list: DomainList) => (
    <BulkResults
      key={`${account.data}?${domains}`}
      accountNumber={account.data}
      list={list}
      search={search}
    />
  );

  return (
    <div className="space-y-6">
      <title>{`Transfers on account ${account.data} · Registrar Console`}</title>
      <div>
        <h1 className="text-2xl font-semibold">Transfers on account {account.data}</h1>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm">
            <Link to="/" className="text-link underline">
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
        className="rounded-lg border border-line bg-surface p-4"
      >
        <h2 id="bulk-form-title" className="mb-2 text-lg font-semibold">
          Domains to look up
        </h2>
        <BulkLookupForm
          key={`${account.data}?${domains}`}
          initialAccount={account.data}
          initialDomains={entries.join('\n')}
        />
      </section>

      {fragment.state === 'reading' ? (
        <PageLoading label="Reading the domain list of the link…" />
      ) : fragment.state === 'failed' ? (
        <p role="alert" className={alertClass({ tone: 'danger' })}>
          The domain list in this link could not be read ({fragment.reason}): the link may have been
          cut short when it was copied. Ask for the link again, or paste the domains above.
        </p>
      ) : !toCheck ? (
        <PageLoading label="Checking the domain names…" />
      ) : localList ? (
        results(localList)
      ) : (
        <Suspense fallback={<PageLoading label="Checking the domain names…" />}>
          <BulkServerCheck entries={entries} names={toCheck}>
            {results}
          </BulkServerCheck>
        </Suspense>
      )}
    </div>
  );
}

/** What the list came to (corrections, refusals, duplicates) and the results table. */
function BulkResults({
  accountNumber,
  list,
  search,
}: {
  accountNumber: string;
  list: DomainList;
  search: BulkSearch;
}) {
  const corrected = list.domains.filter((d) => d.corrected);
  const names = useMemo(() => list.domains.map((d) => d.ascii), [list]);
  const runner = useBulkRunner(accountNumber, names);
  const [timeZone] = useTimeZone();
  // Formatting the rows' dates needs the locale set up (see warmUpDateFormat): in idle time
  // once the lookups are sent (before, it would delay them), not in the render of the first
  // rows. Done already when the list came from the home page's form.
  useEffect(() => {
    if (runner) warmUpDateFormat(timeZone);
  }, [runner, timeZone]);
  return (
    <>
      {(corrected.length > 0 || list.invalid.length > 0 || list.duplicates > 0) && (
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

      {list.domains.length > 0 &&
        (runner ? (
          <Suspense fallback={<PageLoading label="Loading the results table…" />}>
            <BulkTransfers
              accountNumber={accountNumber}
              domains={list.domains}
              runner={runner}
              filters={{ phase: search.phase, outcome: search.outcome, sort: search.sort }}
            />
          </Suspense>
        ) : (
          <PageLoading label="Loading the results table…" />
        ))}
    </>
  );
}

type FragmentList =
  | { state: 'none' }
  | { state: 'reading' }
  | { state: 'read'; text: string }
  | { state: 'failed'; reason: string };

/** The list a `#dz=…` fragment holds, once inflated (it takes a moment: CompressionStream). */
function useFragmentList(hash: string): FragmentList {
  const encoded = fragmentList(hash);
  const known = encoded === undefined ? undefined : knownFragmentList(encoded);
  const [read, setRead] = useState<{ encoded: string; result: FragmentList }>();
  useEffect(() => {
    if (encoded === undefined || known !== undefined) return;
    let current = true;
    readFragmentList(encoded).then(
      (text) => current && setRead({ encoded, result: { state: 'read', text } }),
      (error: unknown) =>
        current &&
        setRead({
          encoded,
          result: {
            state: 'failed',
            reason: error instanceof Error ? error.message : 'not a compressed list',
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [encoded, known]);
  if (encoded === undefined) return { state: 'none' };
  if (known !== undefined) return { state: 'read', text: known };
  return read?.encoded === encoded ? read.result : { state: 'reading' };
}
