import type { QueryClient } from '@tanstack/react-query';
import type { AuditQuery } from '../../api/audit.ts';
import { AUDIT_MAX_LIMIT, type AuditEntry } from '../../contract/audit.ts';
import { auditQueries } from './queries.ts';

/** An export stops here: a spreadsheet of more is no longer read, and the API pages are 500. */
export const CSV_MAX_ROWS = 10_000;

/**
 * Every entry of the filter (all pages, newest first), up to CSV_MAX_ROWS; `total` is how many
 * matched, so the page can say when the file holds only the first ones.
 */
export async function collectAuditEntries(
  queryClient: QueryClient,
  query: Omit<AuditQuery, 'limit' | 'offset'>,
  onProgress?: (done: number, total: number) => void,
): Promise<{ entries: AuditEntry[]; total: number }> {
  const entries: AuditEntry[] = [];
  let total: number;
  do {
    const page = await queryClient.fetchQuery({
      ...auditQueries.list({
        ...query,
        limit: Math.min(AUDIT_MAX_LIMIT, CSV_MAX_ROWS - entries.length),
        offset: entries.length,
      }),
      staleTime: 0,
    });
    total = page.total;
    entries.push(...page.entries);
    onProgress?.(entries.length, total);
    // An empty page: entries went away (pruned) meanwhile; what there is, is all.
    if (page.entries.length === 0) break;
  } while (entries.length < Math.min(total, CSV_MAX_ROWS));
  return { entries, total };
}

export const CSV_HEADER = [
  'time (UTC)',
  'user',
  'kind',
  'object',
  'upstream status',
  'console error',
  'answer status',
  'request id',
] as const;

/** The CSV's rows, header first (written by lib/csv.ts, which guards against formulas). */
export function auditCsvRows(entries: readonly AuditEntry[]) {
  return [
    [...CSV_HEADER],
    ...entries.map((e) => [
      e.at,
      e.user,
      e.kind,
      e.object,
      e.upstreamStatus,
      e.errorType,
      e.status,
      e.requestId,
    ]),
  ];
}
