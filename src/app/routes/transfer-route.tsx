import type { QueryClient } from '@tanstack/react-query';
import { Navigate, useParams, useSearchParams, type Params } from 'react-router';
import { transferQueries } from '../../features/transfers/queries.ts';
import { PageLoading } from '../../components/page-loading.tsx';
import { accountNumberSchema } from '../../contract/account-number.ts';
import { useDomainRules } from '../../lib/domain-rules.ts';
import { checkDomainSyntax } from '../../contract/domain-syntax.ts';
import { isFlatTldName } from '../../contract/flat-tld-name.ts';
import { TransferDetail } from '../../features/transfers/components/transfer-detail.tsx';
import { InvalidParam } from './invalid-param.tsx';
import { alertClass } from '../../components/ui/alert.tsx';

export function TransferRoute() {
  const { accountNumber = '', domainName = '' } = useParams();
  const [searchParams] = useSearchParams();
  const rules = useDomainRules();
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
  const full = rules?.checkDomainName(domainName);
  if (!syntax.ok || (full && !full.ok)) {
    const reason = !syntax.ok ? syntax.reason : full && !full.ok ? full.reason : '';
    return <InvalidParam title="Not a domain name" value={domainName} reason={reason} />;
  }

  // One canonical URL per transfer: www., upper-case and Unicode forms redirect to it, and
  // `from` keeps what was asked for so the page can say what it corrected.
  const canonical = full?.ascii ?? syntax.ascii;
  if (canonical !== domainName) {
    const params = new URLSearchParams(searchParams);
    if (full?.corrected) params.set('from', domainName);
    return <Navigate replace to={`/transfers/${account.data}/${canonical}?${params}`} />;
  }

  // A two-label name under .com, .net or .org (example.com) is always a registrable domain, so
  // it is looked up at once; any other name (www.example.com, example.co.uk?, co.uk,
  // example.invalidtld) waits the few milliseconds for the public suffix list, so that no
  // request goes out for a sub-domain, a bare suffix or an unknown top-level domain.
  if (!full && !isFlatTldName(syntax.ascii)) {
    return <PageLoading label="Checking the domain name…" />;
  }

  const correctedFrom = searchParams.get('from');
  return (
    <>
      <title>{`Transfer of ${syntax.unicode} · Registrar Console`}</title>
      {correctedFrom && (
        <p role="status" className={alertClass({ tone: 'warning', className: 'mb-4' })}>
          Showing <strong>{syntax.unicode}</strong> for <strong>{correctedFrom}</strong>: transfers
          are looked up by registrable domain.
        </p>
      )}
      <TransferDetail
        key={`${account.data}/${syntax.ascii}`}
        accountNumber={account.data}
        domainName={syntax.ascii}
        displayName={syntax.unicode}
      />
    </>
  );
}

/** Starts the requests of a canonical deep link from the URL alone (see app/lazy-page.tsx). */
export function prefetchTransfer(queryClient: QueryClient, params: Params) {
  const { accountNumber = '', domainName = '' } = params;
  const syntax = checkDomainSyntax(domainName);
  if (!accountNumberSchema.safeParse(accountNumber).success || !syntax.ok) return;
  if (syntax.ascii !== domainName || !isFlatTldName(syntax.ascii)) return;
  // History after the status: the server records the status as it passes, so the history then
  // includes it.
  void queryClient
    .prefetchQuery(transferQueries.status(accountNumber, domainName))
    .then(() => queryClient.prefetchQuery(transferQueries.history(accountNumber, domainName)));
}
