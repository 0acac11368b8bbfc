import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Navigate, useParams, useSearchParams, type Params } from 'react-router';
import { domainNameQueries, transferQueries } from '../../features/transfers/queries.ts';
import { PageLoading } from '../../components/page-loading.tsx';
import { RetryNotice } from '../../components/retry-notice.tsx';
import { accountNumberSchema } from '../../lib/account-number.ts';
import { checkDomainSyntax } from '../../lib/domain-syntax.ts';
import { isFlatTldName } from '../../lib/flat-tld-name.ts';
import { TransferDetail } from '../../features/transfers/components/transfer-detail.tsx';
import { DomainCheckError } from '../../features/transfers/components/domain-check-error.tsx';
import { InvalidParam } from './invalid-param.tsx';
import { readSearch, transferSearchSchema, type TransferSearch } from './search-params.ts';

/*
 * A deep link names a domain; the page looks up its registrable domain. The browser has no
 * public suffix list: a syntax error is refused here, a two-label name under .com, .net or
 * .org (example.com) is registrable and looked up at once, and any other name (www.a.com,
 * a.co.uk, co.uk, a.invalidtld) is checked by the console server first, so no upstream
 * request goes out for a sub-domain, a bare suffix or an unknown top-level domain.
 */
export function TransferRoute() {
  const { accountNumber = '', domainName = '' } = useParams();
  const [searchParams] = useSearchParams();
  const search = readSearch(transferSearchSchema, searchParams);
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

  const syntax = checkDomainSyntax(domainName);
  if (!syntax.ok) {
    return <InvalidParam title="Not a domain name" value={domainName} reason={syntax.reason} />;
  }
  if (!isFlatTldName(syntax.ascii)) {
    return (
      <ServerCheckedTransfer
        accountNumber={account.data}
        domainName={domainName}
        searchParams={searchParams}
        search={search}
      />
    );
  }
  // Upper-case or a trailing dot: the same domain, one canonical URL.
  if (syntax.ascii !== domainName) {
    return (
      <Navigate replace to={canonicalUrl(account.data, syntax.ascii, searchParams, undefined)} />
    );
  }
  return (
    <TransferPage
      accountNumber={account.data}
      ascii={syntax.ascii}
      unicode={syntax.unicode}
      search={search}
    />
  );
}

function ServerCheckedTransfer({
  accountNumber,
  domainName,
  searchParams,
  search,
}: {
  accountNumber: string;
  domainName: string;
  searchParams: URLSearchParams;
  search: TransferSearch;
}) {
  const check = useQuery(domainNameQueries.check([domainName]));
  if (check.isPending) {
    return (
      <>
        <PageLoading label="Checking the domain name…" />
        <RetryNotice failureCount={check.failureCount} reason={check.failureReason} />
      </>
    );
  }
  if (check.isError) {
    return (
      <>
        <title>Domain check failed · Registrar Console</title>
        <DomainCheckError
          headingLevel={1}
          error={check.error}
          onRetry={() => void check.refetch()}
          retrying={check.isFetching}
        />
      </>
    );
  }
  const result = check.data[0]!;
  if (!result.ok) {
    return <InvalidParam title="Not a domain name" value={domainName} reason={result.reason} />;
  }
  // One canonical URL per transfer: www., upper-case and Unicode forms redirect to it, and
  // `from` keeps what was asked for so the page can say what it corrected.
  if (result.ascii !== domainName) {
    const from = result.corrected ? domainName : undefined;
    return <Navigate replace to={canonicalUrl(accountNumber, result.ascii, searchParams, from)} />;
  }
  return (
    <TransferPage
      accountNumber={accountNumber}
      ascii={result.ascii}
      unicode={result.unicode}
      search={search}
    />
  );
}

function TransferPage({
  accountNumber,
  ascii,
  unicode,
  search,
}: {
  accountNumber: string;
  ascii: string;
  unicode: string;
  search: TransferSearch;
}) {
  return (
    <>
      <title>{`Transfer of ${unicode} · Registrar Console`}</title>
      {search.from && (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          Showing <strong>{unicode}</strong> for <strong>{search.from}</strong>: transfers are
          looked up by registrable domain.
        </p>
      )}
      <TransferDetail
        key={`${accountNumber}/${ascii}`}
        accountNumber={accountNumber}
        domainName={ascii}
        displayName={unicode}
      />
    </>
  );
}

function canonicalUrl(
  accountNumber: string,
  ascii: string,
  searchParams: URLSearchParams,
  from: string | undefined,
) {
  const params = new URLSearchParams(searchParams);
  if (from) params.set('from', from);
  const query = params.size > 0 ? `?${params}` : '';
  return `/transfers/${accountNumber}/${ascii}${query}`;
}

/**
 * Starts the requests of a deep link from the URL alone (see app/lazy-page.tsx): the status
 * and history of a canonical flat name, or the server's check of any other name.
 */
export function prefetchTransfer(queryClient: QueryClient, params: Params) {
  const { accountNumber = '', domainName = '' } = params;
  const syntax = checkDomainSyntax(domainName);
  if (!accountNumberSchema.safeParse(accountNumber).success || !syntax.ok) return;
  if (!isFlatTldName(syntax.ascii)) {
    void queryClient.prefetchQuery(domainNameQueries.check([domainName]));
    return;
  }
  if (syntax.ascii !== domainName) return;
  // History after the status: the server records the status as it passes, so the history then
  // includes it.
  void queryClient
    .prefetchQuery(transferQueries.status(accountNumber, domainName))
    .then(() => queryClient.prefetchQuery(transferQueries.history(accountNumber, domainName)));
}
