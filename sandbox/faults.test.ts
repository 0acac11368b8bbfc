// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_KINDS, faultPicker } from './faults.ts';
import { startTestSandbox, type TestSandbox } from './test-support.ts';

describe('faultPicker', () => {
  it('meets about the given share of requests with every kind of fault, the same each run', () => {
    const run = () => Array.from({ length: 20_000 }, faultPicker(0.05, 7));
    const faults = run().filter((f) => f !== undefined);
    expect(faults.length).toBeGreaterThan(900);
    expect(faults.length).toBeLessThan(1100);
    expect(new Set(faults)).toEqual(new Set(FAULT_KINDS));
    expect(run()).toEqual(run());
  });

  it('meets none at rate 0', () => {
    expect(Array.from({ length: 1000 }, faultPicker(0)).every((f) => f === undefined)).toBe(true);
  });
});

describe('a sandbox with faults', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => sandbox?.close());

  it('answers every request with a fault at rate 1, and never the fixture', async () => {
    sandbox = await startTestSandbox({ faultRate: 1, slowDelayMs: 50 });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      try {
        const res = await sandbox.transfer('test.com');
        const text = await res.text();
        if (res.status === 500) seen.add('error-500');
        else if (text.endsWith(': ')) seen.add('malformed-json');
        else seen.add(`fixture after a hang: ${res.status}`);
      } catch {
        seen.add('reset');
      }
    }
    expect(seen).toEqual(
      new Set(['error-500', 'malformed-json', 'reset', 'fixture after a hang: 200']),
    );
  });
});
