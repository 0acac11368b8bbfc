import { useParams } from 'react-router';
import { accountNumberSchema } from '../../lib/account-number.ts';
import { checkDomainName } from '../../lib/domain-name.ts';
import { TransferDetail } from '../../features/transfers/components/transfer-detail.tsx';
import { InvalidParam } from './invalid-param.tsx';

export function TransferRoute() {
  const { accountNumber = '', domainName = '' } = useParams();
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
  const domain = checkDomainName(domainName);
  if (!domain.ok) {
    return <InvalidParam title="Not a domain name" value={domainName} reason={domain.reason} />;
  }
  return (
    <>
      <title>{`Transfer of ${domain.ascii} · Registrar Console`}</title>
      {domain.corrected && (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          Showing <strong>{domain.ascii}</strong> for <strong>{domainName}</strong>: transfers are
          looked up by registrable domain.
        </p>
      )}
      <TransferDetail
        key={`${account.data}/${domain.ascii}`}
        accountNumber={account.data}
        domainName={domain.ascii}
      />
    </>
  );
}
