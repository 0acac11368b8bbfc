import type { WatchPhase } from './transfer-phase.ts';

/**
 * Stuck rules of the overview: a transfer is stuck when its status is not final and has stayed
 * the same for longer than its phase's limit. Shared by the server (GET /api/watch, `stuck`
 * filter) and the SPA (which shows the server's reason as it is).
 *
 * Defaults (documented in the README), overridable with `STUCK_AFTER`:
 * - eligibility (the WHOIS check, codes 1, 2, 3): 3 days;
 * - approval (the owner's approval by FOA mail, codes 6, 7): 5 days;
 * - registry (codes 8, 9, 10): 7 days;
 * - unknown (a code the console does not know): 7 days.
 * Phases 'active' and 'other' hold only final codes, so they are never stuck.
 */
export const STUCK_PHASES = ['eligibility', 'approval', 'registry', 'unknown'] as const;
export type StuckPhase = (typeof STUCK_PHASES)[number];
export type StuckLimits = Readonly<Record<StuckPhase, number>>;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_STUCK_AFTER: StuckLimits = {
  eligibility: 3 * DAY_MS,
  approval: 5 * DAY_MS,
  registry: 7 * DAY_MS,
  unknown: 7 * DAY_MS,
};

/** What the status is doing, in a stuck row's reason. */
const DOING: Readonly<Record<StuckPhase, string>> = {
  eligibility: 'in the WHOIS check',
  approval: "waiting for the owner's approval",
  registry: 'at the registry',
  unknown: 'in an unknown status',
};

const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;
/** No limit above a year: beyond that a transfer is not stuck, it is forgotten. */
const MAX_LIMIT_MS = 365 * DAY_MS;

/**
 * Parses `STUCK_AFTER`: a comma list of `phase=duration`, a duration being a whole number and a
 * unit `m` (minutes), `h` (hours) or `d` (days), e.g. `approval=3d,registry=10d,eligibility=36h`.
 * Phases left out keep their default; a phase named twice, an unknown phase or a bad duration is
 * refused with a message naming it.
 */
export function parseStuckAfter(
  text: string | undefined,
): { ok: true; limits: StuckLimits } | { ok: false; message: string } {
  const limits: Record<StuckPhase, number> = { ...DEFAULT_STUCK_AFTER };
  if (text === undefined || text.trim() === '') return { ok: true, limits };
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const match = /^([a-z]+)\s*=\s*(\d{1,6})([mhd])$/.exec(entry);
    if (!match) {
      return {
        ok: false,
        message: `has ${JSON.stringify(entry)}, which is not phase=duration (e.g. approval=5d; units m, h, d)`,
      };
    }
    const [, phase = '', amount = '', unit = 'd'] = match;
    if (!(STUCK_PHASES as readonly string[]).includes(phase)) {
      return {
        ok: false,
        message: `names the phase ${JSON.stringify(phase)}, which is not one of ${STUCK_PHASES.join(', ')}`,
      };
    }
    if (seen.has(phase)) return { ok: false, message: `names the phase ${phase} twice` };
    seen.add(phase);
    const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
    if (ms <= 0 || ms > MAX_LIMIT_MS) {
      return {
        ok: false,
        message: `gives ${phase} the limit ${amount}${unit}: it must be above 0 and at most 365d`,
      };
    }
    limits[phase as StuckPhase] = ms;
  }
  return { ok: true, limits };
}

/** `3 days`, `36 hours`, `1 day 2 hours`, `45 minutes`: whole units, largest first. */
export function formatDuration(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0)
    return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0)
    return minutes > 0
      ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}`
      : plural(hours, 'hour');
  return plural(minutes, 'minute');
}

/** `STUCK_AFTER` written back from limits (the defaults included), e.g. for the README. */
export function describeStuckLimits(limits: StuckLimits): string {
  return STUCK_PHASES.map((phase) => `${phase} ${formatDuration(limits[phase])}`).join(', ');
}

/**
 * Why a transfer is stuck, or undefined when it is not: e.g. "waiting for the owner's approval
 * for 6 days (limit 5 days)". `sinceMs` is when its current status began.
 */
export function stuckReason(
  pair: { phase: WatchPhase; final: boolean; sinceMs: number },
  nowMs: number,
  limits: StuckLimits = DEFAULT_STUCK_AFTER,
): string | undefined {
  if (pair.final) return undefined;
  if (!(STUCK_PHASES as readonly string[]).includes(pair.phase)) return undefined;
  const phase = pair.phase as StuckPhase;
  const limit = limits[phase];
  const age = nowMs - pair.sinceMs;
  if (!(age > limit)) return undefined;
  return `${DOING[phase]} for ${formatDuration(age)} (limit ${formatDuration(limit)})`;
}
