// `npm run soak`: load with faults. The sandbox (its own process) answers 5 % of API requests
// with a fault (500, connection reset, hang, malformed JSON: sandbox/faults.ts) while autocannon
// keeps 100 connections busy through the console (its own process) for 60 s on each API.
// Reports, per API: requests/s, p50/p99 latency, what kinds of answer came back (every one must
// be the upstream's JSON or a console error body), seconds with no answer at all, and the
// console's RSS at start, peak and end. Not part of CI; bounded in time, stops by itself.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SANDBOX_HOSTWAY_AUTHORIZATION, SANDBOX_RTR_API_KEY } from '../sandbox/server.ts';
import { spawnService } from './services.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 100);
const FAULT_RATE = process.env.SOAK_FAULT_RATE ?? '0.05';
const SANDBOX_PORT = 18191;
const CONSOLE_PORT = 18190;

async function rssMb(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** What kind of answer a body is: upstream JSON, a console error type, or not JSON at all. */
function classify(status: number, body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `${status} NOT JSON`;
  }
  const o = json as { source?: unknown; type?: unknown };
  if (o && o.source === 'console') return `${status} console ${String(o.type)}`;
  return `${status} upstream JSON`;
}

async function soak(name: string, path: string, console_: ChildProcess) {
  const kinds = new Map<string, number>();
  const perSecond: number[] = [];
  const started = Date.now();
  const rss = { start: await rssMb(console_), peak: 0, end: 0 };
  const sampler = setInterval(() => {
    void rssMb(console_).then((mb) => (rss.peak = Math.max(rss.peak, mb)));
  }, 500);
  const result = await autocannon({
    url: `http://127.0.0.1:${CONSOLE_PORT}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    // A hung upstream answer is the console's to end (504 after UPSTREAM_TIMEOUT_MS).
    timeout: 60,
    requests: [
      {
        method: 'GET',
        path,
        onResponse: (status: number, body: string) => {
          const kind = classify(status, body);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          const second = Math.floor((Date.now() - started) / 1000);
          perSecond[second] = (perSecond[second] ?? 0) + 1;
        },
      },
    ],
  });
  clearInterval(sampler);
  rss.end = await rssMb(console_);
  const seconds = Array.from({ length: SECONDS }, (_, i) => perSecond[i] ?? 0);
  const zero = seconds.filter((n) => n === 0).length;
  console.log(`\n${name}: GET ${path}, ${CONNECTIONS} connections, ${SECONDS} s`);
  console.log(
    `  ${result.requests.average.toFixed(0)} req/s on average; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${result.errors} connection errors, ${result.timeouts} client timeouts`,
  );
  console.log(`  seconds with no answer at all: ${zero} of ${SECONDS}`);
  console.log(
    `  slowest second: ${Math.min(...seconds)} answers; fastest: ${Math.max(...seconds)}`,
  );
  console.log(
    `  console RSS: start ${rss.start.toFixed(0)} MB, peak ${rss.peak.toFixed(0)} MB, end ${rss.end.toFixed(0)} MB`,
  );
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${String(n).padStart(8)}  ${kind}`);
  }
  const notJson = [...kinds].filter(([k]) => k.endsWith('NOT JSON'));
  if (notJson.length > 0) console.log('  FAIL: answers that are not JSON reached the client');
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'console-soak-'));
  const sandbox = await spawnService(
    'sandbox/main.ts',
    {
      SANDBOX_PORT: String(SANDBOX_PORT),
      SANDBOX_FAULT_RATE: FAULT_RATE,
      SANDBOX_SLOW_DELAY_MS: '30000',
    },
    new RegExp(String(SANDBOX_PORT)),
  );
  const console_ = await spawnService(
    'server/main.ts',
    {
      PORT: String(CONSOLE_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      RTR_API_URL: `http://127.0.0.1:${SANDBOX_PORT}/rtr`,
      RTR_API_KEY: SANDBOX_RTR_API_KEY,
      HOSTWAY_API_URL: `http://127.0.0.1:${SANDBOX_PORT}/hostway`,
      HOSTWAY_AUTHORIZATION: SANDBOX_HOSTWAY_AUTHORIZATION,
      TRANSFER_WATCH_INTERVAL_S: '0',
    },
    new RegExp(`127\\.0\\.0\\.1:${CONSOLE_PORT}`),
  );
  try {
    console.log(
      `Soak: ${FAULT_RATE} of upstream answers are faults (500, reset, 30 s hang, malformed JSON); console defaults otherwise`,
    );
    await soak('Realtime Register API', '/api/rtr/v2/processes/46069000', console_);
    await soak(
      'Hostway API',
      '/api/hostway/accounts/acct12345/domains/transfers/test.com',
      console_,
    );
    console.log(`\nThe console was still running: ${console_.exitCode === null ? 'yes' : 'NO'}`);
  } finally {
    console_.kill();
    sandbox.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
