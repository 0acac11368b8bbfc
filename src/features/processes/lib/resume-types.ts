import type { KnownResumeType } from '../../../api/rtr-schemas.ts';

/**
 * `waiting`: what the process waits for before it goes on. `action`: something a user can do
 * to the process now (resend the approval mail, cancel). The API mixes both in one list.
 */
export type ResumeTypeKind = 'waiting' | 'action' | 'unknown';

export interface ResumeTypeDescription {
  /** The value as the API sent it. */
  type: string;
  label: string;
  explanation: string;
  kind: ResumeTypeKind;
  known: boolean;
}

type KnownResumeFacts = Omit<ResumeTypeDescription, 'type' | 'known'>;

const RESUME_TYPES: Record<KnownResumeType, KnownResumeFacts> = {
  PROVIDER: {
    label: 'Registry',
    explanation: 'Waiting for the registry (provider) to answer.',
    kind: 'waiting',
  },
  TIMER: {
    label: 'Timer',
    explanation: 'Waits until a scheduled time, then continues by itself.',
    kind: 'waiting',
  },
  MANUAL: {
    label: 'Manual action',
    explanation: 'Needs manual action by Realtime Register staff.',
    kind: 'waiting',
  },
  INTERNAL: {
    label: 'Internal step',
    explanation: 'Waiting on an internal step at Realtime Register.',
    kind: 'waiting',
  },
  RESEND: {
    label: 'Resend possible',
    explanation: 'The approval mail can be sent again.',
    kind: 'action',
  },
  CANCEL: {
    label: 'Cancel possible',
    explanation: 'The process can still be cancelled.',
    kind: 'action',
  },
};

/** Exact match only; an undocumented value is shown verbatim with a neutral note. */
export function describeResumeType(type: string): ResumeTypeDescription {
  if (Object.hasOwn(RESUME_TYPES, type)) {
    return { type, known: true, ...RESUME_TYPES[type as KnownResumeType] };
  }
  return {
    type,
    label: type,
    explanation:
      'This resume type is not in the API documentation; it is shown as Realtime Register sent it.',
    kind: 'unknown',
    known: false,
  };
}

/** In the API's order, without repeats; an absent list means nothing is pending. */
export function describeResumeTypes(types: readonly string[] | undefined): ResumeTypeDescription[] {
  return [...new Set(types ?? [])].map(describeResumeType);
}
