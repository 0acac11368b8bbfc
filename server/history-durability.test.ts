// @vitest-environment node
// Nothing is lost without a word: a history write that fails is answered, logged and counted;
// the WAL is checkpointed; a backup is consistent; a bad database is reported, at start and by
// /readyz.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdtemp, open, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupHistory } from '../scripts/db-backup.ts';
import { createCheckpointJob } from './history-checkpoint.ts';
import { emptySchemaPages } from './test-databases.ts';
import { createMetrics } from './metrics.ts';
import {
  HISTORY_FILE_NAME,
  JOURNAL_SIZE_LIMIT_BYTES,
  openHistoryStore,
  type HistoryStore,
} from './transfer-history.ts';
import { startRecordingUpstream, startTestApp, type RecordingUpstream } from './test-support.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const status = (n: number) => ({
  status: 7,
  description: `Pending ${n}`,
  statusChangeDate: '2024-05-01T10:00:00Z',
});

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-durability-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function store(options?: Parameters<typeof openHistoryStore>[1]): Promise<HistoryStore> {
  const s = await openHistoryStore(dir, options);
  cleanups.push(() => s.close());
  return s;
}
async function upstreamAnswering(body: unknown): Promise<RecordingUpstream> {
  const upstream = await startRecordingUpstream();
  upstream.respond((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  cleanups.push(() => upstream.close());
  return upstream;
}

/** Records distinct statuses until the store refuses one; returns how many it took. */
async function fillUp(history: HistoryStore): Promise<number> {
  for (let n = 0; n < 100_000; n++) {
    try {
      await history.record('acct12345', 'fill.com', status(n), 'lookup');
    } catch (error) {
      expect((error as { code?: string }).code).toBe('SQLITE_FULL');
      return n;
    }
  }
  throw new Error('the store never filled up');
}

describe('a full disk (SQLite answering SQLITE_FULL)', () => {
  it('fails every write loudly: what was acknowledged is stored, the rest threw', async () => {
    const history = await store({ maxPages: (await emptySchemaPages(join(dir, 'pages'))) + 1 });
    const stored = await fillUp(history);
    expect(stored).toBeGreaterThan(0);
    expect(await history.history('acct12345', 'fill.com')).toHaveLength(stored);
    await expect(history.record('acct12345', 'other.com', status(1), 'lookup')).rejects.toThrow(
      /full/,
    );
  });

  it('answers 200 with the data, X-Console-History: not-recorded, a log line and a count', async () => {
    const history = await store({ maxPages: (await emptySchemaPages(join(dir, 'pages'))) + 1 });
    await fillUp(history);
    const answer = { status: 9, description: 'Pending at the registry' };
    const upstream = await upstreamAnswering(answer);
    const metrics = createMetrics();
    const app = await startTestApp(upstream.url, { history, metrics });
    cleanups.push(() => app.close());

    const res = await app.get('/api/hostway/accounts/acct12345/domains/transfers/full-disk.com');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual(answer);
    expect(res.headers['x-console-history']).toBe('not-recorded');
    expect(res.headers['x-console-history-reason']).toBe('disk-full');
    expect(app.logs).toContainEqual(
      expect.stringMatching(
        /^transfer status not recorded for acct12345\/full-disk\.com: disk-full: .*full.* \(SQLITE_FULL\)$/,
      ),
    );
    expect(metrics.historyWritesFailed.value).toBe(1);

    const ready = await app.get('/readyz');
    expect(JSON.parse(ready.text)).toMatchObject({ counters: { historyWritesFailed: 1 } });
    // A status that was recorded carries no such header.
    const fine = await startTestApp(upstream.url);
    cleanups.push(() => fine.close());
    const ok = await fine.get('/api/hostway/accounts/acct12345/domains/transfers/full-disk.com');
    expect(ok.headers['x-console-history']).toBeUndefined();
  });
});

describe('the WAL', () => {
  it('is limited in size and emptied by the checkpoint job', async () => {
    const history = await store();
    for (let n = 0; n < 2000; n++)
      await history.record('acct12345', 'wal.com', status(n), 'lookup');
    const wal = `${history.file}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(0);
    const logs: string[] = [];
    createCheckpointJob({ history, logger: (l) => logs.push(l) }).runOnce();
    expect(statSync(wal).size).toBe(0);
    expect(logs).toEqual([]);
    // Everything is in the main file now: a copy of it alone has every row.
    const db = new Database(history.file, { readonly: true });
    try {
      expect(db.pragma('journal_size_limit', { simple: true })).toBe(-1); // per connection
      expect(db.prepare('SELECT count(*) AS n FROM transfer_observation').get()).toEqual({
        n: 2000,
      });
    } finally {
      db.close();
    }
    expect(JOURNAL_SIZE_LIMIT_BYTES).toBe(4 * 1024 * 1024);
  });

  it('a failing checkpoint is logged, not thrown', () => {
    const logs: string[] = [];
    const job = createCheckpointJob({
      history: {
        checkpoint: () => {
          throw new Error('disk I/O error');
        },
      },
      logger: (l) => logs.push(l),
    });
    job.runOnce();
    expect(logs).toEqual(['history checkpoint failed: disk I/O error']);
  });
});

describe('npm run db:backup', () => {
  it('makes a consistent copy that stands alone, while the console has the database open', async () => {
    const history = await store();
    for (let n = 0; n < 500; n++)
      await history.record('acct12345', 'backup.com', status(n), 'lookup');
    // The rows are still in the WAL: copying the file alone would lose them.
    await copyFile(history.file, join(dir, 'naive-copy.sqlite'));
    const naive = new Database(join(dir, 'naive-copy.sqlite'), { readonly: true });
    const naiveRows = (() => {
      try {
        return (
          naive.prepare('SELECT count(*) AS n FROM transfer_observation').get() as { n: number }
        ).n;
      } catch {
        return 0;
      } finally {
        naive.close();
      }
    })();
    expect(naiveRows).toBeLessThan(500);

    const result = await backupHistory(dir, join(dir, 'copies', 'backup.sqlite'));
    expect(result).toMatchObject({
      observations: 500,
      destination: join(dir, 'copies', 'backup.sqlite'),
    });
    const copy = new Database(result.destination, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM transfer_observation').get()).toEqual({
        n: 500,
      });
    } finally {
      copy.close();
    }
    await expect(backupHistory(dir, result.destination)).rejects.toThrow(/exists already/);
  });

  it('runs as a script', async () => {
    await (await store()).record('acct12345', 'script.com', status(1), 'lookup');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts', 'db-backup.ts'), join(dir, 'b.sqlite')],
      {
        cwd: root,
        env: { PATH: process.env.PATH, DATA_DIR: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain(`Backed up 1 observation(s)`);
    expect(existsSync(join(dir, 'b.sqlite'))).toBe(true);
  }, 20_000);
});

describe('readiness probes', () => {
  /** This process's POSIX locks on `file`, as the kernel lists them (Linux). */
  const locksOn = (file: string) => {
    const { ino } = statSync(file);
    return readFileSync('/proc/locks', 'utf8')
      .split('\n')
      .filter((line) => line.includes(` ${process.pid} `) && line.includes(`:${ino} `));
  };

  it("keep SQLite's locks on the database file", async () => {
    // POSIX locks belong to the process and go when it closes *any* handle of the file: a probe
    // that opened and closed the file dropped SQLite's. Then the next process to open and close
    // the database (the sqlite3 CLI, a backup) took itself for the last user, checkpointed and
    // deleted the WAL this process still wrote to, and what was recorded afterwards was lost.
    const history = await store();
    await history.record('acct12345', 'lock.com', status(1), 'lookup');
    const held = locksOn(history.file);
    expect(held.length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect((await history.health()).state).toBe('ok');
    expect(locksOn(history.file)).toEqual(held);
  });
});

describe('a database that cannot be used is reported', () => {
  const file = () => join(dir, HISTORY_FILE_NAME);

  it('at start: a corrupt file, naming the path', async () => {
    await writeFile(file(), 'this is not a database, it only has the name of one'.repeat(100));
    await expect(openHistoryStore(dir)).rejects.toThrow(
      new RegExp(`^Cannot open the transfer history database ${file()}: it is corrupt \\(`),
    );
  });

  it('at start: a database with damaged pages', async () => {
    const history = await openHistoryStore(dir);
    for (let n = 0; n < 300; n++) await history.record('acct12345', 'x.com', status(n), 'lookup');
    history.checkpoint();
    await history.close();
    const handle = await open(file(), 'r+');
    await handle.write(Buffer.alloc(4096, 0xa5), 0, 4096, 4096 * 2);
    await handle.close();
    await expect(openHistoryStore(dir)).rejects.toThrow(/it is corrupt|malformed/);
  });

  it('at start: a read-only database', async () => {
    await (await openHistoryStore(dir)).close();
    await expect(openHistoryStore(dir, { readonly: true })).rejects.toThrow(
      new RegExp(`^Cannot open the transfer history database ${file()}: it is read-only`),
    );
  });

  it('at start, as a program: exit 1 with the path', async () => {
    await writeFile(file(), 'garbage'.repeat(1000));
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`Cannot open the transfer history database ${file()}: it is corrupt`);
  }, 20_000);

  it('by /readyz: ok, then missing, then corrupt', async () => {
    const upstream = await upstreamAnswering({});
    const history = await store();
    const app = await startTestApp(upstream.url, { history });
    cleanups.push(() => app.close());
    const readyz = async (host?: string) => {
      const res = await app.get('/readyz', host ? { Host: host } : {});
      return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
    };
    expect(await readyz()).toEqual({
      status: 200,
      body: {
        ready: true,
        database: { state: 'ok', file: history.file },
        counters: { historyWritesFailed: 0 },
      },
    });
    // Probes come by address: any Host.
    expect((await readyz('10.1.2.3:8080')).status).toBe(200);

    const handle = await open(history.file, 'r+');
    await handle.write(Buffer.from('NOT SQLITE AT ALL'), 0, 16, 0);
    await handle.close();
    expect(await readyz()).toMatchObject({
      status: 503,
      body: { ready: false, database: { state: 'corrupt' } },
    });

    await unlink(history.file);
    expect(await readyz()).toMatchObject({
      status: 503,
      body: {
        ready: false,
        database: { state: 'missing', detail: expect.stringContaining('deleted') },
      },
    });
  });
});
