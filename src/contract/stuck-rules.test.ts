import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STUCK_AFTER,
  formatDuration,
  parseStuckAfter,
  stuckReason,
} from './stuck-rules.ts';
import { transferPhase } from './transfer-phase.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-10T12:00:00Z');

describe('stuckReason', () => {
  it("says why an approval waits too long, with the phase's limit", () => {
    expect(stuckReason({ phase: 'approval', final: false, sinceMs: NOW - 6 * DAY }, NOW)).toBe(
      "waiting for the owner's approval for 6 days (limit 5 days)",
    );
    expect(
      stuckReason({ phase: 'registry', final: false, sinceMs: NOW - 8 * DAY - 3_600_000 }, NOW),
    ).toBe('at the registry for 8 days 1 hour (limit 7 days)');
  });

  it('is not stuck up to the limit, when final, or in a phase without a limit', () => {
    expect(stuckReason({ phase: 'approval', final: false, sinceMs: NOW - 5 * DAY }, NOW)).toBe(
      undefined,
    );
    expect(stuckReason({ phase: 'approval', final: true, sinceMs: NOW - 60 * DAY }, NOW)).toBe(
      undefined,
    );
    expect(stuckReason({ phase: 'active', final: false, sinceMs: NOW - 60 * DAY }, NOW)).toBe(
      undefined,
    );
    expect(stuckReason({ phase: 'other', final: false, sinceMs: NOW - 60 * DAY }, NOW)).toBe(
      undefined,
    );
  });

  it('uses the limits it is given', () => {
    const { limits } = parseStuckAfter('approval=1d') as {
      ok: true;
      limits: typeof DEFAULT_STUCK_AFTER;
    };
    expect(
      stuckReason({ phase: 'approval', final: false, sinceMs: NOW - 2 * DAY }, NOW, limits),
    ).toBe("waiting for the owner's approval for 2 days (limit 1 day)");
    expect(
      stuckReason({ phase: 'eligibility', final: false, sinceMs: NOW - 4 * DAY }, NOW, limits),
    ).toBe('in the WHOIS check for 4 days (limit 3 days)');
  });
});

describe('parseStuckAfter', () => {
  it('keeps the defaults for what it does not name', () => {
    expect(parseStuckAfter(undefined)).toEqual({ ok: true, limits: DEFAULT_STUCK_AFTER });
    expect(parseStuckAfter(' approval=3d , registry=10d,unknown=90m')).toEqual({
      ok: true,
      limits: {
        ...DEFAULT_STUCK_AFTER,
        approval: 3 * DAY,
        registry: 10 * DAY,
        unknown: 90 * 60_000,
      },
    });
  });

  it.each([
    ['approval', /not phase=duration/],
    ['approval=5', /not phase=duration/],
    ['approval=5w', /not phase=duration/],
    [
      'owner=5d',
      /names the phase "owner", which is not one of eligibility, approval, registry, unknown/,
    ],
    ['approval=1d,approval=2d', /names the phase approval twice/],
    ['approval=0d', /above 0 and at most 365d/],
    ['registry=400d', /above 0 and at most 365d/],
  ])('refuses %s', (text, message) => {
    const parsed = parseStuckAfter(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('formatDuration', () => {
  it('writes whole units, largest first', () => {
    expect(formatDuration(DAY)).toBe('1 day');
    expect(formatDuration(36 * 3_600_000)).toBe('1 day 12 hours');
    expect(formatDuration(90 * 60_000)).toBe('1 hour 30 minutes');
    expect(formatDuration(59_000)).toBe('0 minutes');
  });
});

describe('transferPhase', () => {
  it('follows the lifecycle: codes are not in time order', () => {
    expect(
      [1, 2, 3, 7, 6, 5, 4, 8, 9, 10, 13, 17, 14, 15, 16, 99].map((code) =>
        transferPhase({ status: code }),
      ),
    ).toEqual([
      'eligibility',
      'eligibility',
      'eligibility',
      'approval',
      'approval',
      'approval',
      'approval',
      'registry',
      'registry',
      'registry',
      'registry',
      'registry',
      'active',
      'other',
      'other',
      'unknown',
    ]);
  });
});
