import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Navigate, useParams, useSearchParams, type Params } from 'react-router';
import { Section } from '../../components/section.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { TimeZoneToggle } from '../../components/time-zone-toggle.tsx';
import { accountNumberSchema } from '../../contract/account-number.ts';
import { checkDomainSyntax } from '../../contract/domain-syntax.ts';
import { isFlatTldName } from '../../contract/flat-tld-name.ts';
import { LIST_OFFSET_MAX } from '../../contract/process-list-query.ts';
import {
  DomainProcesses,
  domainProcessesQuery,
} from '../../features/processes/components/domain-processes.tsx';
import { processListQueries } from '../../features/processes/list-queries.ts';
import { DomainCheckError } from '../../features/transfers/components/domain-check-error.tsx';
import { DomainTransfer } from '../../features/transfers/components/domain-transfer.tsx';
import { domainNameQueries } from '../../features/transfers/domain-queries.ts';
import { useRememberedAccountNumber } from '../../lib/remembered-account.ts';
import { useTimeZone } from '../../lib/use-time-zone.ts';
import { InvalidParam } from './invalid-param.tsx';

/*
 * `/domains/:domainName`: everything the console knows about one domain: its processes
 * (identifier = the domain), its transfer on an account (`?account=`, else the one used last)
 * and the observed transfer history. A name that is not plain example.com is checked by the
 * console server first, and www., upper-case or Unicode forms redirect to the registrable domain.
 */
export function DomainRoute() {
  const { domainName = '' } = useParams();
  const syntax = checkDomainSyntax(domainName);
  if (!syntax.ok) {
    return <InvalidParam title="Not a domain name" value={domainName} reason={syntax.reason} />;
  }
  if (isFlatTldName(syntax.ascii)) {
    if (syntax.ascii !== domainName) return <Redirect to={syntax.ascii} />;
    return <DomainPage ascii={syntax.ascii} unicode={syntax.ascii} />;
  }
  return <ServerCheckedDomain domainName={domainName} />;
}

function ServerCheckedDomain({ domainName }: { domainName: string }) {
  const check = useQuery(domainNameQueries.check([domainName]));
  if (check.isPending) return <PageLoading label="Checking the domain name…" />;
  if (check.isError) {
    return (
      <DomainCheckError
        headingLevel={1}
        error={check.error}
        onRetry={() => void check.refetch()}
        retrying={check.isFetching}
      />
    );
  }
  const result = check.data[0]!;
  if (!result.ok) {
    return <InvalidParam title="Not a domain name" value={domainName} reason={result.reason} />;
  }
  if (result.ascii !== domainName) {
    return <Redirect to={result.ascii} from={result.corrected ? domainName : undefined} />;
  }
  return <DomainPage ascii={result.ascii} unicode={result.unicode} />;
}

/** To the canonical name, keeping the other params; `from` says what was corrected. */
function Redirect({ to, from }: { to: string; from?: string }) {
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (from) next.set('from', from);
  const search = next.toString();
  return <Navigate replace to={`/domains/${to}${search ? `?${search}` : ''}`} />;
}

function readOffset(params: URLSearchParams): number {
  const n = Number(params.get('offset') ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= LIST_OFFSET_MAX ? n : 0;
}

function DomainPage({ ascii, unicode }: { ascii: string; unicode: string }) {
  const [params, setParams] = useSearchParams();
  const [timeZone] = useTimeZone();
  const remembered = useRememberedAccountNumber();
  const asked = accountNumberSchema.safeParse(params.get('account') ?? '');
  const accountNumber = asked.success ? asked.data : remembered || undefined;
  const from = params.get('from');
  const withParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    return next;
  };
  return (
    <article aria-labelledby="domain-title" className="space-y-6">
      <title>{`${unicode} · Registrar Console`}</title>
      {from && (
        <p role="status" className="text-sm text-fg-muted">
          Showing <strong>{unicode}</strong> for <strong>{from}</strong>: the console looks domains
          up by their registrable name.
        </p>
      )}
      <header className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 id="domain-title" className="text-2xl font-semibold break-all">
            {unicode}
          </h1>
          {unicode !== ascii && <p className="font-mono text-sm text-fg-muted">{ascii}</p>}
        </div>
        <TimeZoneToggle />
      </header>
      <Section id="processes" title="Processes">
        <DomainProcesses
          domain={ascii}
          offset={readOffset(params)}
          timeZone={timeZone}
          pageHref={(offset) => `?${withParam('offset', String(offset)).toString()}`}
        />
      </Section>
      <Section id="transfer" title="Transfer">
        <DomainTransfer
          domain={ascii}
          shownName={unicode}
          accountNumber={accountNumber}
          timeZone={timeZone}
          onAccount={(account) => setParams(withParam('account', account))}
        />
      </Section>
    </article>
  );
}

/** Starts the first page of processes from the URL alone (see app/lazy-page.tsx). */
export function prefetchDomain(queryClient: QueryClient, params: Params) {
  const syntax = checkDomainSyntax(params.domainName ?? '');
  if (!syntax.ok || !isFlatTldName(syntax.ascii) || syntax.ascii !== params.domainName) return;
  const offset = readOffset(new URLSearchParams(window.location.search));
  void queryClient.prefetchQuery(
    processListQueries.page(domainProcessesQuery(syntax.ascii, offset)),
  );
}
