import { transferStatusNames, whoisCode2Variant } from '../../contract/transfer-status.ts';

export { whoisCode2Variant };

/**
 * The Hostway transfer status code → phase model. The codes are NOT in time order: the happy
 * path is 1 → 3 → 7 → 6 → 8 → 9 → 10 → 14, so code 6 (approved) comes after code 7 (waiting
 * for approval). Everything here reasons about phases and never compares codes numerically.
 */

/** The four phases of an incoming transfer, in time order. */
export type TransferPhase = 'eligibility' | 'approval' | 'registry' | 'active';

export type TransferOutcome = 'in-progress' | 'succeeded' | 'failed' | 'other' | 'unknown';

export type StepState = 'done' | 'current' | 'failed' | 'not-reached';

export interface TransferStep {
  phase: TransferPhase;
  label: string;
  state: StepState;
}

export interface TransferStatusDescription {
  code: number;
  /** Documented names; for code 2 the one the description points to, or both when it cannot. */
  names: readonly string[];
  /** What the status means, in plain words. */
  label: string;
  outcome: TransferOutcome;
  /** A final status will not move on by itself (a new transfer order would be needed). */
  final: boolean;
  /** The phase the code belongs to; 'other' for 15 and 16, 'unknown' for undocumented codes. */
  phase: TransferPhase | 'other' | 'unknown';
  /** Always the four phases in time order. */
  steps: TransferStep[];
  /** Why the model could not be sure (code 2 without a telling description). */
  ambiguity?: string;
  /** The API's own description, kept verbatim. */
  description?: string;
}

export const TRANSFER_PHASES: readonly { phase: TransferPhase; label: string }[] = [
  { phase: 'eligibility', label: 'Eligibility (WHOIS check)' },
  { phase: 'approval', label: "Owner's approval (FOA mail)" },
  { phase: 'registry', label: 'Registry' },
  { phase: 'active', label: 'Active here' },
];

/** The documented codes in the order a successful transfer passes through them. */
export const HAPPY_PATH: readonly number[] = [1, 3, 7, 6, 8, 9, 10, 14];

interface CodeFacts {
  label: string;
  outcome: TransferOutcome;
  phase: TransferPhase | 'other';
  /**
   * 'working': the code's phase is under way. 'passed': the code closes its phase successfully,
   * so the phase is done and the next one is the current step. 'failed': the transfer stopped in
   * this phase.
   */
  progress: 'working' | 'passed' | 'failed' | 'none';
}

const CODES: Readonly<Record<number, CodeFacts>> = {
  1: {
    label: "Checking the owner's contact in WHOIS",
    outcome: 'in-progress',
    phase: 'eligibility',
    progress: 'working',
  },
  3: {
    label: "Owner's contact found in WHOIS",
    outcome: 'in-progress',
    phase: 'eligibility',
    progress: 'passed',
  },
  7: {
    label: "Waiting for the owner's approval",
    outcome: 'in-progress',
    phase: 'approval',
    progress: 'working',
  },
  6: {
    label: 'Approved by the owner',
    outcome: 'in-progress',
    phase: 'approval',
    progress: 'passed',
  },
  5: {
    label: 'Declined by the owner',
    outcome: 'failed',
    phase: 'approval',
    progress: 'failed',
  },
  4: {
    label: 'The owner did not approve in time',
    outcome: 'failed',
    phase: 'approval',
    progress: 'failed',
  },
  8: {
    label: 'Being submitted to the registry',
    outcome: 'in-progress',
    phase: 'registry',
    progress: 'working',
  },
  9: {
    label: 'Pending at the registry: waiting for the losing registrar',
    outcome: 'in-progress',
    phase: 'registry',
    progress: 'working',
  },
  10: {
    label: 'Completed at the registry',
    outcome: 'in-progress',
    phase: 'registry',
    progress: 'passed',
  },
  11: {
    label: 'Failed: the registry did not answer in time',
    outcome: 'failed',
    phase: 'registry',
    progress: 'failed',
  },
  12: {
    label: 'Failed: the registry reported an error',
    outcome: 'failed',
    phase: 'registry',
    progress: 'failed',
  },
  13: {
    label: 'Rejected by the registry',
    outcome: 'failed',
    phase: 'registry',
    progress: 'failed',
  },
  17: {
    label: 'Rejected by the losing registrar',
    outcome: 'failed',
    phase: 'registry',
    progress: 'failed',
  },
  14: {
    label: 'Transferred: the domain is active here',
    outcome: 'succeeded',
    phase: 'active',
    progress: 'passed',
  },
  15: {
    label: 'Transferred away to another registrar',
    outcome: 'other',
    phase: 'other',
    progress: 'none',
  },
  16: {
    label: 'No transfer for this domain',
    outcome: 'other',
    phase: 'other',
    progress: 'none',
  },
};

/** Code 2 is documented twice (WHOIS_MANUAL and WHOIS_CANCEL): the description may tell which. */
const CODE_2 = {
  manual: {
    names: ['WHOIS_MANUAL'],
    facts: {
      label: 'WHOIS check failed: waiting for manual review',
      outcome: 'in-progress',
      phase: 'eligibility',
      progress: 'working',
    },
  },
  cancel: {
    names: ['WHOIS_CANCEL'],
    facts: {
      label: 'Cancelled: the WHOIS check failed',
      outcome: 'failed',
      phase: 'eligibility',
      progress: 'failed',
    },
  },
  ambiguous: {
    names: ['WHOIS_MANUAL', 'WHOIS_CANCEL'],
    facts: {
      label: 'WHOIS check failed: manual review or cancelled',
      outcome: 'in-progress',
      phase: 'eligibility',
      progress: 'working',
    },
  },
} as const satisfies Record<string, { names: readonly string[]; facts: CodeFacts }>;

/** Describes any status the API may send; never throws, whatever the code. */
export function describeTransferStatus(status: {
  status: number;
  description?: string;
}): TransferStatusDescription {
  const code = status.status;
  const description = status.description;

  if (code === 2) {
    const variant = whoisCode2Variant(description);
    const { names, facts } = CODE_2[variant ?? 'ambiguous'];
    return {
      ...build(code, facts, names, description),
      ...(variant
        ? {}
        : {
            ambiguity:
              'Code 2 means either WHOIS_MANUAL (waiting for manual review) or WHOIS_CANCEL (cancelled), and the description does not say which. It is shown as still in progress; ask Hostway support if it does not move on.',
          }),
    };
  }

  const facts = CODES[code];
  if (facts) return build(code, facts, transferStatusNames(code), description);

  return {
    code,
    names: [],
    label: `Unknown status (code ${code})`,
    outcome: 'unknown',
    final: false,
    phase: 'unknown',
    steps: TRANSFER_PHASES.map(({ phase, label }) => ({ phase, label, state: 'not-reached' })),
    description,
  };
}

function build(
  code: number,
  facts: CodeFacts,
  names: readonly string[],
  description: string | undefined,
): TransferStatusDescription {
  return {
    code,
    names,
    label: facts.label,
    outcome: facts.outcome,
    final: facts.outcome !== 'in-progress',
    phase: facts.phase,
    steps: stepsFor(facts),
    description,
  };
}

function stepsFor({ phase, progress }: CodeFacts): TransferStep[] {
  const at = TRANSFER_PHASES.findIndex((p) => p.phase === phase);
  return TRANSFER_PHASES.map(({ phase: stepPhase, label }, index) => {
    let state: StepState = 'not-reached';
    if (at >= 0) {
      if (index < at) state = 'done';
      else if (index === at) {
        state = progress === 'failed' ? 'failed' : progress === 'passed' ? 'done' : 'current';
      } else if (index === at + 1 && progress === 'passed') state = 'current';
    }
    return { phase: stepPhase, label, state };
  });
}

/** The step a reader should be pointed at (`aria-current="step"`), if any. */
export function currentStep(description: TransferStatusDescription): TransferPhase | undefined {
  const open = description.steps.find((s) => s.state === 'current' || s.state === 'failed');
  if (open) return open.phase;
  return description.outcome === 'succeeded' ? 'active' : undefined;
}
