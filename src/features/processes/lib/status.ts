import type { KnownProcessStatus } from '../../../api/rtr-schemas.ts';

export type StatusTone = 'neutral' | 'info' | 'progress' | 'success' | 'warning' | 'danger';

export interface StatusDescription {
  /** The value as the API sent it. */
  status: string;
  label: string;
  /** One sentence a reseller understands. */
  explanation: string;
  tone: StatusTone;
  /** A final process will not change again. */
  final: boolean;
  /** Whether the status is in the API documentation. */
  known: boolean;
}

type KnownStatusFacts = Omit<StatusDescription, 'status' | 'known'>;

const STATUSES: Record<KnownProcessStatus, KnownStatusFacts> = {
  NEW: {
    label: 'New',
    explanation: 'The request was received and is queued; it has not been checked yet.',
    tone: 'info',
    final: false,
  },
  VALIDATED: {
    label: 'Validated',
    explanation: 'The request passed its checks and is about to be carried out.',
    tone: 'info',
    final: false,
  },
  RUNNING: {
    label: 'Running',
    explanation: 'The operation is being carried out right now, usually at the registry.',
    tone: 'progress',
    final: false,
  },
  COMPLETED: {
    label: 'Completed',
    explanation: 'The operation finished successfully.',
    tone: 'success',
    final: true,
  },
  INVALID: {
    label: 'Invalid',
    explanation: 'The request was rejected as invalid, so nothing was carried out.',
    tone: 'danger',
    final: true,
  },
  CANCELLED: {
    label: 'Cancelled',
    explanation: 'The process was cancelled before it finished; nothing more will happen.',
    tone: 'neutral',
    final: true,
  },
  FAILED: {
    label: 'Failed',
    explanation:
      'The operation stopped with an error and will not be retried; the status detail or error says why.',
    tone: 'danger',
    final: true,
  },
  IN_DOUBT: {
    label: 'In doubt',
    explanation:
      'The process is in an unresolved error state: Realtime Register support must resolve it.',
    tone: 'danger',
    final: false,
  },
  SCHEDULED: {
    label: 'Scheduled',
    explanation: 'The process is waiting to start at a scheduled time.',
    tone: 'info',
    final: false,
  },
  SUSPENDED: {
    label: 'Suspended',
    explanation:
      'The process is paused while it waits for something, such as the registry, an approval or a timer.',
    tone: 'warning',
    final: false,
  },
};

/**
 * Plain-language facts about a process status. Matching is exact (the API sends upper case);
 * anything else is shown verbatim and marked as undocumented, never guessed at.
 */
export function describeStatus(status: string): StatusDescription {
  if (Object.hasOwn(STATUSES, status)) {
    return { status, known: true, ...STATUSES[status as KnownProcessStatus] };
  }
  return {
    status,
    label: status,
    explanation:
      'This status is not in the API documentation, so the console cannot say what it means; it is shown as Realtime Register sent it.',
    tone: 'neutral',
    final: false,
    known: false,
  };
}

/**
 * Whether the process may still change, i.e. whether a view should keep refreshing it.
 * Unknown statuses count as NOT live: nothing says they ever end, and treating them as live
 * would poll forever. IN_DOUBT is live (it can change once support steps in), so callers
 * should poll it slowly.
 */
export function isLiveStatus(status: string): boolean {
  const description = describeStatus(status);
  return description.known && !description.final;
}
