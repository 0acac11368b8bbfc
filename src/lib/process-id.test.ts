import { describe, expect, it } from 'vitest';
import { extractProcessId } from './process-id.ts';

describe('extractProcessId', () => {
  it.each([
    ['46069000', 46069000, false],
    ['  46069000\n', 46069000, false],
    ['#46069000', 46069000, false],
    ['# 46069000', 46069000, false],
    ['46 069 000', 46069000, false],
    ['46,069,000', 46069000, false],
    ['0046069000', 46069000, false],
    ['https://console.example/processes/46069000?tz=utc#billables', 46069000, true],
    ['https://api.yoursrs.com/v2/processes/46069000', 46069000, true],
    ['2021-08-11T06:17:15Z ERROR process 46069000 failed', 46069000, true],
    ['processId=46069000 status=FAILED', 46069000, true],
    ['Ticket: please check 46069000 for me', 46069000, true],
  ])('finds the id in %j', (input, id, picked) => {
    const result = extractProcessId(input);
    expect(result).toMatchObject({ ok: true, id });
    expect(result.ok && result.foundIn !== undefined).toBe(picked);
  });

  it.each([
    ['', 'Enter a process id.'],
    ['abc', 'No process id found'],
    ['-5', 'cannot be negative'],
    ['1.5', 'whole number'],
    ['0', 'greater than zero'],
    ['9007199254740992', 'too large'],
    ['99999999999999999999', 'too large'],
    ['compare 123 and 456', 'several numbers'],
    ['v1.2.3', 'No process id found'],
  ])('refuses %j', (input, reason) => {
    const result = extractProcessId(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
