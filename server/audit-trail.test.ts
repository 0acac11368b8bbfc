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
import { historyStore } from './transfer-history.ts';

let dir: string;
let database: ConsoleDatabase;
let audit: AuditStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-audit-'));
  database = openDatabase(dir);
  audit = auditStore(database);
});
afterEach(async () => {
  database.close();
  await rm(dir, { recursive: true, force: true });
});

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
const objects = (filter: Partial<AuditFilter>) =>
  audit.query({ ...all, ...filter }).entries.map((e) => e.object);

describe('audit store', () => {
  it('keeps every field of an entry, and leaves out the absent ones', () => {
    audit.record(entry());
    audit.record(
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
    expect(audit.query(all)).toEqual({
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

  it('shares the one database file and connection with the transfer history', () => {
    const history = historyStore(database);
    history.record('acct1', 'test.com', { status: 7, description: 'Pending' }, 'lookup');
    audit.record(entry());
    const other = new Database(database.file, { readonly: true });
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
    database.close();
    const old = join(dir, 'old');
    const first = openDatabase(old);
    // The tables of later migrations go too: a version-1 file has none of them.
    first.db.exec('DROP TABLE audit_event; DROP TABLE transfer_watch; DROP TABLE webhook_delivery');
    first.db.pragma('user_version = 1');
    first.close();
    database = openDatabase(old);
    audit = auditStore(database);
    audit.record(entry());
    expect(audit.query(all).total).toBe(1);
    expect(database.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('lists newest first; entries of the same millisecond in the order they were recorded', () => {
    audit.record(entry({ at: '2026-12-01T10:00:00.000Z', object: 'a' }));
    audit.record(entry({ at: '2026-12-03T10:00:00.000Z', object: 'c' }));
    audit.record(entry({ at: '2026-12-02T10:00:00.000Z', object: 'b1' }));
    audit.record(entry({ at: '2026-12-02T10:00:00.000Z', object: 'b2' }));
    expect(objects({})).toEqual(['c', 'b2', 'b1', 'a']);
  });

  it('filters by user, kind, exact object, object prefix and time range, combined', () => {
    audit.record(
      entry({ at: '2026-12-01T09:00:00.000Z', object: 'acct1/a.com', kind: 'transfer' }),
    );
    audit.record(entry({ at: '2026-12-01T10:00:00.000Z', object: 'acct1/b.com', kind: 'bulk' }));
    audit.record(entry({ at: '2026-12-01T11:00:00.000Z', object: 'acct12/c.com', kind: 'bulk' }));
    audit.record(entry({ at: '2026-12-01T12:00:00.000Z', object: '46069000', user: 'bob@x.org' }));
    audit.record(entry({ at: '2026-12-02T00:00:00.000Z', object: '460690001' }));

    expect(objects({ user: 'bob@x.org' })).toEqual(['46069000']);
    expect(objects({ user: 'BOB@x.org' })).toEqual([]);
    expect(objects({ kind: 'bulk' })).toEqual(['acct12/c.com', 'acct1/b.com']);
    expect(objects({ object: { value: '46069000', prefix: false } })).toEqual(['46069000']);
    expect(objects({ object: { value: '46069000', prefix: true } })).toEqual([
      '460690001',
      '46069000',
    ]);
    expect(objects({ object: { value: 'acct1/', prefix: true } })).toEqual([
      'acct1/b.com',
      'acct1/a.com',
    ]);
    // No wildcard but the trailing one: % and _ are ordinary characters.
    expect(objects({ object: { value: 'acct1%', prefix: true } })).toEqual([]);
    expect(objects({ object: { value: 'acct_/', prefix: true } })).toEqual([]);
    expect(
      objects({ from: '2026-12-01T10:00:00.000Z', before: '2026-12-01T12:00:00.000Z' }),
    ).toEqual(['acct12/c.com', 'acct1/b.com']);
    expect(
      objects({ kind: 'bulk', object: { value: 'acct1/', prefix: true }, from: '2026-12-01' }),
    ).toEqual(['acct1/b.com']);
  });

  it('pages with limit and offset; total counts every match', () => {
    for (let i = 0; i < 7; i++) {
      audit.record(entry({ at: `2026-12-01T10:00:0${i}.000Z`, object: String(i) }));
    }
    expect(audit.query({ limit: 3, offset: 0 })).toMatchObject({ total: 7 });
    expect(objects({ limit: 3, offset: 0 })).toEqual(['6', '5', '4']);
    expect(objects({ limit: 3, offset: 3 })).toEqual(['3', '2', '1']);
    expect(objects({ limit: 3, offset: 6 })).toEqual(['0']);
    expect(audit.query({ limit: 3, offset: 9 })).toEqual({ total: 7, entries: [] });
  });

  it('prunes what is older than the given time, and only that', () => {
    audit.record(entry({ at: '2025-10-01T00:00:00.000Z', object: 'old' }));
    audit.record(entry({ at: '2025-10-27T23:59:59.999Z', object: 'older-by-a-ms' }));
    audit.record(entry({ at: '2025-10-28T00:00:00.000Z', object: 'kept' }));
    expect(audit.prune(new Date('2025-10-28T00:00:00.000Z'))).toBe(2);
    expect(objects({})).toEqual(['kept']);
  });

  it('a failed write throws (here: a full disk)', () => {
    database.close();
    const full = openDatabase(join(dir, 'full'), { maxPages: schemaPages(join(dir, 'pages')) + 1 });
    try {
      const store = auditStore(full);
      const big = 'x'.repeat(4000);
      expect(() => {
        for (let i = 0; i < 100; i++) store.record(entry({ object: big }));
      }).toThrow(/full/);
    } finally {
      full.close();
    }
    database = openDatabase(dir);
  });
});

describe('audit pruning job', () => {
  it('keeps AUDIT_RETENTION_DAYS days: prunes at start, and on every run', () => {
    const now = new Date('2026-12-02T12:00:00.000Z');
    audit.record(entry({ at: '2025-10-27T11:59:59.000Z', object: 'gone' }));
    audit.record(entry({ at: '2025-10-28T12:00:00.000Z', object: 'kept' }));
    const logs: string[] = [];
    const job = createAuditPruneJob({
      audit,
      retentionDays: 400,
      logger: (l) => logs.push(l),
      now: () => now,
    });
    job.start();
    job.stop();
    expect(objects({})).toEqual(['kept']);
    expect(logs).toEqual(['audit trail: removed 1 entries older than 400 days']);
    expect(job.runOnce()).toBe(0);
  });

  it('logs a failure instead of throwing', () => {
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
    expect(job.runOnce()).toBe(0);
    expect(logs).toEqual(['audit trail pruning failed: disk I/O error']);
  });
});

/**
 * The pages an empty database takes (its schema): "a full disk" is one page beyond it, whatever
 * the migrations add.
 */
function schemaPages(scratch: string): number {
  const empty = openDatabase(scratch);
  try {
    return Number(empty.db.pragma('page_count', { simple: true }));
  } finally {
    empty.close();
  }
}
