import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, openPostgresDatabase, type ConsoleDatabase } from './database.ts';
import './test-postgres-setup.ts';

/**
 * The two databases the store tests run against, each fresh for one test: a SQLite file in a
 * temporary directory, and a new database on the run's PostgreSQL server (test-postgres-setup).
 * `describe.each(TEST_DATABASES)` runs a suite on both.
 */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database; `drop` closes it and removes every trace. */
  open(): Promise<{ database: ConsoleDatabase; url: string; drop(): Promise<void> }>;
}

export const SQLITE: TestDatabase = {
  name: 'sqlite',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'console-store-test-'));
    const database = await openDatabase(dir);
    return {
      database,
      url: dir,
      drop: async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

export const POSTGRES: TestDatabase = {
  name: 'postgres',
  async open() {
    const url = await createPostgresDatabase();
    const database = await openPostgresDatabase(url);
    return {
      database,
      url,
      drop: async () => {
        await database.close();
        await dropPostgresDatabase(url);
      },
    };
  },
};

export const TEST_DATABASES: readonly TestDatabase[] = [SQLITE, POSTGRES];

/** A new, empty database on the run's PostgreSQL server; its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const server = inject('postgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdmin(server, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^test_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  await withAdmin(inject('postgresUrl'), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The pages an empty SQLite database takes (its schema), for tests of a full disk: a database
 * capped (`maxPages`) one page beyond it is full at the first write, whatever the migrations add.
 */
export async function emptySchemaPages(scratch: string): Promise<number> {
  const empty = await openDatabase(scratch);
  try {
    return Number(empty.sqlite!.pragma('page_count', { simple: true }));
  } finally {
    await empty.close();
  }
}
