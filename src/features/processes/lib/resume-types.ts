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

type KnownResumeFacts = Omit<ResumeTypeDescription, 'type' | 'known'> & {
  /** The same said of a process that has ended: it waits for nothing any more. */
  ended: string;
};

const RESUME_TYPES: Record<KnownResumeType, KnownResumeFacts> = {
  PROVIDER: {
    label: 'Registry',
    explanation: 'Waiting for the registry (provider) to answer.',
    kind: 'waiting',
    ended: 'It was waiting for the registry (provider) to answer.',
  },
  TIMER: {
    label: 'Timer',
    explanation: 'Waits until a scheduled time, then continues by itself.',
    kind: 'waiting',
    ended: 'It was waiting for a scheduled time.',
  },
  MANUAL: {
    label: 'Manual action',
    explanation: 'Needs manual action by Realtime Register staff.',
    kind: 'waiting',
    ended: 'It needed manual action by Realtime Register staff.',
  },
  INTERNAL: {
    label: 'Internal step',
    explanation: 'Waiting on an internal step at Realtime Register.',
    kind: 'waiting',
    ended: 'It was waiting on an internal step at Realtime Register.',
  },
  RESEND: {
    label: 'Resend possible',
    explanation: 'The approval mail can be sent again.',
    kind: 'action',
    ended: 'The approval mail could be sent again.',
  },
  CANCEL: {
    label: 'Cancel possible',
    explanation: 'The process can still be cancelled.',
    kind: 'action',
    ended: 'The process could still be cancelled.',
  },
};

/**
 * Exact match only; an undocumented value is shown verbatim with a neutral note. `ended`: the
 * process is final, so the explanation says what it was, not what it waits for.
 */
export function describeResumeType(type: string, ended = false): ResumeTypeDescription {
  if (Object.hasOwn(RESUME_TYPES, type)) {
    const { ended: past, ...facts } = RESUME_TYPES[type as KnownResumeType];
    return { type, known: true, ...facts, explanation: ended ? past : facts.explanation };
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
export function describeResumeTypes(
  types: readonly string[] | undefined,
  ended = false,
): ResumeTypeDescription[] {
  return [...new Set(types ?? [])].map((type) => describeResumeType(type, ended));
}

/**
 * How the page titles the list. While the process can go on it is what it waits for; once it
 * is final it waits for nothing, and the list is only what the API still reports.
 */
export function resumeTypesSection(ended: boolean): { id: string; nav: string; title: string } {
  return ended
    ? { id: 'resume-types', nav: 'Resume types', title: 'Resume types when it ended' }
    : { id: 'waiting', nav: 'Waiting for', title: 'What it is waiting for' };
}
