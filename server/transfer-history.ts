import {
  openDatabase,
  writeFailure,
  message,
  type ConsoleDatabase,
  type DatabaseHealth,
  type DatabaseOptions,
  type WriteFailure,
} from './database.ts';
import {
  isFinalTransferStatus,
  transferStatusSchema,
  type TransferStatus,
} from '../src/contract/transfer-status.ts';
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

export type { DatabaseHealth, WriteFailure };
export {
  DATABASE_FILE_NAME as HISTORY_FILE_NAME,
  JOURNAL_SIZE_LIMIT_BYTES,
  SCHEMA_VERSION,
  writeFailure,
} from './database.ts';

/**
 * A status seen for the first time, as `HistoryHooks.onNewObservation` gets it: `from` is the
 * pair's latest status before it (null for the first status the console ever saw for the pair).
 */
export interface ObservedChange {
  accountNumber: string;
  domainName: string;
  from: { status: number; description: string } | null;
  to: TransferStatus;
  source: ObservationSource;
  /** When the console saw it (ISO-8601 UTC). */
  observedAt: string;
}

export interface HistoryHooks {
  /**
   * Called for each new observation INSIDE the transaction that stores it (e.g. to write the
   * webhook outbox): whatever it writes on the same connection commits or rolls back with the
   * observation; if it throws, nothing is stored and record() throws.
   */
  onNewObservation?: (change: ObservedChange) => void;
}

/** How the history database is opened (see database.ts). */
export type HistoryStoreOptions = DatabaseOptions;

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
  description: string;
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
 * Opens the console's database (see database.ts: refused with its path in the message when it is
 * corrupt, read-only or gone) and the history over it; close() closes the database. For the
 * console itself, where the audit trail shares the connection, see historyStore.
 */
export function openHistoryStore(dataDir: string, options: HistoryStoreOptions = {}): HistoryStore {
  return historyStore(openDatabase(dataDir, options));
}

/** The transfer history on an open database; its close() closes the database. */
export function historyStore(database: ConsoleDatabase, hooks: HistoryHooks = {}): HistoryStore {
  const { db, file } = database;
  const { onNewObservation } = hooks;
  const previous = db.prepare<[string, string], { status: number; description: string }>(
    `SELECT status, description FROM transfer_observation
     WHERE account_number = ? AND domain_name = ?
     ORDER BY last_seen_at DESC, id DESC LIMIT 1`,
  );
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
  const upsert = db.transaction((params: RecordParams, status?: TransferStatus) => {
    const before = onNewObservation ? previous.get(params.accountNumber, params.domainName) : null;
    const { changes } = insert.run(params);
    const row = seenCount.get(params);
    if (changes !== 1 || !row) {
      throw new Error(`the observation was not stored (${changes} row(s) changed)`);
    }
    if (row.seen_count === 1 && onNewObservation && status) {
      onNewObservation({
        accountNumber: params.accountNumber,
        domainName: params.domainName,
        from: before ? { status: before.status, description: before.description } : null,
        to: status,
        source: params.source,
        observedAt: params.now,
      });
    }
    return row.seen_count;
  });
  const select = db.prepare<[string, string], ObservationRow>(
    `SELECT status, description, status_change_date, email_address, first_seen_at, last_seen_at,
       seen_count, source
     FROM transfer_observation
     WHERE account_number = ? AND domain_name = ?
     ORDER BY first_seen_at, id`,
  );
  const latest = db.prepare<[], LatestRow>(
    `SELECT account_number, domain_name, status, description FROM (
       SELECT account_number, domain_name, status, description,
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
        const seen = upsert.immediate(
          {
            accountNumber,
            domainName,
            status: status.status,
            description: status.description,
            statusChangeDate: status.statusChangeDate ?? '',
            emailAddress: status.emailAddress ?? null,
            now: now.toISOString(),
            source,
          },
          status,
        );
        database.noteWrite();
        return { isNew: seen === 1 };
      } catch (error) {
        database.noteWrite(error);
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
        .filter((row) => !isFinalTransferStatus(row))
        .map((row) => ({
          accountNumber: row.account_number,
          domainName: row.domain_name,
          latestStatus: row.status,
        }));
    },
    checkpoint: () => database.checkpoint(),
    health: () => database.health(),
    close: () => database.close(),
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
