import { useQuery, type QueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { PageLoading } from '../../components/page-loading.tsx';
import { RetryNotice } from '../../components/retry-notice.tsx';
import { DomainCheckError } from '../../features/transfers/components/domain-check-error.tsx';
import { domainNameQueries } from '../../features/transfers/domain-queries.ts';
import { InvalidParam } from './invalid-param.tsx';
import { canonicalUrl, TransferPage, type TransferSearch } from './transfer-page.tsx';

/**
 * A deep link to a name the browser cannot judge alone (www.a.com, a.co.uk, a.invalidtld):
 * the console server says which registrable domain it is, or why it is none.
 */
export function ServerCheckedTransfer({
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

/** Starts the check from the URL alone, before the first render (see transfer-route.tsx). */
export function prefetchDomainCheck(queryClient: QueryClient, domainName: string) {
  void queryClient.prefetchQuery(domainNameQueries.check([domainName]));
}
