import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  FINAL_TRANSFER_CODES,
  transferStatusSchema,
  type TransferStatus,
} from '../src/contract/transfer-status.ts';
import type { ObservationSource, TransferObservation } from '../src/contract/transfer-history.ts';

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
  /** Closes the database; safe to call twice. Other calls throw afterwards. */
  close(): void;
}

export const HISTORY_FILE_NAME = 'console.sqlite';
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

/** Opens (creating the directory and the file if needed) and migrates the history database. */
export function openHistoryStore(dataDir: string): HistoryStore {
  const dir = resolve(dataDir);
  const file = join(dir, HISTORY_FILE_NAME);
  let db: Database;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new Error(`Cannot open the transfer history database ${file}: ${message(error)}`, {
      cause: error,
    });
  }

  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`the file system does not support WAL mode (got ${mode})`);
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw new Error(`Cannot open the transfer history database ${file}: ${message(error)}`, {
      cause: error,
    });
  }

  const insert = db.prepare<[RecordParams], { seen_count: number }>(
    `INSERT INTO transfer_observation (account_number, domain_name, status, description,
       status_change_date, email_address, first_seen_at, last_seen_at, seen_count, source)
     VALUES (@accountNumber, @domainName, @status, @description, @statusChangeDate, @emailAddress,
       @now, @now, 1, @source)
     ON CONFLICT (account_number, domain_name, status, description, status_change_date)
     DO UPDATE SET
       first_seen_at = min(first_seen_at, excluded.first_seen_at),
       last_seen_at = max(last_seen_at, excluded.last_seen_at),
       seen_count = seen_count + 1,
       email_address = coalesce(excluded.email_address, email_address)
     RETURNING seen_count`,
  );
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
      const row = insert.get({
        accountNumber,
        domainName,
        status: status.status,
        description: status.description,
        statusChangeDate: status.statusChangeDate ?? '',
        emailAddress: status.emailAddress ?? null,
        now: now.toISOString(),
        source,
      });
      return { isNew: row?.seen_count === 1 };
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
    close() {
      if (db.open) db.close();
    },
  };
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

/**
 * What the proxy route calls with every 200 answer of the Hostway transfer status endpoint: it
 * records the status as a lookup. A failure here must never cost the browser its answer: it is
 * logged, and the answer goes out as it came.
 */
export function transferStatusRecorder(
  history: Pick<HistoryStore, 'record'>,
  log: (line: string) => void,
) {
  return (accountNumber: string, domainName: string, body: Uint8Array): void => {
    try {
      const status = parseTransferStatus(body);
      if (!status) {
        log(
          `transfer status not recorded: the Hostway answer for ${accountNumber}/${domainName} is not a transfer status`,
        );
        return;
      }
      history.record(accountNumber, domainName, status, 'lookup');
    } catch (error) {
      log(`transfer status not recorded for ${accountNumber}/${domainName}: ${message(error)}`);
    }
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
