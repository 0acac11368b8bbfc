// @vitest-environment node
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FINAL_TRANSFER_CODES } from '../src/contract/transfer-status.ts';
import { openConsoleDatabase, type ConsoleDatabase } from './database.ts';
import { TEST_DATABASES } from './test-databases.ts';
import {
  HISTORY_FILE_NAME,
  SCHEMA_VERSION,
  historyStore,
  openHistoryStore,
  parseTransferStatus,
  type HistoryStore,
} from './transfer-history.ts';

const T0 = new Date('2024-05-01T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const pending = {
  status: 7,
  description: 'Auto verification of transfer request initiated',
  emailAddress: 'joshbond@usa.net',
  statusChangeDate: '2014-03-25T11:15:11-05:00',
};
const acked = { status: 6, description: 'Approved', statusChangeDate: '2014-03-26T09:00:00Z' };
const active = { status: 14, description: 'Active', statusChangeDate: '2014-04-01T09:00:00Z' };

// What only the SQLite file has: the file on disk, its pragmas, its schema version header.
describe('openHistoryStore (SQLite file)', () => {
  let dir: string;
  let store: HistoryStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-history-'));
    store = await openHistoryStore(dir);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates DATA_DIR (nested) and console.sqlite in it', async () => {
    const nested = join(dir, 'a', 'b');
    const other = await openHistoryStore(nested);
    try {
      expect(other.file).toBe(join(nested, HISTORY_FILE_NAME));
      expect(existsSync(other.file)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('uses WAL mode and records its schema version', async () => {
    await store.record('acct', 'test.com', pending, 'lookup', T0);
    // A second connection sees the file's persistent settings.
    const db = new Database(store.file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      db.close();
    }
    expect(existsSync(`${store.file}-wal`)).toBe(true);
  });

  it('refuses a database written by a newer console, naming the file', async () => {
    await store.close();
    const db = new Database(join(dir, HISTORY_FILE_NAME));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openHistoryStore(dir)).rejects.toThrow(
      `Cannot open the transfer history database ${join(dir, HISTORY_FILE_NAME)}: its schema version is ${SCHEMA_VERSION + 1}, newer than this console knows`,
    );
  });

  it('fails clearly when DATA_DIR cannot be created', async () => {
    const file = join(dir, HISTORY_FILE_NAME); // a file, not a directory
    await expect(openHistoryStore(join(file, 'sub'))).rejects.toThrow(
      /^Cannot open the transfer history database .*console\.sqlite.*: /,
    );
  });
});

describe.each(TEST_DATABASES)('the transfer history on $name', (kind) => {
  let database: ConsoleDatabase;
  let drop: () => Promise<void>;
  let url: string;
  let store: HistoryStore;
  /** Databases this test opened besides `database`, closed before it is dropped. */
  const opened: ConsoleDatabase[] = [];

  beforeEach(async () => {
    ({ database, drop, url } = await kind.open());
    store = historyStore(database);
  });
  afterEach(async () => {
    for (const other of opened.splice(0)) await other.close();
    await drop();
  });

  /** The same database opened again, as a restarted console would. */
  const reopen = async () => {
    const again = await openConsoleDatabase(
      kind.name === 'sqlite' ? { dataDir: url } : { dataDir: '/nonexistent', databaseUrl: url },
    );
    opened.push(again);
    return again;
  };

  it('keeps everything across close and reopen of the same database', async () => {
    await store.record('acct', 'test.com', pending, 'lookup', at(0));
    await store.record('acct', 'test.com', acked, 'watcher', at(5));
    const before = await store.history('acct', 'test.com');
    await store.close();
    await store.close(); // twice is fine
    await expect(store.history('acct', 'test.com')).rejects.toThrow();

    store = historyStore(await reopen());
    expect(await store.history('acct', 'test.com')).toEqual(before);
    expect(await store.record('acct', 'test.com', acked, 'lookup', at(6))).toEqual({
      isNew: false,
    });
  });

  describe('record and history', () => {
    it('adds a row per distinct status and none for a repeated one', async () => {
      expect(await store.record('acct', 'test.com', pending, 'lookup', at(0))).toEqual({
        isNew: true,
      });
      expect(await store.record('acct', 'test.com', pending, 'lookup', at(1))).toEqual({
        isNew: false,
      });
      expect(await store.record('acct', 'test.com', pending, 'watcher', at(2))).toEqual({
        isNew: false,
      });
      expect(await store.record('acct', 'test.com', acked, 'watcher', at(3))).toEqual({
        isNew: true,
      });
      expect(await store.record('acct', 'test.com', acked, 'lookup', at(4))).toEqual({
        isNew: false,
      });

      expect(await store.history('acct', 'test.com')).toEqual([
        {
          status: 7,
          description: 'Auto verification of transfer request initiated',
          emailAddress: 'joshbond@usa.net',
          statusChangeDate: '2014-03-25T11:15:11-05:00',
          firstSeenAt: '2024-05-01T10:00:00.000Z',
          lastSeenAt: '2024-05-01T10:02:00.000Z',
          seenCount: 3,
          source: 'lookup',
        },
        {
          status: 6,
          description: 'Approved',
          statusChangeDate: '2014-03-26T09:00:00Z',
          firstSeenAt: '2024-05-01T10:03:00.000Z',
          lastSeenAt: '2024-05-01T10:04:00.000Z',
          seenCount: 2,
          source: 'watcher',
        },
      ]);
    });

    it('orders by first sighting, not by code or by last sighting', async () => {
      await store.record('acct', 'test.com', active, 'lookup', at(10));
      await store.record('acct', 'test.com', pending, 'lookup', at(0));
      await store.record('acct', 'test.com', acked, 'lookup', at(5));
      await store.record('acct', 'test.com', pending, 'lookup', at(20)); // seen again later
      expect((await store.history('acct', 'test.com')).map((o) => o.status)).toEqual([7, 6, 14]);
    });

    it('the same code with another description or change date is a new observation', async () => {
      await store.record(
        'acct',
        'test.com',
        { status: 2, description: 'Manual review' },
        'lookup',
        at(0),
      );
      await store.record(
        'acct',
        'test.com',
        { status: 2, description: 'Manual review' },
        'lookup',
        at(1),
      );
      await store.record(
        'acct',
        'test.com',
        { status: 2, description: 'Cancelled' },
        'lookup',
        at(2),
      );
      await store.record(
        'acct',
        'test.com',
        { status: 2, description: 'Cancelled', statusChangeDate: '2024-05-01T10:02:00Z' },
        'lookup',
        at(3),
      );
      const rows = await store.history('acct', 'test.com');
      expect(rows.map((o) => [o.description, o.statusChangeDate, o.seenCount])).toEqual([
        ['Manual review', undefined, 2],
        ['Cancelled', undefined, 1],
        ['Cancelled', '2024-05-01T10:02:00Z', 1],
      ]);
      // Absent optional fields are left out, not null.
      expect(rows[0]).not.toHaveProperty('emailAddress');
      expect(rows[0]).not.toHaveProperty('statusChangeDate');
    });

    it('keeps account and domain apart, and keeps the latest e-mail address', async () => {
      await store.record('acct', 'test.com', pending, 'lookup', at(0));
      await store.record('other', 'test.com', pending, 'lookup', at(0));
      await store.record('acct', 'example.com', pending, 'lookup', at(0));
      await store.record(
        'acct',
        'test.com',
        { ...pending, emailAddress: 'new@x.org' },
        'lookup',
        at(1),
      );
      expect(await store.history('acct', 'test.com')).toHaveLength(1);
      expect((await store.history('acct', 'test.com'))[0]?.emailAddress).toBe('new@x.org');
      expect((await store.history('other', 'test.com'))[0]?.emailAddress).toBe('joshbond@usa.net');
      expect(await store.history('acct', 'nothing.com')).toEqual([]);
    });

    it('ignores extra fields of the upstream answer', async () => {
      const loose = { ...acked, extra: 'ignored' };
      await store.record('acct', 'test.com', loose, 'lookup', at(0));
      expect((await store.history('acct', 'test.com'))[0]).not.toHaveProperty('extra');
    });
  });

  describe('watchList', () => {
    it('lists the transfers whose most recently seen status is not final', async () => {
      await store.record('a', 'pending.com', pending, 'lookup', at(0));
      await store.record('a', 'done.com', pending, 'lookup', at(0));
      await store.record('a', 'done.com', active, 'lookup', at(1));
      await store.record(
        'a',
        'failed.com',
        { status: 12, description: 'Wrong auth code' },
        'lookup',
      );
      await store.record('a', 'registry.com', { status: 10, description: 'Complete' }, 'lookup');
      await store.record('a', 'whois.com', { status: 2, description: 'Manual' }, 'lookup');
      // Code 2 that says cancelled (WHOIS_CANCEL) is final, as on the transfer page.
      await store.record(
        'a',
        'cancelled.com',
        { status: 2, description: 'Transfer cancelled' },
        'lookup',
      );
      await store.record('a', 'unknown.com', { status: 42, description: 'New code' }, 'lookup');
      // Seen final first, then pending again (a new transfer order): watched again.
      await store.record('b', 'again.com', active, 'lookup', at(0));
      await store.record('b', 'again.com', pending, 'lookup', at(1));
      // Seen pending first, final later, then the old pending status once more: the most recently
      // seen status counts.
      await store.record('b', 'flip.com', pending, 'lookup', at(0));
      await store.record('b', 'flip.com', active, 'lookup', at(1));

      expect(await store.watchList()).toEqual([
        { accountNumber: 'a', domainName: 'pending.com', latestStatus: 7 },
        { accountNumber: 'a', domainName: 'registry.com', latestStatus: 10 },
        { accountNumber: 'a', domainName: 'unknown.com', latestStatus: 42 },
        { accountNumber: 'a', domainName: 'whois.com', latestStatus: 2 },
        { accountNumber: 'b', domainName: 'again.com', latestStatus: 7 },
      ]);
      await store.record('b', 'flip.com', pending, 'lookup', at(2));
      expect((await store.watchList()).map((w) => w.domainName)).toContain('flip.com');
    });

    it('is empty for an empty store', async () => {
      expect(await store.watchList()).toEqual([]);
    });
  });
});

describe('FINAL_TRANSFER_CODES', () => {
  it('holds success, away, none and the failures; not the codes that may still move', () => {
    expect([...FINAL_TRANSFER_CODES].sort((a, b) => a - b)).toEqual([
      4, 5, 11, 12, 13, 14, 15, 16, 17,
    ]);
    for (const code of [1, 2, 3, 6, 7, 8, 9, 10, 0, 18, 99]) {
      expect(FINAL_TRANSFER_CODES.has(code)).toBe(false);
    }
  });
});

describe('parseTransferStatus', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('reads a transfer status', () => {
    expect(parseTransferStatus(bytes(JSON.stringify(pending)))).toEqual(pending);
  });
  it.each([
    '{"ok":true}',
    '{"status":"7","description":"x"}',
    '{"status":7.5,"description":"x"}',
    '{"status":7,"description":"x","statusChangeDate":"yesterday"}',
    '[1,2]',
    'not json',
    '',
  ])('returns undefined for %s', (text) => {
    expect(parseTransferStatus(bytes(text))).toBeUndefined();
  });
  it('returns undefined for bytes that are not UTF-8', () => {
    expect(parseTransferStatus(new Uint8Array([0xff, 0xfe, 0x7b]))).toBeUndefined();
  });
});
