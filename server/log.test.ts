// @vitest-environment node
// The log as written to stdout: JSON lines or pretty ones, every line redacted whole, batched.
import { describe, expect, it } from 'vitest';
import { appLogger, batchedWriter, createLogger, inRequestScope, resolveLogFormat } from './log.ts';
import { makeRedactor } from './redact.ts';

const SECRET = 'log-SECRET-key-987';
const redact = makeRedactor([`ApiKey ${SECRET}`]);

function capture(format: 'json' | 'pretty') {
  const out: string[] = [];
  const log = createLogger({ format, redact, write: (text) => out.push(text) });
  return { log, out };
}

describe('createLogger', () => {
  it('writes one JSON object per line, with the level, time, message and fields', () => {
    const { log, out } = capture('json');
    log('GET /x 200 3ms', { requestId: 'r-1', method: 'GET', path: '/x', status: 200, ms: 3 });
    log('upstream timeout', { level: 'warn' });
    log('plain');
    expect(out).toHaveLength(3);
    expect(out.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(
      true,
    );
    const [first, second, third] = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      msg: 'GET /x 200 3ms',
      requestId: 'r-1',
      method: 'GET',
      path: '/x',
      status: 200,
      ms: 3,
    });
    expect(second).toMatchObject({ level: 'warn', msg: 'upstream timeout' });
    expect(third).toMatchObject({ level: 'info', msg: 'plain' });
  });

  it('writes a readable line for a terminal, with the request id and the user', () => {
    const { log, out } = capture('pretty');
    log('GET /x 200 3ms', { requestId: 'r-2', user: 'alice@example.com', status: 200 });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/x 200 3ms \[r-2\] alice@example\.com\n$/,
    );
  });

  it.each(['json', 'pretty'] as const)(
    'redacts a secret in any field, in any encoding (%s)',
    (format) => {
      const { log, out } = capture(format);
      const forms = [
        SECRET,
        SECRET.toUpperCase(),
        encodeURIComponent(SECRET).replace(/-/g, '%2D'),
        Buffer.from(SECRET).toString('base64'),
        `"${SECRET}"\n`, // quotes and a line break: JSON-escaped around it
      ];
      for (const form of forms) {
        log(`message ${form}`, { path: `/p/${form}`, user: form, requestId: form });
      }
      const text = out.join('');
      expect(text.toLowerCase()).not.toContain(SECRET.toLowerCase());
      expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
      expect(text).not.toMatch(/log%2DSECRET/i);
      expect(text).toContain('[redacted]');
    },
  );
});

describe('appLogger', () => {
  it('adds the request id of the scope it is called in, and redacts every text field', () => {
    const lines: { line: string; requestId?: string; path?: string }[] = [];
    const log = appLogger((line, fields) => lines.push({ line, ...fields }), redact);
    log('outside');
    inRequestScope('scope-1', () => log(`inside ${SECRET}`, { path: `/x/${SECRET}` }));
    expect(lines).toEqual([
      { line: 'outside' },
      { line: 'inside [redacted]', path: '/x/[redacted]', requestId: 'scope-1' },
    ]);
  });
});

describe('resolveLogFormat', () => {
  it('follows LOG_FORMAT (or NODE_ENV=production, folded in by config), else the terminal', () => {
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
    expect(resolveLogFormat(undefined, true)).toBe('pretty');
    expect(resolveLogFormat(undefined, false)).toBe('json');
  });
});

describe('batchedWriter', () => {
  it('writes the lines of one turn of the event loop at once, in order', async () => {
    const writes: string[] = [];
    const batch = batchedWriter((text) => writes.push(text));
    for (let i = 0; i < 100; i++) batch.write(`${i}\n`);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split('\n').slice(0, 3)).toEqual(['0', '1', '2']);
    batch.write('later\n');
    batch.flush();
    expect(writes).toEqual([expect.any(String), 'later\n']);
  });
});
