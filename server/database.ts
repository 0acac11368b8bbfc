import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryFailureReason } from '../src/contract/history-header.ts';
import type { DatabaseState, Readiness } from '../src/contract/readiness.ts';

/**
 * The console's database: one SQLite file `${DATA_DIR}/console.sqlite` and one connection,
 * shared by every store (the transfer history, the audit trail). This module opens and checks
 * the file and owns the schema's version; each store prepares its own statements on `db`.
 */

export interface ConsoleDatabase {
  /** Absolute path of the database file. */
  readonly file: string;
  /** The one connection. Stores prepare statements on it; only this module closes it. */
  readonly db: Database;
  /** A store reports each write's outcome, so that health() can tell a database gone read-only. */
  noteWrite(error?: unknown): void;
  /** Moves the WAL into the database file and truncates it (PRAGMA wal_checkpoint(TRUNCATE)). */
  checkpoint(): { busy: boolean; walPages: number; checkpointedPages: number };
  /** Whether the database can be used now: cheap enough for a readiness probe. */
  health(): DatabaseHealth;
  /** Closes the connection; safe to call twice. Other calls throw afterwards. */
  close(): void;
}

export type DatabaseHealth = Readiness['database'];

export interface DatabaseOptions {
  /** Open the file read-only (as SQLite does by itself when it may not write it). */
  readonly?: boolean;
  /** For tests: the database cannot grow beyond this many pages, as on a full disk. */
  maxPages?: number;
}

/** Why a write failed, as the browser is told (X-Console-History-Reason). */
export type WriteFailure = HistoryFailureReason;

/** Classifies a better-sqlite3 error by its SQLite code. */
export function writeFailure(error: unknown): WriteFailure {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE') return 'disk-full';
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (typeof code === 'string' && code.startsWith('SQLITE_CANTOPEN')) return 'read-only';
  return 'database-error';
}

export const DATABASE_FILE_NAME = 'console.sqlite';
/** The WAL is truncated back to this size after a checkpoint (PRAGMA journal_size_limit). */
export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;
const SQLITE_HEADER = 'SQLite format 3\0';
/** How long a statement waits for another connection's lock before failing. */
export const BUSY_TIMEOUT_MS = 2000;

/**
 * Schema migrations of every store, in one order; `PRAGMA user_version` holds how many have
 * run. Append, never edit (a file written by an older console replays only the new ones).
 */
const MIGRATIONS: readonly string[] = [
  // 1. transfer-history.ts. A missing status change date is stored as '' (not NULL) so that it
  // takes part in the unique key (NULLs are all distinct in SQLite's UNIQUE constraints).
  `CREATE TABLE transfer_observation (
     id INTEGER PRIMARY KEY,
     account_number TEXT NOT NULL,
     domain_name TEXT NOT NULL,
     status INTEGER NOT NULL,
     description TEXT NOT NULL,
     status_change_date TEXT NOT NULL DEFAULT '',
     email_address TEXT,
     first_seen_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL,
     seen_count INTEGER NOT NULL DEFAULT 1 CHECK (seen_count >= 1),
     source TEXT NOT NULL CHECK (source IN ('lookup', 'watcher')),
     UNIQUE (account_number, domain_name, status, description, status_change_date)
   ) STRICT`,
  // 2. audit-trail.ts: one row per lookup. `at` is ISO-8601 UTC with milliseconds, so text order
  // is time order. Indexes for the newest-first listing and its user and object filters.
  `CREATE TABLE audit_event (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     user_email TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('process', 'transfer', 'history', 'bulk', 'search',
       'watch', 'unwatch')),
     object TEXT NOT NULL,
     upstream_status INTEGER,
     error_type TEXT,
     status INTEGER NOT NULL,
     request_id TEXT
   ) STRICT;
   CREATE INDEX audit_event_at ON audit_event (at, id);
   CREATE INDEX audit_event_user_at ON audit_event (user_email, at, id);
   CREATE INDEX audit_event_object_at ON audit_event (object, at, id);`,
  // 3. transfer-watch.ts: the watch state of a pair, beside its observations. A pair without a
  // row is watched by the rules alone (not final, or final for less than WATCH_FINAL_KEEP_H).
  `CREATE TABLE transfer_watch (
     account_number TEXT NOT NULL,
     domain_name TEXT NOT NULL,
     stop_reason TEXT CHECK (stop_reason IN ('final', 'not-found', 'person')),
     stopped_at TEXT,
     stopped_by TEXT,
     watch_from TEXT,
     last_checked_at TEXT,
     not_found_count INTEGER NOT NULL DEFAULT 0 CHECK (not_found_count >= 0),
     PRIMARY KEY (account_number, domain_name)
   ) STRICT, WITHOUT ROWID`,
  // 4. webhook-outbox.ts: one row per (event, address), written in the transaction that records
  // the observation. `body` is the exact JSON sent on every attempt; `lease_until` keeps a row
  // from being sent twice at once. Times are ISO-8601 UTC with milliseconds (text order is time
  // order).
  `CREATE TABLE webhook_delivery (
     id INTEGER PRIMARY KEY,
     event_id TEXT NOT NULL,
     target_url TEXT NOT NULL,
     body TEXT NOT NULL,
     account_number TEXT NOT NULL,
     domain_name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT,
     lease_until TEXT,
     last_attempt_at TEXT,
     delivered_at TEXT,
     last_error TEXT,
     UNIQUE (event_id, target_url)
   ) STRICT;
   CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
   CREATE INDEX webhook_delivery_created ON webhook_delivery (created_at, id);`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database's schema up to SCHEMA_VERSION, one transaction per step. */
export function migrate(db: Database): void {
  const version = () => Number(db.pragma('user_version', { simple: true }));
  if (version() > SCHEMA_VERSION) {
    throw new Error(
      `its schema version is ${version()}, newer than this console knows (${SCHEMA_VERSION}): it was written by a newer console`,
    );
  }
  for (let step = version(); step < SCHEMA_VERSION; step++) {
    db.transaction(() => {
      // Another process may have migrated meanwhile: re-check inside the write lock.
      if (version() !== step) return;
      db.exec(MIGRATIONS[step] ?? '');
      db.pragma(`user_version = ${step + 1}`);
    }).immediate();
  }
}

/**
 * Opens (creating the directory and the file if needed), checks and migrates the database. A
 * database that is corrupt, read-only or gone right after opening is refused with its path in
 * the message: the console must not start and then lose every write.
 */
export function openDatabase(dataDir: string, options: DatabaseOptions = {}): ConsoleDatabase {
  const dir = resolve(dataDir);
  const file = join(dir, DATABASE_FILE_NAME);
  // "transfer history" because that is what operators have known the file as; it holds the
  // audit trail too.
  const fail = (why: string, cause?: unknown) =>
    new Error(`Cannot open the transfer history database ${file}: ${why}`, { cause });
  let db: Database;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS, readonly: options.readonly ?? false });
  } catch (error) {
    throw fail(message(error), error);
  }

  let opened: { dev: number; ino: number };
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`the file system does not support WAL mode (got ${mode})`);
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
    if (options.maxPages !== undefined) db.pragma(`max_page_count = ${options.maxPages}`);
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    migrate(db);
    // A real write, committed: a database that cannot take one is refused now, not at the
    // first lookup. (Setting user_version to itself writes the header page.)
    db.transaction(() => db.pragma(`user_version = ${SCHEMA_VERSION}`)).immediate();
    const st = statSync(file);
    opened = { dev: st.dev, ino: st.ino };
  } catch (error) {
    db.close();
    throw fail(describeOpenFailure(error), error);
  }

  const schemaProbe = db.prepare('SELECT count(*) AS n FROM sqlite_schema');
  let lastWriteFailure: WriteFailure | undefined;

  return {
    file,
    db,
    noteWrite(error) {
      lastWriteFailure = error === undefined ? undefined : writeFailure(error);
    },
    checkpoint() {
      const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as {
        busy: number;
        log: number;
        checkpointed: number;
      }[];
      return {
        busy: row?.busy === 1,
        walPages: row?.log ?? 0,
        checkpointedPages: row?.checkpointed ?? 0,
      };
    },
    health() {
      const state = (s: DatabaseState, detail?: string): DatabaseHealth => ({
        state: s,
        file,
        ...(detail ? { detail } : {}),
      });
      if (!db.open) return state('missing', 'the database is closed');
      let st;
      try {
        st = statSync(file);
      } catch {
        return state('missing', 'the file was deleted while the console runs; restart it');
      }
      if (st.dev !== opened.dev || st.ino !== opened.ino) {
        return state('missing', 'the file was replaced while the console runs; restart it');
      }
      if (readHeader(file) !== SQLITE_HEADER) return state('corrupt', 'the file is not SQLite');
      try {
        schemaProbe.get();
      } catch (error) {
        const why = describeOpenFailure(error);
        return writeFailure(error) === 'read-only'
          ? state('read-only', why)
          : state('corrupt', why);
      }
      try {
        accessSync(file, constants.W_OK);
        accessSync(dirname(file), constants.W_OK);
      } catch {
        return state('read-only', 'the file or its directory is not writable');
      }
      if (lastWriteFailure === 'read-only') return state('read-only', 'the last write failed');
      return state('ok');
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function readHeader(file: string): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(16);
      readSync(fd, buf, 0, 16, 0);
      return buf.toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** What an opening failure means for the operator. */
function describeOpenFailure(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const text = message(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_VTAB') {
    return `it is corrupt (${text}). Restore a copy made with npm run db:backup, or move the file away to start an empty history.`;
  }
  if (writeFailure(error) === 'read-only') {
    return `it is read-only (${text}): the console records every status it sees and must be able to write it and its directory.`;
  }
  if (code === 'SQLITE_FULL') return `the disk is full (${text}).`;
  return text;
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
