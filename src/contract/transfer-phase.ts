import { transferStatusNames, whoisCode2Variant } from './transfer-status.ts';

/**
 * The phase a transfer status belongs to, for the overview (/transfers) and its stuck rules,
 * shared by the server (GET /api/watch) and the SPA. The same model as the transfer page's
 * timeline (src/features/transfers/lifecycle.ts; a test there checks they agree):
 * eligibility (1, 2, 3) → approval (7, 6, 5, 4) → registry (8, 9, 10, 11, 12, 13, 17) →
 * active (14); 15 and 16 are 'other', any undocumented code is 'unknown'.
 */
export const WATCH_PHASES = [
  'eligibility',
  'approval',
  'registry',
  'active',
  'other',
  'unknown',
] as const;
export type WatchPhase = (typeof WATCH_PHASES)[number];

export const WATCH_PHASE_LABELS: Readonly<Record<WatchPhase, string>> = {
  eligibility: 'Eligibility',
  approval: "Owner's approval",
  registry: 'Registry',
  active: 'Active here',
  other: 'Other',
  unknown: 'Unknown status',
};

const PHASE_OF_CODE: Readonly<Record<number, WatchPhase>> = {
  1: 'eligibility',
  2: 'eligibility',
  3: 'eligibility',
  4: 'approval',
  5: 'approval',
  6: 'approval',
  7: 'approval',
  8: 'registry',
  9: 'registry',
  10: 'registry',
  11: 'registry',
  12: 'registry',
  13: 'registry',
  17: 'registry',
  14: 'active',
  15: 'other',
  16: 'other',
};

export function transferPhase(status: { status: number; description?: string }): WatchPhase {
  // Code 2 is eligibility whichever of its two meanings (manual review, cancelled) it has.
  return PHASE_OF_CODE[status.status] ?? 'unknown';
}

/** The phase of a status code alone (code 2's two meanings share a phase). */
export function transferStatusPhase(code: number): WatchPhase {
  return transferPhase({ status: code });
}

/**
 * One name for a status: the documented one; for code 2 the one its description points to
 * (WHOIS_MANUAL or WHOIS_CANCEL), or both joined with `/` when it cannot tell; `UNKNOWN_<code>`
 * for an undocumented code.
 */
export function transferStatusName(status: { status: number; description?: string }): string {
  const names = transferStatusNames(status.status);
  if (status.status === 2) {
    const variant = whoisCode2Variant(status.description);
    if (variant) return variant === 'cancel' ? 'WHOIS_CANCEL' : 'WHOIS_MANUAL';
  }
  return names.length > 0 ? names.join('/') : `UNKNOWN_${status.status}`;
}
