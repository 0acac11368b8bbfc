import { describe, expect, it } from 'vitest';
import { PROCESS_STATUSES } from '../../../api/rtr-schemas.ts';
import { describeStatus, isLiveStatus } from './status.ts';

describe('describeStatus', () => {
  it.each([
    ['NEW', 'New', 'info', false],
    ['VALIDATED', 'Validated', 'info', false],
    ['RUNNING', 'Running', 'progress', false],
    ['COMPLETED', 'Completed', 'success', true],
    ['INVALID', 'Invalid', 'danger', true],
    ['CANCELLED', 'Cancelled', 'neutral', true],
    ['FAILED', 'Failed', 'danger', true],
    ['IN_DOUBT', 'In doubt', 'danger', false],
    ['SCHEDULED', 'Scheduled', 'info', false],
    ['SUSPENDED', 'Suspended', 'warning', false],
  ])('%s → %s, %s, final %s', (status, label, tone, final) => {
    const description = describeStatus(status);
    expect(description).toMatchObject({ status, label, tone, final, known: true });
    expect(description.explanation).toMatch(/^[A-Z].*\.$/);
  });

  it('covers every documented status', () => {
    for (const status of PROCESS_STATUSES) expect(describeStatus(status).known).toBe(true);
  });

  it('explains IN_DOUBT as needing support', () => {
    expect(describeStatus('IN_DOUBT').explanation).toBe(
      'The process is in an unresolved error state: Realtime Register support must resolve it.',
    );
  });

  it.each(['PENDING_APPROVAL', 'completed', '', 'toString', '__proto__'])(
    'shows unknown %j verbatim',
    (status) => {
      expect(describeStatus(status)).toMatchObject({
        status,
        label: status,
        known: false,
        tone: 'neutral',
        final: false,
      });
      expect(describeStatus(status).explanation).toMatch(/not in the API documentation/);
    },
  );
});

describe('isLiveStatus', () => {
  it.each([
    ['NEW', true],
    ['VALIDATED', true],
    ['RUNNING', true],
    ['SCHEDULED', true],
    ['SUSPENDED', true],
    ['IN_DOUBT', true],
    ['COMPLETED', false],
    ['INVALID', false],
    ['CANCELLED', false],
    ['FAILED', false],
    ['SOMETHING_NEW', false],
  ])('%s → %s', (status, live) => {
    expect(isLiveStatus(status)).toBe(live);
  });
});
