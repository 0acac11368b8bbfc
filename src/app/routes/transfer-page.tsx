import * as z from 'zod/mini';
import { TransferDetail } from '../../features/transfers/components/transfer-detail.tsx';
import { alertClass } from '../../components/ui/alert.tsx';

/**
 * The transfer page's search params (besides `tz`, see lib/use-time-zone.ts). One param, so
 * no readSearch (search-params.ts): this page is the tightest on its bundle budget.
 */
const fromSchema = z.string().check(z.refine((from) => from.length > 0 && from.length <= 1_000));
export interface TransferSearch {
  /** What was asked for before the redirect to the registrable domain. */
  from?: string;
}

/** Reads the params; one that is invalid reads as absent. */
export function readTransferSearch(params: URLSearchParams): TransferSearch {
  const from = fromSchema.safeParse(params.get('from'));
  return from.success ? { from: from.data } : {};
}

/** The transfer page once the domain is known to be registrable (locally or by the server). */
export function TransferPage({
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
        <p role="status" className={alertClass({ tone: 'warning', className: 'mb-4' })}>
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

/** The one URL of a transfer's page, keeping the other search params. */
export function canonicalUrl(
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
