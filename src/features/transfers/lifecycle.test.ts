import { isFinalTransferStatus } from '../../contract/transfer-status.ts';
import { describe, expect, it } from 'vitest';
import {
  currentStep,
  describeTransferStatus,
  HAPPY_PATH,
  whoisCode2Variant,
  type StepState,
  type TransferStatusDescription,
} from './lifecycle.ts';

const MANUAL = 'WHOIS lookup failed; transfer request queued for manual review';
const CANCEL = 'WHOIS lookup failed; transfer request cancelled';

/** Step states in phase order: eligibility, approval, registry, active. */
const states = (d: TransferStatusDescription): StepState[] => d.steps.map((s) => s.state);
const describe_ = (status: number, description = 'x') =>
  describeTransferStatus({ status, description });

// prettier-ignore
const EXPECTED: [code: number, names: string[], outcome: string, final: boolean, phase: string, steps: StepState[]][] = [
  [1, ['WHOIS_PEND'], 'in-progress', false, 'eligibility', ['current', 'not-reached', 'not-reached', 'not-reached']],
  [3, ['WHOIS_OK'], 'in-progress', false, 'eligibility', ['done', 'current', 'not-reached', 'not-reached']],
  [7, ['CONFIRM_PEND'], 'in-progress', false, 'approval', ['done', 'current', 'not-reached', 'not-reached']],
  [6, ['CONFIRM_ACK'], 'in-progress', false, 'approval', ['done', 'done', 'current', 'not-reached']],
  [5, ['CONFIRM_NACK'], 'failed', true, 'approval', ['done', 'failed', 'not-reached', 'not-reached']],
  [4, ['CONFIRM_TIMEOUT'], 'failed', true, 'approval', ['done', 'failed', 'not-reached', 'not-reached']],
  [8, ['REGISTRY_IP'], 'in-progress', false, 'registry', ['done', 'done', 'current', 'not-reached']],
  [9, ['REGISTRY_PEND'], 'in-progress', false, 'registry', ['done', 'done', 'current', 'not-reached']],
  [10, ['REGISTRY_COMPLETE'], 'in-progress', false, 'registry', ['done', 'done', 'done', 'current']],
  [11, ['REGISTRY_TIMEOUT'], 'failed', true, 'registry', ['done', 'done', 'failed', 'not-reached']],
  [12, ['REGISTRY_ERROR'], 'failed', true, 'registry', ['done', 'done', 'failed', 'not-reached']],
  [13, ['REGISTRY_NACK'], 'failed', true, 'registry', ['done', 'done', 'failed', 'not-reached']],
  [17, ['REGISTRAR_NACK'], 'failed', true, 'registry', ['done', 'done', 'failed', 'not-reached']],
  [14, ['ACTIVE'], 'succeeded', true, 'active', ['done', 'done', 'done', 'done']],
  [15, ['TRAN_AWAY'], 'other', true, 'other', ['not-reached', 'not-reached', 'not-reached', 'not-reached']],
  [16, ['TRANSFER_NONE'], 'other', true, 'other', ['not-reached', 'not-reached', 'not-reached', 'not-reached']],
];

describe('describeTransferStatus', () => {
  it.each(EXPECTED)('code %i: %j, %s', (code, names, outcome, final, phase, steps) => {
    const d = describe_(code);
    expect(d.code).toBe(code);
    expect(d.names).toEqual(names);
    expect(d.outcome).toBe(outcome);
    expect(d.final).toBe(final);
    expect(d.phase).toBe(phase);
    expect(states(d)).toEqual(steps);
    expect(d.label).not.toMatch(/_/);
    expect(d.ambiguity).toBeUndefined();
    expect(d.description).toBe('x');
  });

  it('covers all 17 documented codes (code 2 is tested on its own below)', () => {
    const codes = [...EXPECTED.map(([code]) => code), 2].sort((a, b) => a - b);
    expect(codes).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('always lists the four phases in time order', () => {
    for (const code of [...Array.from({ length: 17 }, (_, i) => i + 1), 42, -1, 0]) {
      expect(describe_(code).steps.map((s) => s.phase)).toEqual([
        'eligibility',
        'approval',
        'registry',
        'active',
      ]);
    }
  });

  it('says it in plain words', () => {
    expect(describe_(7).label).toBe("Waiting for the owner's approval");
    expect(describe_(14).label).toBe('Transferred: the domain is active here');
    expect(describe_(17).label).toBe('Rejected by the losing registrar');
  });

  it('is final exactly for 4 5 11 12 13 14 15 16 17 among the documented codes', () => {
    const final = Array.from({ length: 17 }, (_, i) => i + 1).filter(
      (code) => describe_(code).final,
    );
    expect(final).toEqual([4, 5, 11, 12, 13, 14, 15, 16, 17]);
  });

  describe('numeric order is not time order', () => {
    const doneSteps = (code: number) => states(describe_(code)).filter((s) => s === 'done').length;

    it('puts 6 (approved) after 7 (waiting for approval)', () => {
      expect(doneSteps(6)).toBeGreaterThan(doneSteps(7));
      expect(describe_(7).steps[1]?.state).toBe('current');
      expect(describe_(6).steps[1]?.state).toBe('done');
    });

    it('puts 3 (WHOIS ok) before 7, and 10 before 14, whatever the numbers say', () => {
      expect(doneSteps(3)).toBeLessThanOrEqual(doneSteps(7));
      expect(doneSteps(10)).toBeLessThan(doneSteps(14));
      expect(doneSteps(14)).toBeGreaterThan(doneSteps(15));
    });

    it('never moves backwards along the happy path 1 3 7 6 8 9 10 14', () => {
      const progress = HAPPY_PATH.map(doneSteps);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      // …while sorting the same codes by number would go backwards (7 before 6 is not 6 before 7).
      const numeric = [...HAPPY_PATH].sort((a, b) => a - b).map(doneSteps);
      expect(numeric).not.toEqual([...numeric].sort((a, b) => a - b));
      expect(HAPPY_PATH.every((code) => describe_(code).outcome !== 'failed')).toBe(true);
      expect(describe_(14).outcome).toBe('succeeded');
    });
  });

  describe('code 2', () => {
    it('is manual review when the description says so: in progress, eligibility current', () => {
      const d = describe_(2, MANUAL);
      expect(d.names).toEqual(['WHOIS_MANUAL']);
      expect(d.outcome).toBe('in-progress');
      expect(d.final).toBe(false);
      expect(d.phase).toBe('eligibility');
      expect(states(d)).toEqual(['current', 'not-reached', 'not-reached', 'not-reached']);
      expect(d.ambiguity).toBeUndefined();
      expect(describe_(2, 'Pending review by staff').names).toEqual(['WHOIS_MANUAL']);
    });

    it('is cancelled when the description says so: failed and final', () => {
      const d = describe_(2, CANCEL);
      expect(d.names).toEqual(['WHOIS_CANCEL']);
      expect(d.outcome).toBe('failed');
      expect(d.final).toBe(true);
      expect(states(d)).toEqual(['failed', 'not-reached', 'not-reached', 'not-reached']);
      expect(d.label).toMatch(/cancelled/i);
      expect(describe_(2, 'CANCELED by operator').outcome).toBe('failed');
    });

    it.each([
      ['no description', undefined],
      ['an unhelpful description', 'WHOIS lookup failed'],
      ['a description naming both', 'Manual review cancelled'],
    ])('is ambiguous with %s: in progress, with a note', (_, description) => {
      const d = describeTransferStatus({ status: 2, description });
      expect(d.names).toEqual(['WHOIS_MANUAL', 'WHOIS_CANCEL']);
      expect(d.outcome).toBe('in-progress');
      expect(d.final).toBe(false);
      expect(states(d)).toEqual(['current', 'not-reached', 'not-reached', 'not-reached']);
      expect(d.ambiguity).toMatch(/WHOIS_MANUAL.*WHOIS_CANCEL/);
    });

    it('tells the variants apart by description only', () => {
      expect(whoisCode2Variant(MANUAL)).toBe('manual');
      expect(whoisCode2Variant(CANCEL)).toBe('cancel');
      expect(whoisCode2Variant('')).toBeUndefined();
    });
  });

  describe('unknown codes', () => {
    it('describes 42 as unknown without throwing and keeps the description', () => {
      const d = describeTransferStatus({
        status: 42,
        description: 'Transfer on hold pending registry compliance review',
      });
      expect(d).toMatchObject({
        code: 42,
        names: [],
        outcome: 'unknown',
        final: false,
        phase: 'unknown',
        description: 'Transfer on hold pending registry compliance review',
      });
      expect(d.label).toMatch(/42/);
      expect(states(d)).toEqual(['not-reached', 'not-reached', 'not-reached', 'not-reached']);
      expect(currentStep(d)).toBeUndefined();
    });

    it.each([0, -3, 18, 1.5, Number.NaN, 1e9])('never throws for %s', (code) => {
      expect(() => describeTransferStatus({ status: code })).not.toThrow();
      expect(describeTransferStatus({ status: code }).outcome).toBe('unknown');
    });
  });
});

describe('currentStep', () => {
  it('points at the step under way, the failed step, or active on success', () => {
    expect(currentStep(describe_(1))).toBe('eligibility');
    expect(currentStep(describe_(3))).toBe('approval');
    expect(currentStep(describe_(6))).toBe('registry');
    expect(currentStep(describe_(5))).toBe('approval');
    expect(currentStep(describe_(17))).toBe('registry');
    expect(currentStep(describe_(10))).toBe('active');
    expect(currentStep(describe_(14))).toBe('active');
    expect(currentStep(describe_(15))).toBeUndefined();
  });
});

describe('final: the page and the watcher agree (src/contract/transfer-status.ts)', () => {
  const cases = [
    ...Array.from({ length: 20 }, (_, i) => ({ status: i + 1, description: `code ${i + 1}` })),
    { status: 2, description: MANUAL },
    { status: 2, description: CANCEL },
    { status: 2, description: '' },
  ];
  it.each(cases)('code $status, "$description"', (status) => {
    expect(describeTransferStatus(status).final).toBe(isFinalTransferStatus(status));
  });
});

describe('the overview agrees with the timeline', () => {
  it('puts every code in the phase the timeline shows it in', async () => {
    const { transferPhase } = await import('../../contract/transfer-phase.ts');
    for (let code = 1; code <= 18; code++) {
      for (const description of ['', 'manual review', 'cancelled']) {
        expect(transferPhase({ status: code, description }), `code ${code}`).toBe(
          describeTransferStatus({ status: code, description }).phase,
        );
      }
    }
  });
});
