// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../src/contract/audit.ts';
import { createAuditPruneJob } from './audit-prune.ts';
import { auditStore, type AuditFilter, type AuditStore } from './audit-trail.ts';
import { openDatabase, SCHEMA_VERSION, type ConsoleDatabase } from './database.ts';
import { TEST_DATABASES, emptySchemaPages } from './test-databases.ts';
import { historyStore } from './transfer-history.ts';

let database: ConsoleDatabase;
let audit: AuditStore;

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: '2026-12-01T10:00:00.000Z',
  user: 'alice@example.com',
  kind: 'process',
  object: '46069000',
  upstreamStatus: 200,
  status: 200,
  requestId: 'req-1',
  ...over,
});
const all: AuditFilter = { limit: 500, offset: 0 };
const objects = async (filter: Partial<AuditFilter>) =>
  (await audit.query({ ...all, ...filter })).entries.map((e) => e.object);

describe.each(TEST_DATABASES)('audit store on $name', (kind) => {
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ database, drop } = await kind.open());
    audit = auditStore(database);
  });
  afterEach(() => drop());

  it('keeps every field of an entry, and leaves out the absent ones', async () => {
    await audit.record(entry());
    await audit.record(
      entry({
        at: '2026-12-01T10:00:01.000Z',
        kind: 'history',
        object: 'acct1/test.com',
        upstreamStatus: undefined,
        errorType: 'ConsoleInvalidInput',
        status: 400,
        requestId: undefined,
      }),
    );
    expect(await audit.query(all)).toEqual({
      total: 2,
      entries: [
        {
          at: '2026-12-01T10:00:01.000Z',
          user: 'alice@example.com',
          kind: 'history',
          object: 'acct1/test.com',
          errorType: 'ConsoleInvalidInput',
          status: 400,
        },
        entry(),
      ],
    });
  });

  it('lists newest first; entries of the same millisecond in the order they were recorded', async () => {
    await audit.record(entry({ at: '2026-12-01T10:00:00.000Z', object: 'a' }));
    await audit.record(entry({ at: '2026-12-03T10:00:00.000Z', object: 'c' }));
    await audit.record(entry({ at: '2026-12-02T10:00:00.000Z', object: 'b1' }));
    await audit.record(entry({ at: '2026-12-02T10:00:00.000Z', object: 'b2' }));
    expect(await objects({})).toEqual(['c', 'b2', 'b1', 'a']);
  });

  it('filters by user, kind, exact object, object prefix and time range, combined', async () => {
    await audit.record(
      entry({ at: '2026-12-01T09:00:00.000Z', object: 'acct1/a.com', kind: 'transfer' }),
    );
    await audit.record(
      entry({ at: '2026-12-01T10:00:00.000Z', object: 'acct1/b.com', kind: 'bulk' }),
    );
    await audit.record(
      entry({ at: '2026-12-01T11:00:00.000Z', object: 'acct12/c.com', kind: 'bulk' }),
    );
    await audit.record(
      entry({ at: '2026-12-01T12:00:00.000Z', object: '46069000', user: 'bob@x.org' }),
    );
    await audit.record(entry({ at: '2026-12-02T00:00:00.000Z', object: '460690001' }));

    expect(await objects({ user: 'bob@x.org' })).toEqual(['46069000']);
    expect(await objects({ user: 'BOB@x.org' })).toEqual([]);
    expect(await objects({ kind: 'bulk' })).toEqual(['acct12/c.com', 'acct1/b.com']);
    expect(await objects({ object: { value: '46069000', prefix: false } })).toEqual(['46069000']);
    expect(await objects({ object: { value: '46069000', prefix: true } })).toEqual([
      '460690001',
      '46069000',
    ]);
    expect(await objects({ object: { value: 'acct1/', prefix: true } })).toEqual([
      'acct1/b.com',
      'acct1/a.com',
    ]);
    // No wildcard but the trailing one: % and _ are ordinary characters.
    expect(await objects({ object: { value: 'acct1%', prefix: true } })).toEqual([]);
    expect(await objects({ object: { value: 'acct_/', prefix: true } })).toEqual([]);
    expect(
      await objects({ from: '2026-12-01T10:00:00.000Z', before: '2026-12-01T12:00:00.000Z' }),
    ).toEqual(['acct12/c.com', 'acct1/b.com']);
    expect(
      await objects({
        kind: 'bulk',
        object: { value: 'acct1/', prefix: true },
        from: '2026-12-01',
      }),
    ).toEqual(['acct1/b.com']);
  });

  it('pages with limit and offset; total counts every match', async () => {
    for (let i = 0; i < 7; i++) {
      await audit.record(entry({ at: `2026-12-01T10:00:0${i}.000Z`, object: String(i) }));
    }
    expect(await audit.query({ limit: 3, offset: 0 })).toMatchObject({ total: 7 });
    expect(await objects({ limit: 3, offset: 0 })).toEqual(['6', '5', '4']);
    expect(await objects({ limit: 3, offset: 3 })).toEqual(['3', '2', '1']);
    expect(await objects({ limit: 3, offset: 6 })).toEqual(['0']);
    expect(await audit.query({ limit: 3, offset: 9 })).toEqual({ total: 7, entries: [] });
  });

  it('prunes what is older than the given time, and only that', async () => {
    await audit.record(entry({ at: '2025-10-01T00:00:00.000Z', object: 'old' }));
    await audit.record(entry({ at: '2025-10-27T23:59:59.999Z', object: 'older-by-a-ms' }));
    await audit.record(entry({ at: '2025-10-28T00:00:00.000Z', object: 'kept' }));
    expect(await audit.prune(new Date('2025-10-28T00:00:00.000Z'))).toBe(2);
    expect(await objects({})).toEqual(['kept']);
  });

  it('shares the one database with the transfer history', async () => {
    const history = historyStore(database);
    await history.record('acct1', 'test.com', { status: 7, description: 'Pending' }, 'lookup');
    await audit.record(entry());
    const count = async (table: 'audit_event' | 'transfer_observation') =>
      Number(
        (
          await database.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('audit_event')).toBe(1);
    expect(await count('transfer_observation')).toBe(1);
  });

  describe('audit pruning job', () => {
    it('keeps AUDIT_RETENTION_DAYS days: prunes at start, and on every run', async () => {
      const now = new Date('2026-12-02T12:00:00.000Z');
      await audit.record(entry({ at: '2025-10-27T11:59:59.000Z', object: 'gone' }));
      await audit.record(entry({ at: '2025-10-28T12:00:00.000Z', object: 'kept' }));
      const logs: string[] = [];
      const job = createAuditPruneJob({
        audit,
        retentionDays: 400,
        logger: (l) => logs.push(l),
        now: () => now,
      });
      job.start();
      job.stop();
      // start() prunes without waiting: wait for it to be done.
      await expect.poll(() => logs).toEqual(['audit trail: removed 1 entries older than 400 days']);
      expect(await objects({})).toEqual(['kept']);
      expect(await job.runOnce()).toBe(0);
      expect(logs).toHaveLength(1);
    });
  });
});

describe('audit store on a SQLite file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-audit-'));
    database = await openDatabase(dir);
    audit = auditStore(database);
  });
  afterEach(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shares the one database file and connection with the transfer history', async () => {
    const history = historyStore(database);
    await history.record('acct1', 'test.com', { status: 7, description: 'Pending' }, 'lookup');
    await audit.record(entry());
    const other = new Database(database.describe, { readonly: true });
    try {
      expect(other.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(other.prepare('SELECT count(*) AS n FROM audit_event').get()).toEqual({ n: 1 });
      expect(other.prepare('SELECT count(*) AS n FROM transfer_observation').get()).toEqual({
        n: 1,
      });
    } finally {
      other.close();
    }
  });

  it('migrates a database written before the audit trail existed (schema version 1)', async () => {
    await database.close();
    const old = join(dir, 'old');
    const first = await openDatabase(old);
    // The tables of later migrations go too: a version-1 file has none of them, and no record
    // of Kysely's migrations (it predates them).
    first.sqlite!.exec(
      'DROP TABLE audit_event; DROP TABLE transfer_watch; DROP TABLE webhook_delivery; ' +
        'DROP TABLE kysely_migration; DROP TABLE kysely_migration_lock',
    );
    first.sqlite!.pragma('user_version = 1');
    await first.close();
    database = await openDatabase(old);
    audit = auditStore(database);
    await audit.record(entry());
    expect((await audit.query(all)).total).toBe(1);
    expect(database.sqlite!.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('a failed write throws (here: a full disk)', async () => {
    await database.close();
    const full = await openDatabase(join(dir, 'full'), {
      maxPages: (await emptySchemaPages(join(dir, 'pages'))) + 1,
    });
    try {
      const store = auditStore(full);
      const big = 'x'.repeat(4000);
      await expect(
        (async () => {
          for (let i = 0; i < 100; i++) await store.record(entry({ object: big }));
        })(),
      ).rejects.toThrow(/full/);
    } finally {
      await full.close();
    }
    database = await openDatabase(dir);
  });
});

describe('audit pruning job, failing', () => {
  it('logs a failure instead of throwing', async () => {
    const logs: string[] = [];
    const job = createAuditPruneJob({
      audit: {
        prune: () => Promise.reject(new Error('disk I/O error')),
      },
      retentionDays: 1,
      logger: (l) => logs.push(l),
    });
    expect(await job.runOnce()).toBe(0);
    expect(logs).toEqual(['audit trail pruning failed: disk I/O error']);
  });

  it('logs a failure that is thrown before any promise, too', async () => {
    const logs: string[] = [];
    const job = createAuditPruneJob({
      audit: {
        prune: () => {
          throw new Error('disk I/O error');
        },
      },
      retentionDays: 1,
      logger: (l) => logs.push(l),
    });
    expect(await job.runOnce()).toBe(0);
    expect(logs).toEqual(['audit trail pruning failed: disk I/O error']);
  });
});
