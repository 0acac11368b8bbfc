import { transferStatusNames, whoisCode2Variant } from './transfer-status.ts';

/**
 * The phase a transfer status code belongs to, and its documented name: what the server needs of
 * src/features/transfers/lifecycle.ts (the SPA's full model) to describe a status in a webhook.
 * lifecycle.test.ts checks that both agree on every code.
 */

export type TransferPhaseName = 'eligibility' | 'approval' | 'registry' | 'active';
/** 'other' for 15 and 16 (no incoming transfer), 'unknown' for undocumented codes. */
export type TransferStatusPhase = TransferPhaseName | 'other' | 'unknown';

const PHASE_OF_CODE: Readonly<Record<number, TransferStatusPhase>> = {
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

export function transferStatusPhase(code: number): TransferStatusPhase {
  return PHASE_OF_CODE[code] ?? 'unknown';
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
