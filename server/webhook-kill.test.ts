// @vitest-environment node
// kill -9 after the console recorded a change and before the delivery was acknowledged: the
// delivery is in the outbox, and the restarted console sends it, with the same id and body.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { HISTORY_HEADER, HISTORY_NOT_RECORDED } from '../src/contract/history-header.ts';
import {
  deliveriesPageSchema,
  transferStatusChangedSchema,
} from '../src/contract/notifications.ts';
import { startTestReceiver, type TestReceiver } from './webhook-test-receiver.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'webhook-secret-0123';
let dir: string | undefined;
let child: ChildProcess | undefined;
let receiver: TestReceiver | undefined;

afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await receiver?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts `server/main.ts` with its embedded sandbox and resolves with its URL. */
function startConsole(dataDir: string, hookUrl: string): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      DATA_DIR: dataDir,
      TRANSFER_WATCH_INTERVAL_S: '0',
      NOTIFY_WEBHOOK_URLS: hookUrl,
      NOTIFY_WEBHOOK_SECRET: SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = child;
  return new Promise((resolve, reject) => {
    let out = '';
    started.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Registrar Console: (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    started.once('exit', (code) => reject(new Error(`the console exited with ${code}: ${out}`)));
  });
}

it('delivers a change recorded before a SIGKILL after the restart, with the same id', async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-webhook-kill-'));
  receiver = await startTestReceiver();
  // The receiver takes the request and never answers: not delivered.
  receiver.hang = true;
  const base = await startConsole(dir, receiver.url);
  const res = await fetch(`${base}/api/hostway/accounts/acct12345/domains/transfers/test.com`);
  // Answered and recorded while the delivery hangs: the page never waits for a webhook.
  expect(res.status).toBe(200);
  expect(res.headers.get(HISTORY_HEADER)).not.toBe(HISTORY_NOT_RECORDED);
  const [first] = await receiver.waitFor(1);
  child!.kill('SIGKILL');
  await new Promise((r) => child!.once('exit', r));

  receiver.hang = false;
  await startConsole(dir, receiver.url);
  const hooks = await receiver.waitFor(2, 20_000);
  const second = hooks[1]!;
  expect(second.body.equals(first!.body)).toBe(true);
  const event = transferStatusChangedSchema.parse(second.json);
  expect(event).toMatchObject({ domainName: 'test.com', from: null });
  expect(second.headers['x-console-signature']).toBe(
    `sha256=${createHmac('sha256', SECRET).update(second.body).digest('hex')}`,
  );
  // Delivered now: no third request comes, even from a third console on the same data.
  child!.kill('SIGTERM');
  await new Promise((r) => child!.once('exit', r));
  const third = await startConsole(dir, receiver.url);
  const page = deliveriesPageSchema.parse(
    await (await fetch(`${third}/api/notifications/deliveries`)).json(),
  );
  expect(page.counts).toEqual({ pending: 0, delivered: 1, failed: 0 });
  expect(page.deliveries[0]).toMatchObject({ eventId: event.id, attempts: 2 });
  expect(receiver.received).toHaveLength(2);
}, 60_000);
