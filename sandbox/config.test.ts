// @vitest-environment node
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSandboxEnv } from './config.ts';

describe('parseSandboxEnv', () => {
  it('has defaults for everything', () => {
    expect(parseSandboxEnv({})).toEqual({
      ok: true,
      env: {
        SANDBOX_PORT: 8081,
        SANDBOX_HOST: '127.0.0.1',
        SANDBOX_TIME_SCALE: 1,
        SANDBOX_EPOCH: undefined,
        SANDBOX_LATENCY_MS: 0,
        SANDBOX_SLOW_DELAY_MS: 30_000,
        SANDBOX_FAULT_RATE: 0,
      },
    });
  });

  it('treats blank values as unset', () => {
    const parsed = parseSandboxEnv({ SANDBOX_PORT: '', SANDBOX_EPOCH: ' ', SANDBOX_HOST: '' });
    expect(parsed.ok && parsed.env.SANDBOX_PORT).toBe(8081);
    expect(parsed.ok && parsed.env.SANDBOX_HOST).toBe('127.0.0.1');
  });

  it('reads valid values', () => {
    const parsed = parseSandboxEnv({
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '::1',
      SANDBOX_TIME_SCALE: '0.5',
      SANDBOX_EPOCH: '2026-11-01T09:00:00+01:00',
      SANDBOX_LATENCY_MS: '100',
      SANDBOX_SLOW_DELAY_MS: '500',
      SANDBOX_FAULT_RATE: '0.05',
    });
    expect(parsed).toEqual({
      ok: true,
      env: {
        SANDBOX_PORT: 0,
        SANDBOX_HOST: '::1',
        SANDBOX_TIME_SCALE: 0.5,
        SANDBOX_EPOCH: new Date('2026-11-01T08:00:00Z'),
        SANDBOX_LATENCY_MS: 100,
        SANDBOX_SLOW_DELAY_MS: 500,
        SANDBOX_FAULT_RATE: 0.05,
      },
    });
    const dateOnly = parseSandboxEnv({ SANDBOX_EPOCH: '2026-11-01' });
    expect(dateOnly.ok && dateOnly.env.SANDBOX_EPOCH).toEqual(new Date('2026-11-01T00:00:00Z'));
  });

  it.each([
    ['SANDBOX_PORT', 'http'],
    ['SANDBOX_PORT', '70000'],
    ['SANDBOX_PORT', '-1'],
    ['SANDBOX_TIME_SCALE', '0'],
    ['SANDBOX_TIME_SCALE', 'fast'],
    ['SANDBOX_EPOCH', 'yesterday'],
    ['SANDBOX_EPOCH', '2026-13-01'],
    ['SANDBOX_LATENCY_MS', '1.5'],
  ])('rejects %s=%s with a message naming it', (name, value) => {
    const parsed = parseSandboxEnv({ [name]: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(`${name}=${JSON.stringify(value)}`);
  });
});

describe('main.ts', () => {
  it('exits 1 with a clear message on bad configuration', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, SANDBOX_PORT: 'eighty', SANDBOX_TIME_SCALE: '-2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid sandbox configuration');
    expect(stderr).toContain('SANDBOX_PORT="eighty"');
    expect(stderr).toContain('SANDBOX_TIME_SCALE="-2"');
  });
});
