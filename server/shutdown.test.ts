// @vitest-environment node
// SIGTERM, for real: `server/main.ts` in a child process stops accepting, lets the request in
// flight finish (at most SHUTDOWN_GRACE_MS), closes the database and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { rawRequest } from './test-support.ts';
import { openHistoryStore } from './transfer-history.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function startConsole(env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'console-shutdown-'));
  dirs.push(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      DATA_DIR: dir,
      STATIC_DIR: dir,
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Registrar Console: (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited early with ${code}: ${out}`));
    });
  });
  return { child, url, dir, exited, output: () => out };
}

/** Whether a new TCP connection to `url` is accepted. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

it('SIGTERM: the slow request in flight completes, new connections are refused, exit 0', async () => {
  const running = await startConsole({ SANDBOX_SLOW_DELAY_MS: '2500' });
  // 504001 is the sandbox's slow process: it answers after SANDBOX_SLOW_DELAY_MS.
  const slow = rawRequest(running.url, 'GET', '/api/rtr/v2/processes/504001', {
    'X-Request-Id': 'slow-1',
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const signalledAt = Date.now();
  running.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));

  expect(await accepts(running.url)).toBe(false);
  const res = await slow;
  expect(res.status).toBe(200);
  expect(res.headers['x-request-id']).toBe('slow-1');
  expect(JSON.parse(res.text)).toMatchObject({ id: 504001 });
  expect(await running.exited).toBe(0);
  expect(Date.now() - signalledAt).toBeLessThan(8000);

  // The access line of the slow request was written before the exit, and the database was
  // closed cleanly: it opens again, with nothing left to recover.
  const lines = running
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toContainEqual(
    expect.objectContaining({
      requestId: 'slow-1',
      status: 200,
      path: '/api/rtr/v2/processes/504001',
    }),
  );
  expect(running.output()).toContain('SIGTERM received, shutting down');
  const history = await openHistoryStore(running.dir);
  expect((await history.health()).state).toBe('ok');
  await history.close();
}, 30_000);

it('SIGTERM: a request still going after the grace period is cut, and the exit is still 0', async () => {
  const running = await startConsole({
    SANDBOX_SLOW_DELAY_MS: '60000',
    UPSTREAM_TIMEOUT_MS: '60000',
  });
  const hung = rawRequest(running.url, 'GET', '/api/rtr/v2/processes/504001').then(
    (res) => `answered ${res.status}`,
    (error: Error) => `cut: ${error.message}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const signalledAt = Date.now();
  running.child.kill('SIGINT');
  expect(await running.exited).toBe(0);
  const took = Date.now() - signalledAt;
  expect(took).toBeGreaterThanOrEqual(9500);
  expect(took).toBeLessThan(14_000);
  expect(await hung).toMatch(/^cut: /);
}, 30_000);
