import type { TransferStatus } from '../../contract/transfer-status.ts';
import { isApiError } from '../../api/api-error.ts';
import type { CheckedDomain } from '../../contract/domain-check.ts';
import { describeTransferStatus } from './lifecycle.ts';
import type { BulkEntry } from './bulk-runner.ts';
import { PHASE_FILTERS } from './bulk-filters.ts';
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

export function buildBulkRows(
  domains: readonly CheckedDomain[],
  entries: readonly BulkEntry[],
): BulkRow[] {
  return domains.map((domain, index) => {
    const entry = entries[index] ?? { state: 'queued' };
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
  });
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
