// @vitest-environment node
// kill -9 in the middle of recording: every status the console acknowledged (answered 200
// without `X-Console-History: not-recorded`) is in the database when it is opened again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { HISTORY_HEADER, HISTORY_NOT_RECORDED } from '../src/contract/history-header.ts';
import { openHistoryStore } from './transfer-history.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts `server/main.ts` with its embedded sandbox and resolves with its URL. */
function startConsole(dataDir: string): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, TRANSFER_WATCH_INTERVAL_S: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Registrar Console: (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child!.once('exit', (code) => reject(new Error(`the console exited with ${code}: ${out}`)));
  });
}

/** One lookup; resolves with the domain when the console acknowledged recording it. */
function lookup(base: string, domain: string): Promise<string | undefined> {
  const url = `${base}/api/hostway/accounts/acct12345/domains/transfers/${domain}`;
  return new Promise((resolve) => {
    const req = request(url, (res) => {
      res.resume();
      res.on('end', () => {
        const recorded =
          res.statusCode === 200 &&
          res.headers[HISTORY_HEADER.toLowerCase()] !== HISTORY_NOT_RECORDED;
        resolve(recorded ? domain : undefined);
      });
      res.on('error', () => resolve(undefined));
    });
    // A request cut off by the kill was never acknowledged.
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

it('loses no acknowledged observation when the server is killed while recording', async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-kill-'));
  const base = await startConsole(dir);
  const acknowledged = new Set<string>();
  let next = 1;
  let stop = false;
  // Eight clients look up ever new domains until the kill; each answer is one new row.
  const clients = Array.from({ length: 8 }, async () => {
    while (!stop) {
      const domain = await lookup(base, `bulk-${next++}.com`);
      if (domain) acknowledged.add(domain);
    }
  });
  // Killed once enough has been acknowledged (not after a fixed time: a busy machine is slower).
  const deadline = Date.now() + 20_000;
  while (acknowledged.size < 60 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  child!.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  await new Promise((r) => child!.once('exit', r));

  // Enough traffic for the kill to land mid-write, and every acknowledged row survived it.
  expect(acknowledged.size).toBeGreaterThan(50);
  const history = await openHistoryStore(dir);
  try {
    const missing: string[] = [];
    for (const d of acknowledged) {
      if ((await history.history('acct12345', d)).length === 0) missing.push(d);
    }
    expect(missing).toEqual([]);
  } finally {
    await history.close();
  }
}, 45_000);
