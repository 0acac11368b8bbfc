import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  FINAL_TRANSFER_CODES,
  transferStatusSchema,
  type TransferStatus,
} from '../src/contract/transfer-status.ts';
import type { HistoryFailureReason } from '../src/contract/history-header.ts';
import type { DatabaseState, Readiness } from '../src/contract/readiness.ts';
import type { ObservationSource, TransferObservation } from '../src/contract/transfer-history.ts';
import type { ConsoleMetrics } from './metrics.ts';

/**
 * The transfer history: every distinct transfer status the console has seen, per account and
 * domain, in an embedded SQLite file `${DATA_DIR}/console.sqlite`. The Hostway API only reports
 * the current status; this is where the timeline's past comes from.
 */

export interface WatchedTransfer {
  accountNumber: string;
  domainName: string;
  latestStatus: number;
}

export interface HistoryStore {
  /** Absolute path of the database file. */
  readonly file: string;
  /**
   * Records one status. An observation is identified by (account, domain, status, description,
   * status change date): seeing it again adds no row, it bumps `lastSeenAt` and `seenCount`.
   */
  record(
    accountNumber: string,
    domainName: string,
    status: TransferStatus,
    source: ObservationSource,
    now?: Date,
  ): { isNew: boolean };
  /** Every observation of one transfer, oldest first (by first sighting). */
  history(accountNumber: string, domainName: string): TransferObservation[];
  /** The transfers whose latest observation (most recently seen) is not final. */
  watchList(): WatchedTransfer[];
  /** Moves the WAL into the database file and truncates it (PRAGMA wal_checkpoint(TRUNCATE)). */
  checkpoint(): { busy: boolean; walPages: number; checkpointedPages: number };
  /** Whether the database can be used now: cheap enough for a readiness probe. */
  health(): DatabaseHealth;
  /** Closes the database; safe to call twice. Other calls throw afterwards. */
  close(): void;
}

export type DatabaseHealth = Readiness['database'];

export interface HistoryStoreOptions {
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

export const HISTORY_FILE_NAME = 'console.sqlite';
/** The WAL is truncated back to this size after a checkpoint (PRAGMA journal_size_limit). */
export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;
const SQLITE_HEADER = 'SQLite format 3\0';
/** How long a statement waits for another connection's lock before failing. */
export const BUSY_TIMEOUT_MS = 2000;

/**
 * Schema migrations, in order; `PRAGMA user_version` holds how many have run. Append, never edit.
 * A missing status change date is stored as '' (not NULL) so that it takes part in the unique key
 * (NULLs are all distinct in SQLite's UNIQUE constraints).
 */
const MIGRATIONS: readonly string[] = [
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

interface ObservationRow {
  status: number;
  description: string;
  status_change_date: string;
  email_address: string | null;
  first_seen_at: string;
  last_seen_at: string;
  seen_count: number;
  source: ObservationSource;
}

interface LatestRow {
  account_number: string;
  domain_name: string;
  status: number;
}

interface RecordParams {
  accountNumber: string;
  domainName: string;
  status: number;
  description: string;
  statusChangeDate: string;
  emailAddress: string | null;
  now: string;
  source: ObservationSource;
}

/**
 * Opens (creating the directory and the file if needed), checks and migrates the history
 * database. A database that is corrupt, read-only or gone right after opening is refused with
 * its path in the message: the console must not start and then lose every write.
 */
export function openHistoryStore(dataDir: string, options: HistoryStoreOptions = {}): HistoryStore {
  const dir = resolve(dataDir);
  const file = join(dir, HISTORY_FILE_NAME);
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
  const insert = db.prepare<[RecordParams]>(
    `INSERT INTO transfer_observation (account_number, domain_name, status, description,
       status_change_date, email_address, first_seen_at, last_seen_at, seen_count, source)
     VALUES (@accountNumber, @domainName, @status, @description, @statusChangeDate, @emailAddress,
       @now, @now, 1, @source)
     ON CONFLICT (account_number, domain_name, status, description, status_change_date)
     DO UPDATE SET
       first_seen_at = min(first_seen_at, excluded.first_seen_at),
       last_seen_at = max(last_seen_at, excluded.last_seen_at),
       seen_count = seen_count + 1,
       email_address = coalesce(excluded.email_address, email_address)`,
  );
  const seenCount = db.prepare<[RecordParams], { seen_count: number }>(
    `SELECT seen_count FROM transfer_observation
     WHERE account_number = @accountNumber AND domain_name = @domainName AND status = @status
       AND description = @description AND status_change_date = @statusChangeDate`,
  );
  // BEGIN IMMEDIATE … COMMIT: a failed commit (a full disk) throws here, unlike a RETURNING
  // statement read with .get(), whose commit error better-sqlite3 never reports.
  const upsert = db.transaction((params: RecordParams) => {
    const { changes } = insert.run(params);
    const row = seenCount.get(params);
    if (changes !== 1 || !row) {
      throw new Error(`the observation was not stored (${changes} row(s) changed)`);
    }
    return row.seen_count;
  });
  const schemaProbe = db.prepare('SELECT count(*) AS n FROM sqlite_schema');
  let lastWriteFailure: WriteFailure | undefined;
  const select = db.prepare<[string, string], ObservationRow>(
    `SELECT status, description, status_change_date, email_address, first_seen_at, last_seen_at,
       seen_count, source
     FROM transfer_observation
     WHERE account_number = ? AND domain_name = ?
     ORDER BY first_seen_at, id`,
  );
  const latest = db.prepare<[], LatestRow>(
    `SELECT account_number, domain_name, status FROM (
       SELECT account_number, domain_name, status,
         row_number() OVER (
           PARTITION BY account_number, domain_name ORDER BY last_seen_at DESC, id DESC
         ) AS rank
       FROM transfer_observation)
     WHERE rank = 1
     ORDER BY account_number, domain_name`,
  );

  return {
    file,
    record(accountNumber, domainName, status, source, now = new Date()) {
      try {
        const seen = upsert.immediate({
          accountNumber,
          domainName,
          status: status.status,
          description: status.description,
          statusChangeDate: status.statusChangeDate ?? '',
          emailAddress: status.emailAddress ?? null,
          now: now.toISOString(),
          source,
        });
        lastWriteFailure = undefined;
        return { isNew: seen === 1 };
      } catch (error) {
        lastWriteFailure = writeFailure(error);
        throw error;
      }
    },
    history(accountNumber, domainName) {
      return select.all(accountNumber, domainName).map((row) => ({
        status: row.status,
        description: row.description,
        ...(row.email_address === null ? {} : { emailAddress: row.email_address }),
        ...(row.status_change_date === '' ? {} : { statusChangeDate: row.status_change_date }),
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
        seenCount: row.seen_count,
        source: row.source,
      }));
    },
    watchList() {
      return latest
        .all()
        .filter((row) => !FINAL_TRANSFER_CODES.has(row.status))
        .map((row) => ({
          accountNumber: row.account_number,
          domainName: row.domain_name,
          latestStatus: row.status,
        }));
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

/** The Hostway path of one transfer's status (both parts already validated). */
export function transferStatusPath(accountNumber: string, domainName: string): string {
  return `/accounts/${accountNumber}/domains/transfers/${domainName}`;
}

/** The transfer status in a Hostway answer body, or undefined when it is not one. */
export function parseTransferStatus(body: Uint8Array): TransferStatus | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return undefined;
  }
  const parsed = transferStatusSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** What became of a transfer status the proxy saw. */
export type RecordOutcome =
  | { recorded: true }
  /** `reason` is set when the database failed: the browser is told (X-Console-History). */
  | { recorded: false; reason?: WriteFailure };

/**
 * What the proxy route calls with every 200 answer of the Hostway transfer status endpoint: it
 * records the status as a lookup. A failure here must never cost the browser its answer, and
 * must never go unnoticed: it is logged, counted, and reported in the outcome.
 */
export function transferStatusRecorder(
  history: Pick<HistoryStore, 'record'>,
  log: (line: string) => void,
  metrics: ConsoleMetrics,
) {
  return (accountNumber: string, domainName: string, body: Uint8Array): RecordOutcome => {
    const status = parseTransferStatus(body);
    if (!status) {
      log(
        `transfer status not recorded: the Hostway answer for ${accountNumber}/${domainName} is not a transfer status`,
      );
      return { recorded: false };
    }
    try {
      history.record(accountNumber, domainName, status, 'lookup');
      return { recorded: true };
    } catch (error) {
      const reason = writeFailure(error);
      metrics.historyWritesFailed.inc();
      const code = (error as { code?: unknown }).code;
      log(
        `transfer status not recorded for ${accountNumber}/${domainName}: ${reason}: ${message(error)}${typeof code === 'string' ? ` (${code})` : ''}`,
      );
      return { recorded: false, reason };
    }
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
