import { sql } from 'kysely';
import {
  openDatabase,
  reportedWrite,
  writeFailure,
  message,
  type ConsoleDatabase,
  type ConsoleKysely,
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
 * domain, in the console's database (table transfer_observation). The Hostway API only reports
 * the current status; this is where the timeline's past comes from.
 */

export interface WatchedTransfer {
  accountNumber: string;
  domainName: string;
  latestStatus: number;
}

export interface HistoryStore {
  /** The database file's absolute path, or the PostgreSQL URL without its password. */
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
  ): Promise<{ isNew: boolean }>;
  /** Every observation of one transfer, oldest first (by first sighting). */
  history(accountNumber: string, domainName: string): Promise<TransferObservation[]>;
  /** The transfers whose latest observation (most recently seen) is not final. */
  watchList(): Promise<WatchedTransfer[]>;
  /** SQLite: moves the WAL into the database file and truncates it. PostgreSQL: nothing. */
  checkpoint(): { busy: boolean; walPages: number; checkpointedPages: number };
  /** Whether the database can be used now: cheap enough for a readiness probe. */
  health(): Promise<DatabaseHealth>;
  /** Closes the database; safe to call twice. Other calls throw afterwards. */
  close(): Promise<void>;
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
   * webhook outbox): whatever it writes with `trx` commits or rolls back with the observation;
   * if it throws, nothing is stored and record() throws.
   */
  onNewObservation?: (change: ObservedChange, trx: ConsoleKysely) => Promise<void>;
  /** Called after a new observation has been committed (e.g. to wake the webhook worker). */
  afterNewObservation?: () => void;
}

/** How the history database is opened (see database.ts). */
export type HistoryStoreOptions = DatabaseOptions;

/**
 * Opens the SQLite database in `dataDir` (see database.ts: refused with its path in the message
 * when it is corrupt, read-only or gone) and the history over it; close() closes the database.
 * For the console itself, where the other stores share the database, see historyStore.
 */
export async function openHistoryStore(
  dataDir: string,
  options: HistoryStoreOptions = {},
): Promise<HistoryStore> {
  return historyStore(await openDatabase(dataDir, options));
}

/** The transfer history on an open database; its close() closes the database. */
export function historyStore(database: ConsoleDatabase, hooks: HistoryHooks = {}): HistoryStore {
  const { kysely, describe: file } = database;
  const { onNewObservation, afterNewObservation } = hooks;
  const pair = (accountNumber: string, domainName: string) =>
    kysely
      .selectFrom('transfer_observation')
      .where('account_number', '=', accountNumber)
      .where('domain_name', '=', domainName);

  return {
    file,
    async record(accountNumber, domainName, status, source, now = new Date()) {
      const at = now.toISOString();
      const statusChangeDate = status.statusChangeDate ?? '';
      // One transaction: a failed commit (a full disk) throws here, and the outbox rows the hook
      // writes are stored with the observation or not at all.
      const seen = await reportedWrite(database, () =>
        database.transaction(async (trx) => {
          const before = onNewObservation
            ? await trx
                .selectFrom('transfer_observation')
                .select(['status', 'description'])
                .where('account_number', '=', accountNumber)
                .where('domain_name', '=', domainName)
                .orderBy('last_seen_at', 'desc')
                .orderBy('id', 'desc')
                .limit(1)
                .executeTakeFirst()
            : undefined;
          // Seen again (by this console or another one at the same moment): one row, counted.
          const row = await trx
            .insertInto('transfer_observation')
            .values({
              account_number: accountNumber,
              domain_name: domainName,
              status: status.status,
              description: status.description,
              status_change_date: statusChangeDate,
              email_address: status.emailAddress ?? null,
              first_seen_at: at,
              last_seen_at: at,
              seen_count: 1,
              source,
            })
            .onConflict((conflict) =>
              conflict
                .columns([
                  'account_number',
                  'domain_name',
                  'status',
                  'description',
                  'status_change_date',
                ])
                .doUpdateSet({
                  first_seen_at: sql`CASE WHEN excluded.first_seen_at < transfer_observation.first_seen_at THEN excluded.first_seen_at ELSE transfer_observation.first_seen_at END`,
                  last_seen_at: sql`CASE WHEN excluded.last_seen_at > transfer_observation.last_seen_at THEN excluded.last_seen_at ELSE transfer_observation.last_seen_at END`,
                  seen_count: sql`transfer_observation.seen_count + 1`,
                  email_address: sql`coalesce(excluded.email_address, transfer_observation.email_address)`,
                }),
            )
            .returning('seen_count')
            .executeTakeFirst();
          if (!row) throw new Error('the observation was not stored (no row written)');
          if (row.seen_count === 1 && onNewObservation) {
            await onNewObservation(
              {
                accountNumber,
                domainName,
                from: before ? { status: before.status, description: before.description } : null,
                to: status,
                source,
                observedAt: at,
              },
              trx,
            );
          }
          return row.seen_count;
        }),
      );
      if (seen === 1) afterNewObservation?.();
      return { isNew: seen === 1 };
    },
    async history(accountNumber, domainName) {
      const rows = await pair(accountNumber, domainName)
        .select([
          'status',
          'description',
          'status_change_date',
          'email_address',
          'first_seen_at',
          'last_seen_at',
          'seen_count',
          'source',
        ])
        .orderBy('first_seen_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
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
    async watchList() {
      // The latest observation of each pair (most recently seen, the later row on a tie).
      const latest = kysely
        .selectFrom('transfer_observation')
        .select((eb) => [
          'account_number',
          'domain_name',
          'status',
          'description',
          eb.fn
            .agg<number>('row_number')
            .over((over) =>
              over
                .partitionBy(['account_number', 'domain_name'])
                .orderBy('last_seen_at', 'desc')
                .orderBy('id', 'desc'),
            )
            .as('rank'),
        ])
        .as('latest');
      const rows = await kysely
        .selectFrom(latest)
        .select(['account_number', 'domain_name', 'status', 'description'])
        .where('rank', '=', 1)
        .orderBy('account_number')
        .orderBy('domain_name')
        .execute();
      return rows
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
  return async (
    accountNumber: string,
    domainName: string,
    body: Uint8Array,
  ): Promise<RecordOutcome> => {
    const status = parseTransferStatus(body);
    if (!status) {
      log(
        `transfer status not recorded: the Hostway answer for ${accountNumber}/${domainName} is not a transfer status`,
      );
      return { recorded: false };
    }
    try {
      await history.record(accountNumber, domainName, status, 'lookup');
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
