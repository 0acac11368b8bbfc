import type { ProcessListQuery } from '../../../contract/process-list-query.ts';
import type { Process, ProcessList } from '../../../api/rtr-schemas.ts';
import { fetchProcessList } from '../../../api/rtr-list.ts';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { buildLedger, describeCurrency } from './money.ts';
import { summariseBillables } from './billables.ts';
import { TABLE_FIELDS } from './list-query.ts';

/*
 * The CSV export of the process list: the list's own query, fetched page by page so that each
 * request stays small and a person can watch it and stop it. Loaded only when someone exports.
 */

export const EXPORT_PAGE_SIZE = 100;
export const EXPORT_MAX_ROWS = 10_000;
export const EXPORT_FIELDS = `${TABLE_FIELDS},billables`;

export type FetchPage = (
  query: ProcessListQuery,
  options: { signal: AbortSignal },
) => Promise<ProcessList>;

export interface ExportProgress {
  rows: number;
  /** How many rows the export will have (the total, capped), once the first page said. */
  expected: number | undefined;
}

export type ExportOutcome =
  | { kind: 'done'; processes: Process[]; total: number | undefined; capped: boolean }
  | { kind: 'cancelled'; processes: Process[] }
  /** `processes` are the rows so far; `resume` continues from the page that failed. */
  | { kind: 'failed'; processes: Process[]; error: unknown; resume: ExportStart };

export interface ExportStart {
  offset: number;
  processes: Process[];
  total: number | undefined;
}

/**
 * Fetches every page of `query` (its filters, text and order; its own paging is ignored) up to
 * EXPORT_MAX_ROWS. Stops at the first failed page and says where to resume; once `signal` is
 * aborted no further page is requested.
 */
export async function collectProcesses(
  query: ProcessListQuery,
  {
    signal,
    onProgress,
    fetchPage = fetchProcessList,
    start = { offset: 0, processes: [], total: undefined },
  }: {
    signal: AbortSignal;
    onProgress?: (progress: ExportProgress) => void;
    fetchPage?: FetchPage;
    start?: ExportStart;
  },
): Promise<ExportOutcome> {
  const { filters, q, order } = query;
  const processes = [...start.processes];
  let total = start.total;
  let offset = start.offset;
  const expected = () => (total === undefined ? undefined : Math.min(total, EXPORT_MAX_ROWS));
  while (processes.length < EXPORT_MAX_ROWS) {
    if (signal.aborted) return { kind: 'cancelled', processes };
    const limit = Math.min(EXPORT_PAGE_SIZE, EXPORT_MAX_ROWS - processes.length);
    let page: ProcessList;
    try {
      page = await fetchPage(
        {
          filters,
          ...(q !== undefined && { q }),
          ...(order && { order }),
          offset,
          limit,
          fields: EXPORT_FIELDS,
        },
        { signal },
      );
    } catch (error) {
      if (signal.aborted) return { kind: 'cancelled', processes };
      return { kind: 'failed', processes, error, resume: { offset, processes, total } };
    }
    total = page.pagination.total ?? total;
    processes.push(...page.entities);
    offset += page.entities.length;
    onProgress?.({ rows: processes.length, expected: expected() });
    const last = page.entities.length < limit || (total !== undefined && offset >= total);
    if (last) return { kind: 'done', processes, total, capped: false };
  }
  return {
    kind: 'done',
    processes,
    total,
    capped: total === undefined || total > processes.length,
  };
}

/** The table's columns, times in the ISO form and in the chosen zone, net per currency, billables. */
export function exportRows(
  processes: readonly Process[],
  tz: TimeZoneChoice,
  zoneName: string,
): (string | number | undefined)[][] {
  const ledgers = processes.map((p) => buildLedger({ ...p, reservation: undefined }));
  const currencies = [...new Set(ledgers.flatMap((l) => l.currencies))].sort();
  const header = [
    'id',
    'status',
    'type',
    'action',
    'identifier',
    'createdDate',
    `created (${zoneName})`,
    'updatedDate',
    `updated (${zoneName})`,
    ...currencies.map((c) => `net ${c}`),
    'billables',
    'billable quantity',
    // The API gives billables no currency: a plain sum of their amounts, in minor units.
    'billable amount (minor units)',
  ];
  const rows = processes.map((p, i) => {
    const ledger = ledgers[i]!;
    const billables = summariseBillables(p.billables ?? []);
    return [
      p.id,
      p.status,
      p.type,
      p.action,
      p.identifier,
      p.createdDate,
      formatAbsolute(p.createdDate, tz),
      p.updatedDate,
      p.updatedDate === undefined ? undefined : formatAbsolute(p.updatedDate, tz),
      ...currencies.map((c) => {
        const net = ledger.rows[c]?.net;
        // A number, not text: the formula guard would prefix a negative text with '.
        return net === undefined ? undefined : Number(decimal(net, c));
      }),
      billables.rowCount,
      billables.totalQuantity,
      billables.totalAmount,
    ];
  });
  return [header, ...rows];
}

/** Minor units as a plain decimal a spreadsheet reads as a number: 2798 EUR → "27.98". */
export function decimal(minor: number, currency: string): string {
  const digits = describeCurrency(currency).digits;
  if (digits === undefined || digits === 0 || !Number.isSafeInteger(minor)) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const magnitude = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}
