/**
 * The process statuses the Realtime Register API documents: the response schema stays lenient
 * about others (src/api/rtr-schemas.ts), the process list's `status` filter accepts only these.
 */
export const PROCESS_STATUSES = [
  'NEW',
  'VALIDATED',
  'RUNNING',
  'COMPLETED',
  'INVALID',
  'CANCELLED',
  'FAILED',
  'IN_DOUBT',
  'SCHEDULED',
  'SUSPENDED',
] as const;
