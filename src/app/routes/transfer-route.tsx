import { lazy, Suspense } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { Navigate, useParams, useSearchParams, type Params } from 'react-router';
import { transferQueries } from '../../features/transfers/queries.ts';
import { PageLoading } from '../../components/page-loading.tsx';
import { accountNumberSchema } from '../../contract/account-number.ts';
import { checkDomainSyntax } from '../../contract/domain-syntax.ts';
import { isFlatTldName } from '../../contract/flat-tld-name.ts';
import { InvalidParam } from './invalid-param.tsx';
import { canonicalUrl, readTransferSearch, TransferPage } from './transfer-page.tsx';

// The server's check (its request, the contract's schemas, its error state) is for names
// that are not plain example.com: a chunk of its own, so those pages do not carry it.
const loadServerCheck = () => import('./server-checked-transfer.tsx');
const ServerCheckedTransfer = lazy(() =>
  loadServerCheck().then((m) => ({ default: m.ServerCheckedTransfer })),
);

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
  const search = readTransferSearch(searchParams);
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
      <Suspense fallback={<PageLoading label="Checking the domain name…" />}>
        <ServerCheckedTransfer
          accountNumber={account.data}
          domainName={domainName}
          searchParams={searchParams}
          search={search}
        />
      </Suspense>
    );
  }
  // Upper-case or a trailing dot: the same domain, one canonical URL.
  if (syntax.ascii !== domainName) {
    return (
      <Navigate replace to={canonicalUrl(account.data, syntax.ascii, searchParams, undefined)} />
    );
  }
  // Not an IDN (those are checked by the server, see isFlatTldName): it reads the same in Unicode.
  return (
    <TransferPage
      accountNumber={account.data}
      ascii={syntax.ascii}
      unicode={syntax.ascii}
      search={search}
    />
  );
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
    void loadServerCheck().then((m) => m.prefetchDomainCheck(queryClient, domainName));
    return;
  }
  if (syntax.ascii !== domainName) return;
  // History after the status: the server records the status as it passes, so the history then
  // includes it.
  void queryClient
    .prefetchQuery(transferQueries.status(accountNumber, domainName))
    .then(() => queryClient.prefetchQuery(transferQueries.history(accountNumber, domainName)));
}
