import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { HistoryFailureReason } from '../src/contract/history-header.ts';
import type { DatabaseState, Readiness } from '../src/contract/readiness.ts';
import type { ConsoleTables } from './database-schema.ts';
import { migrationProvider, SCHEMA_VERSION, type Dialect } from './migrations.ts';

/**
 * The console's database, shared by every store (history, watch list, webhook outbox, audit
 * trail): the SQLite file `${DATA_DIR}/console.sqlite` (one connection), or PostgreSQL when
 * DATABASE_URL is set (a pool, shared by several consoles). Both are reached through one Kysely
 * instance, so every store has one code path; this module opens and checks the database, runs
 * the migrations (migrations.ts) and owns what differs: transactions, health, checkpoints.
 */

export type ConsoleKysely = Kysely<ConsoleTables>;
export type { Dialect };
export { SCHEMA_VERSION };

export interface ConsoleDatabase {
  readonly dialect: Dialect;
  /** Every query goes through this. Only this module closes it. */
  readonly kysely: ConsoleKysely;
  /** The SQLite file's absolute path, or the PostgreSQL URL without its password. */
  readonly describe: string;
  /** SQLite: the one connection, for what only SQLite has (pragmas, the backup API). */
  readonly sqlite: Database | undefined;
  /** The schema version this console wrote (migrations.ts). */
  readonly schemaVersion: number;
  /**
   * Runs `work` in one transaction and commits, or rolls back and throws. On SQLite it takes the
   * write lock at once (BEGIN IMMEDIATE): a read-then-write never fails half-way on another
   * connection's lock. Its queries must use the transaction given, never `kysely`.
   */
  transaction<T>(work: (trx: ConsoleKysely) => Promise<T>): Promise<T>;
  /** Runs reads that must see one snapshot (a page and its count). */
  snapshot<T>(work: (trx: ConsoleKysely) => Promise<T>): Promise<T>;
  /** A store reports each write's outcome, so that health() can tell a database gone read-only. */
  noteWrite(error?: unknown): void;
  /** SQLite: moves the WAL into the database file and truncates it. PostgreSQL: nothing to do. */
  checkpoint(): { busy: boolean; walPages: number; checkpointedPages: number };
  /** Whether the database can be used now: cheap enough for a readiness probe. */
  health(): Promise<DatabaseHealth>;
  /** Closes the connection(s); safe to call twice. Other calls throw afterwards. */
  close(): Promise<void>;
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

/** Classifies a database error by its SQLite code or PostgreSQL SQLSTATE. */
export function writeFailure(error: unknown): WriteFailure {
  const code = (error as { code?: unknown } | undefined)?.code;
  // PostgreSQL: disk_full, out of memory in the server, read-only transaction / hot standby.
  if (code === '53100') return 'disk-full';
  if (code === '25006') return 'read-only';
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
 * Opens the database the configuration names: PostgreSQL when `databaseUrl` is set, else the
 * SQLite file in `dataDir`. Refused with the file or the URL (without its password) in the
 * message when it cannot be used: the console must not start and then lose every write.
 */
export function openConsoleDatabase(config: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<ConsoleDatabase> {
  return config.databaseUrl
    ? openPostgresDatabase(config.databaseUrl)
    : openDatabase(config.dataDir);
}

/**
 * Opens (creating the directory and the file if needed), checks and migrates the SQLite file. A
 * database that is corrupt, read-only or gone right after opening is refused with its path in
 * the message.
 */
export async function openDatabase(
  dataDir: string,
  options: DatabaseOptions = {},
): Promise<ConsoleDatabase> {
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

  // Kysely runs its queries on this very connection, one at a time.
  const kysely = new Kysely<ConsoleTables>({
    dialect: new SqliteDialect({ database: cachingStatements(db) }),
  });
  let opened: { dev: number; ino: number };
  let headerFd: number | undefined;
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`the file system does not support WAL mode (got ${mode})`);
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
    if (options.maxPages !== undefined) db.pragma(`max_page_count = ${options.maxPages}`);
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    // Files written before the migrations moved to Kysely count their steps in user_version.
    const legacyVersion = Number(db.pragma('user_version', { simple: true }));
    if (legacyVersion > SCHEMA_VERSION) throw newerSchema(legacyVersion);
    await migrate(kysely, 'sqlite');
    // A real write, committed: a database that cannot take one is refused now, not at the
    // first lookup. (Setting user_version writes the header page.)
    db.transaction(() => db.pragma(`user_version = ${SCHEMA_VERSION}`)).immediate();
    const st = statSync(file);
    opened = { dev: st.dev, ino: st.ino };
    // One handle for the life of the database. SQLite's locks are POSIX locks, which a process
    // loses on *every* handle of the file when it closes *any* of them: opening and closing the
    // file per /readyz dropped them, and then another process (the sqlite3 CLI, a backup) saw
    // no reader and deleted the live WAL.
    headerFd = openSync(file, 'r');
  } catch (error) {
    await kysely.destroy();
    throw fail(describeOpenFailure(error), error);
  }

  const schemaProbe = db.prepare('SELECT count(*) AS n FROM sqlite_schema');
  let lastWriteFailure: WriteFailure | undefined;

  const health = (): DatabaseHealth => {
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
    if (readHeader(headerFd) !== SQLITE_HEADER) return state('corrupt', 'the file is not SQLite');
    try {
      schemaProbe.get();
    } catch (error) {
      const why = describeOpenFailure(error);
      return writeFailure(error) === 'read-only' ? state('read-only', why) : state('corrupt', why);
    }
    try {
      accessSync(file, constants.W_OK);
      accessSync(dirname(file), constants.W_OK);
    } catch {
      return state('read-only', 'the file or its directory is not writable');
    }
    if (lastWriteFailure === 'read-only') return state('read-only', 'the last write failed');
    return state('ok');
  };

  return {
    dialect: 'sqlite',
    kysely,
    describe: file,
    sqlite: db,
    schemaVersion: SCHEMA_VERSION,
    transaction: (work) => sqliteTransaction(kysely, db, 'IMMEDIATE', work),
    snapshot: (work) => sqliteTransaction(kysely, db, 'DEFERRED', work),
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
    health: () => Promise.resolve(health()),
    async close() {
      if (db.open) await kysely.destroy();
      if (headerFd !== undefined) closeSync(headerFd);
      headerFd = undefined;
    },
  };
}

/**
 * Runs a store's write and reports its outcome to the database (noteWrite), so that health()
 * can tell a database gone read-only; the write's error is thrown on.
 */
export async function reportedWrite<T>(
  database: Pick<ConsoleDatabase, 'noteWrite'>,
  write: () => Promise<T>,
): Promise<T> {
  try {
    const result = await write();
    database.noteWrite();
    return result;
  } catch (error) {
    database.noteWrite(error);
    throw error;
  }
}

/** How many distinct SQL texts keep their prepared statement (the stores use a few dozen). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * `db` as Kysely's SQLite dialect sees it, with each SQL text prepared once. Kysely prepares
 * every query it runs, and better-sqlite3's prepare() was the largest single cost of recording
 * an observation (a bulk lookup of 500 domains records 500). A statement is reused only on this
 * connection, one query at a time (Kysely's driver holds a mutex), and SQLite recompiles it by
 * itself after a schema change.
 */
function cachingStatements(db: Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = db.prepare(text);
        statements.set(text, statement);
      }
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

/** BEGIN IMMEDIATE takes the write lock at once; DEFERRED reads one snapshot. */
function sqliteTransaction<T>(
  kysely: ConsoleKysely,
  db: Database,
  mode: 'IMMEDIATE' | 'DEFERRED',
  work: (trx: ConsoleKysely) => Promise<T>,
): Promise<T> {
  return kysely.connection().execute(async (connection) => {
    await sql.raw(`BEGIN ${mode}`).execute(connection);
    let result: T;
    try {
      result = await work(connection);
      await sql`COMMIT`.execute(connection);
    } catch (error) {
      // A failed COMMIT (a full disk) may leave the transaction open: always end it.
      if (db.inTransaction) await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
    return result;
  });
}

/** How long a readiness probe waits for PostgreSQL to answer. */
export const POSTGRES_HEALTH_TIMEOUT_MS = 2000;
/** Connections one console opens to PostgreSQL at most. */
export const POSTGRES_POOL_MAX = 10;

/** The URL as it may be shown: without its password, wherever it was written. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass/i.test(key)) parsed.searchParams.set(key, 'redacted');
    }
    return parsed.toString();
  } catch {
    return 'the DATABASE_URL (not a URL)';
  }
}

/** Connects, checks and migrates a PostgreSQL database. */
export async function openPostgresDatabase(url: string): Promise<ConsoleDatabase> {
  const shown = redactDatabaseUrl(url);
  const fail = (why: string, cause?: unknown) =>
    new Error(`Cannot open the database ${shown}: ${why}`, { cause });
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_POOL_MAX,
    connectionTimeoutMillis: 5000,
    application_name: 'registrar-console',
  });
  // An idle connection the server dropped must not take the process down: the next query
  // opens a new one, and health() reports a server that stays away.
  pool.on('error', () => undefined);
  const kysely = new Kysely<ConsoleTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`SELECT 1`.execute(kysely);
    await migrate(kysely, 'postgres');
  } catch (error) {
    await kysely.destroy().catch(() => undefined);
    throw fail(describePostgresFailure(error), error);
  }

  let lastWriteFailure: WriteFailure | undefined;
  let closed = false;
  return {
    dialect: 'postgres',
    kysely,
    describe: shown,
    sqlite: undefined,
    schemaVersion: SCHEMA_VERSION,
    transaction: (work) => kysely.transaction().execute(work),
    snapshot: (work) => kysely.transaction().setIsolationLevel('repeatable read').execute(work),
    noteWrite(error) {
      lastWriteFailure = error === undefined ? undefined : writeFailure(error);
    },
    checkpoint: () => ({ busy: false, walPages: 0, checkpointedPages: 0 }),
    async health() {
      const state = (s: DatabaseState, detail?: string): DatabaseHealth => ({
        state: s,
        file: shown,
        ...(detail ? { detail } : {}),
      });
      if (closed) return state('missing', 'the database is closed');
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          sql`SELECT 1`.execute(kysely),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${POSTGRES_HEALTH_TIMEOUT_MS} ms`)),
              POSTGRES_HEALTH_TIMEOUT_MS,
            );
          }),
        ]);
      } catch (error) {
        return state('missing', `PostgreSQL cannot be reached: ${describePostgresFailure(error)}`);
      } finally {
        clearTimeout(timer);
      }
      if (lastWriteFailure === 'read-only') return state('read-only', 'the last write failed');
      return state('ok');
    },
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
    },
  };
}

/** Brings the schema up to SCHEMA_VERSION (Kysely's Migrator: locked on PostgreSQL). */
async function migrate(kysely: Kysely<ConsoleTables>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({ db: kysely, provider: migrationProvider(dialect) });
  const known = new Set((await migrator.getMigrations()).map((m) => m.name));
  const applied = await kysely
    .withTables<{ kysely_migration: { name: string } }>()
    .selectFrom('kysely_migration')
    .select('name')
    .execute()
    .catch(() => []);
  const unknown = applied.filter(({ name }) => !known.has(name));
  if (unknown.length > 0) throw newerSchema(known.size + unknown.length);
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

function newerSchema(version: number): Error {
  return new Error(
    `its schema version is ${version}, newer than this console knows (${SCHEMA_VERSION}): it was written by a newer console`,
  );
}

/** What a PostgreSQL connection or query failure means for the operator. */
function describePostgresFailure(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const text = message(error);
  if (code === 'ECONNREFUSED') return `nothing listens there (${text}). Is PostgreSQL running?`;
  if (code === 'ENOTFOUND') return `the host is unknown (${text}).`;
  if (code === '28P01' || code === '28000') return `the server refused the login (${text}).`;
  if (code === '3D000') return `the database does not exist (${text}). Create it with createdb.`;
  return text || String(code ?? 'unknown error');
}

function readHeader(fd: number | undefined): string {
  if (fd === undefined) return '';
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    return buf.toString('latin1');
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
