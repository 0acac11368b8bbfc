import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PageLoading } from '../../components/page-loading.tsx';
import { RetryNotice } from '../../components/retry-notice.tsx';
import { DomainCheckError } from '../../features/transfers/components/domain-check-error.tsx';
import { buildDomainList, type DomainList } from '../../features/transfers/domain-list.ts';
import { domainNameQueries } from '../../features/transfers/domain-queries.ts';

/**
 * The console server checks the `names` of a pasted list that the browser cannot judge alone
 * (one request for all of them); `children` gets the whole list once it has answered.
 */
export function BulkServerCheck({
  entries,
  names,
  children,
}: {
  entries: readonly string[];
  names: readonly string[];
  children: (list: DomainList) => ReactNode;
}) {
  const check = useQuery(domainNameQueries.check(names));
  if (check.isPending) {
    return (
      <>
        <PageLoading
          label={`Checking ${names.length === 1 ? 'the domain name' : `${names.length} domain names`}…`}
        />
        <RetryNotice failureCount={check.failureCount} reason={check.failureReason} />
      </>
    );
  }
  if (check.isError) {
    return (
      <DomainCheckError
        error={check.error}
        count={names.length}
        onRetry={() => void check.refetch()}
        retrying={check.isFetching}
      />
    );
  }
  return children(buildDomainList(entries, check.data));
}
