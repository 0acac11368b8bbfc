// @vitest-environment node
// What Node itself answers (bad HTTP, headers too large) carries the console's security headers.
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  startRecordingUpstream,
  startTestApp,
  type RecordingUpstream,
  type TestApp,
} from './test-support.ts';

let upstream: RecordingUpstream;
let app: TestApp;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  app = await startTestApp(upstream.url);
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});

function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

it.each([
  ['a malformed request line', 400, 'GARBAGE\r\n\r\n'],
  ['a header without a colon', 400, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nbroken\r\n\r\n'],
  [
    'HTTP/1.1 without Host',
    400,
    'GET /api/rtr/v2/processes/1 HTTP/1.1\r\nConnection: close\r\n\r\n',
  ],
  [
    'headers over 16 KB',
    431,
    `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
  ],
])('%s → %i with the security headers', async (_what, status, bytes) => {
  const answer = await rawExchange(app.port, bytes);
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
  expect(head).toContain("Content-Security-Policy: sandbox; default-src 'none'");
  expect(head).toContain('X-Content-Type-Options: nosniff');
  expect(head).toContain('Referrer-Policy: no-referrer');
  expect(head).toContain('Content-Type: application/json; charset=utf-8');
  expect(JSON.parse(body)).toMatchObject({ type: 'ConsoleInvalidInput', source: 'console' });
  // A reference to quote, as on every other answer: the header and the body agree.
  const id = /^X-Request-Id: (\S+)\r$/m.exec(head)?.[1];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect((JSON.parse(body) as { requestId?: string }).requestId).toBe(id);
  expect(upstream.requests).toHaveLength(0);
});
