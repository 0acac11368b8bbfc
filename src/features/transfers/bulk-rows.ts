import type { TransferStatus } from '../../contract/transfer-status.ts';
import { isApiError } from '../../api/api-error.ts';
import type { CheckedDomain } from '../../contract/domain-check.ts';
import { describeTransferStatus } from './lifecycle.ts';
import type { BulkEntry } from './bulk-runner.ts';
import { PHASE_FILTERS, type SortColumn, type SortValue } from './bulk-filters.ts';
import { notRecordedReason } from './history-note.ts';

const PHASE_LABELS: Record<string, string> = Object.fromEntries(PHASE_FILTERS);

export interface BulkRow {
  domain: CheckedDomain;
  /**
   * `no-order`: Hostway answered 404, there is no transfer order for the domain. That is an
   * answer, like a status: nothing to retry. `failed`: the lookup itself failed.
   */
  state: 'queued' | 'loading' | 'done' | 'no-order' | 'failed';
  status?: TransferStatus;
  description?: { label: string; phase: string; phaseLabel: string; outcome: string };
  /** Why the console could not record this status in its history, in words; else unset. */
  notRecorded?: string;
  /** In a few words, why there is no status (a failure, or "No transfer order"). */
  error?: string;
}

/** A row that has its answer or its failure: what the progress counts. */
export const isSettled = (row: BulkRow) => row.state !== 'queued' && row.state !== 'loading';

// A row is rebuilt only when its entry changes: with 5,000 rows, a frame's update costs one
// lookup per row, not 5,000 descriptions.
const rowCache = new WeakMap<CheckedDomain, { entry: BulkEntry; row: BulkRow }>();

export function buildBulkRows(
  domains: readonly CheckedDomain[],
  entries: readonly BulkEntry[],
): BulkRow[] {
  return domains.map((domain, index) => {
    const entry = entries[index] ?? QUEUED;
    const cached = rowCache.get(domain);
    if (cached?.entry === entry) return cached.row;
    const row = buildRow(domain, entry);
    rowCache.set(domain, { entry, row });
    return row;
  });
}

const QUEUED: BulkEntry = { state: 'queued' };

function buildRow(domain: CheckedDomain, entry: BulkEntry): BulkRow {
  if (entry.state === 'done' && entry.data) {
    const described = describeTransferStatus(entry.data);
    const phase = PHASE_LABELS[described.phase] ? described.phase : 'other';
    return {
      domain,
      state: 'done',
      status: entry.data,
      description: {
        label: described.label,
        phase,
        phaseLabel: PHASE_LABELS[phase]!,
        outcome: described.outcome,
      },
      ...(entry.notRecorded && { notRecorded: notRecordedReason(entry.notRecorded.reason) }),
    };
  }
  if (entry.state === 'failed') {
    const noOrder = isApiError(entry.error) && entry.error.kind === 'not-found';
    return { domain, state: noOrder ? 'no-order' : 'failed', error: errorSummary(entry.error) };
  }
  return { domain, state: entry.state === 'loading' ? 'loading' : 'queued' };
}

const PHASE_ORDER = new Map<string, number>(PHASE_FILTERS.map(([phase], i) => [phase, i]));

/** What a row is sorted by in `column`; undefined sorts last in either direction. */
function sortKey(row: BulkRow, column: SortColumn): string | number | undefined {
  switch (column) {
    case 'domain':
      return row.domain.unicode;
    case 'status':
      return row.status?.status;
    case 'phase':
      return row.description && PHASE_ORDER.get(row.description.phase);
    case 'changed': {
      const at = row.status?.statusChangeDate;
      return at === undefined ? undefined : Date.parse(at);
    }
  }
}

/**
 * The rows in the order `sort` asks for (`-` first: descending); rows without a value last,
 * ties in the order they were entered. Without `sort`, the rows as they are.
 */
export function sortRows(rows: BulkRow[], sort: SortValue | undefined): BulkRow[] {
  if (!sort) return rows;
  const descending = sort.startsWith('-');
  const column = (descending ? sort.slice(1) : sort) as SortColumn;
  const keyed = rows.map((row, index) => ({ row, index, key: sortKey(row, column) }));
  const direction = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined || Number.isNaN(a.key) || Number.isNaN(b.key)) {
      const aMissing = a.key === undefined || Number.isNaN(a.key);
      const bMissing = b.key === undefined || Number.isNaN(b.key);
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      return a.index - b.index;
    }
    if (a.key < b.key) return -direction;
    if (a.key > b.key) return direction;
    return a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

export function filterRows(rows: BulkRow[], phase: string, outcome: string): BulkRow[] {
  if (!phase && !outcome) return rows;
  return rows.filter((row) => {
    if (phase && row.description?.phase !== phase) return false;
    if (!outcome) return true;
    if (outcome === 'lookup-failed') return row.state === 'failed';
    if (outcome === 'no-order') return row.state === 'no-order';
    if (outcome === 'pending') return row.state === 'queued' || row.state === 'loading';
    return row.description?.outcome === outcome;
  });
}

export function errorSummary(error: unknown): string {
  if (!isApiError(error)) return 'Lookup failed';
  switch (error.errorType) {
    case 'UpstreamQueueFull':
      return 'Console busy';
    case 'UpstreamRateLimited':
      return 'Paused: the API asked to slow down';
    case 'ConsoleMisdirectedRequest':
    case 'ConsoleForbiddenOrigin':
      return 'Refused by the console';
  }
  switch (error.kind) {
    case 'not-found':
      return 'No transfer order';
    case 'rate-limited':
      return 'Rate-limited by the API';
    case 'bad-response':
      return 'Unexpected answer';
    case 'timeout':
      return 'No answer in time';
    case 'network':
      return 'API unreachable';
    case 'upstream-error':
      return `Registry error (HTTP ${error.status ?? '?'})`;
    case 'unauthorized':
    case 'forbidden':
      return 'Console credentials refused';
    case 'invalid-input':
      return error.message;
  }
}
