// The database rows of `npm run bench` (issue 13): observations written per second into SQLite
// and into PostgreSQL, and one watcher run over 10,000 pairs with one console and with two on one
// PostgreSQL database. Started from bench/run.ts (BENCH_ONLY=database).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '../scripts/postgres-cluster.ts';
import { openDatabase, openPostgresDatabase, type ConsoleDatabase } from '../server/database.ts';
import { limitForward, makeForward } from '../server/proxy.ts';
import { historyStore } from '../server/transfer-history.ts';
import { watchStore } from '../server/transfer-watch.ts';
import { createTransferWatcher } from '../server/transfer-watcher.ts';
import { hostwayUpstream } from '../server/upstreams.ts';
import { SANDBOX_HOSTWAY_AUTHORIZATION } from '../sandbox/credentials.ts';
import { startSandbox } from '../sandbox/server.ts';

const WRITES = Number(process.env.BENCH_DB_WRITES ?? 3000);
const WATCHED_PAIRS = Number(process.env.BENCH_WATCHED_PAIRS ?? 10_000);
/** At once, as the lookups of several people and the watcher write. */
const WRITERS = 8;

async function writesPerSecond(database: ConsoleDatabase): Promise<number> {
  const history = historyStore(database);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let i = next++; i < WRITES; i = next++) {
        await history.record('acct1', `write-${i}.com`, { status: 7, description: 'x' }, 'lookup');
      }
    }),
  );
  return WRITES / ((performance.now() - started) / 1000);
}

async function newDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster.url.replace(/\/console$/, `/${name}`);
}

/** `pairs` unfinished transfers (the sandbox's bulk-<n>.com answer a status for each). */
async function seed(database: ConsoleDatabase, pairs: number) {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  for (let from = 0; from < pairs; from += 500) {
    const rows = Array.from({ length: Math.min(500, pairs - from) }, (_, i) => ({
      account_number: 'acct12345',
      domain_name: `bulk-${from + i + 1}.com`,
      status: 1,
      description: 'seeded',
      first_seen_at: at,
      last_seen_at: at,
      source: 'watcher' as const,
    }));
    await database.kysely.insertInto('transfer_observation').values(rows).execute();
  }
}

/** One unpaced run of each console's watcher, all at once: seconds, and pairs each re-checked. */
async function watcherRun(databases: ConsoleDatabase[], hostwayUrl: string) {
  const upstream = hostwayUpstream(hostwayUrl, SANDBOX_HOSTWAY_AUTHORIZATION);
  const watchers = databases.map((database) =>
    createTransferWatcher({
      history: historyStore(database),
      watch: watchStore(database),
      upstream,
      // Each console has its own limit towards Hostway (TRANSFER_CONCURRENCY=6).
      forward: limitForward(6, makeForward(), { queueMax: 100 }),
      timeoutMs: 15_000,
      intervalS: 0,
      parallelism: 3,
      logger: () => {},
    }),
  );
  const started = performance.now();
  const summaries = await Promise.all(watchers.map((watcher) => watcher.runOnce()));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(watchers.map((watcher) => watcher.stop()));
  return { seconds, checked: summaries.map((summary) => summary.checked) };
}

export async function benchDatabase(report: (line: string) => void) {
  const work = await mkdtemp(join(tmpdir(), 'console-bench-db-'));
  // A durable cluster (fsync on), unlike the tests' throw-away one.
  const cluster = await startPostgresCluster({ durable: true });
  // 5 ms per Hostway answer: the watcher's run is bound by the upstream, as in production.
  const sandbox = await startSandbox({ latencyMs: 5 });
  const opened: ConsoleDatabase[] = [];
  const track = (database: ConsoleDatabase) => (opened.push(database), database);
  try {
    const sqlite = await writesPerSecond(track(await openDatabase(join(work, 'writes'))));
    const postgres = await writesPerSecond(
      track(await openPostgresDatabase(await newDatabase(cluster, 'writes'))),
    );
    report(
      `Observations written (${WRITES}, ${WRITERS} at once, one transaction each): SQLite ${sqlite.toFixed(0)}/s, PostgreSQL ${postgres.toFixed(0)}/s (PostgreSQL ÷ SQLite ${(postgres / sqlite).toFixed(2)}; SQLite in WAL with synchronous=NORMAL, PostgreSQL with fsync on, same machine)`,
    );

    const one = track(await openPostgresDatabase(await newDatabase(cluster, 'watch_one')));
    await seed(one, WATCHED_PAIRS);
    const single = await watcherRun([one], sandbox.hostwayUrl);
    const twoUrl = await newDatabase(cluster, 'watch_two');
    const a = track(await openPostgresDatabase(twoUrl));
    const b = track(await openPostgresDatabase(twoUrl));
    await seed(a, WATCHED_PAIRS);
    const double = await watcherRun([a, b], sandbox.hostwayUrl);
    report(
      `Watcher run over ${WATCHED_PAIRS} pairs on PostgreSQL (5 ms upstream latency, TRANSFER_CONCURRENCY=6 per console): one console ${single.seconds.toFixed(1)} s (re-checked ${single.checked.join('')}); two consoles ${double.seconds.toFixed(1)} s (re-checked ${double.checked.join(' + ')} = ${double.checked.reduce((x, y) => x + y, 0)}); two ÷ one ${(double.seconds / single.seconds).toFixed(2)}`,
    );
  } finally {
    await Promise.all(opened.map((database) => database.close()));
    await sandbox.close();
    cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
}
