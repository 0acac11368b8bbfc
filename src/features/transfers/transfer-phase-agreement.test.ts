import { describe, expect, it } from 'vitest';
import { transferStatusName, transferStatusPhase } from '../../contract/transfer-phase.ts';
import { describeTransferStatus } from './lifecycle.ts';

// The server describes a status in its webhooks with src/contract/transfer-phase.ts; the page
// with lifecycle.ts. Both must say the same.
describe('transfer-phase.ts agrees with lifecycle.ts', () => {
  it.each(Array.from({ length: 21 }, (_, code) => code))('on the phase of code %i', (code) => {
    expect(transferStatusPhase(code)).toBe(describeTransferStatus({ status: code }).phase);
  });

  it.each([
    [2, 'Transfer cancelled'],
    [2, 'Waiting for manual review'],
    [2, 'WHOIS failed'],
    [7, 'Waiting'],
    [14, 'Active'],
  ])('on the name of code %i described as %j', (status, description) => {
    const names = describeTransferStatus({ status, description }).names;
    expect(transferStatusName({ status, description })).toBe(names.join('/'));
  });
});
