import type { HistoryFailureReason } from '../../contract/history-header.ts';

const REASONS: Record<HistoryFailureReason, string> = {
  'disk-full': "the console's disk is full",
  'read-only': "the console's database is read-only",
  'database-error': "the console's database failed",
};

/** Why a status was not recorded, in words; a reason this page does not know yet is a failure too. */
export function notRecordedReason(reason: string | null | undefined): string {
  return typeof reason === 'string' && Object.hasOwn(REASONS, reason)
    ? REASONS[reason as HistoryFailureReason]
    : REASONS['database-error'];
}
