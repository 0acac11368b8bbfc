// npm run db:import -- <file>: loads a file written by npm run db:export into the database the
// configuration points at (DATABASE_URL, or the SQLite file in DATA_DIR), which must hold no rows
// yet. One transaction: a file that does not load completely leaves the database as it was.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { openConsoleDatabase, type ConsoleDatabase } from '../server/database.ts';
import { tableRowSchemas } from '../server/database-schema.ts';
import {
  EXPORTED_TABLES,
  exportHeaderSchema,
  exportLineSchema,
  type ExportHeader,
} from './db-export-format.ts';

const BATCH = 200;

export async function importDatabase(
  database: ConsoleDatabase,
  lines: AsyncIterable<string>,
): Promise<ExportHeader> {
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new Error('the file is empty');
  const header = parseLine(first.value, 1, exportHeaderSchema, 'not a db:export file');
  if (header.schemaVersion !== database.schemaVersion) {
    throw new Error(
      `the file has schema version ${header.schemaVersion}, this console ${database.schemaVersion}: import it with the console version that exported it, then upgrade`,
    );
  }

  await database.transaction(async (trx) => {
    for (const { table } of EXPORTED_TABLES) {
      const found = await trx.selectFrom(table).selectAll().limit(1).execute();
      if (found.length > 0) {
        throw new Error(`the database already holds rows in ${table}: import into an empty one`);
      }
    }
    const loaded: Record<string, number> = {};
    let batch: { table: string; rows: object[] } | undefined;
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      await trx
        .insertInto(batch.table as never)
        .values(batch.rows as never)
        .execute();
      loaded[batch.table] = (loaded[batch.table] ?? 0) + batch.rows.length;
      batch = undefined;
    };
    let lineNumber = 1;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      lineNumber++;
      if (next.value.trim() === '') continue;
      const { table, row: values } = parseLine(
        next.value,
        lineNumber,
        exportLineSchema,
        'not a row',
      );
      // Each row is checked against its table's schema before it reaches the database.
      const schema: { parse(value: unknown): object } = tableRowSchemas[table];
      const row = parseLine(values, lineNumber, schema, `not a row of ${table}`);
      if (batch && batch.table !== table) await flush();
      batch ??= { table, rows: [] };
      batch.rows.push(row);
      if (batch.rows.length >= BATCH) await flush();
    }
    await flush();
    for (const { table } of EXPORTED_TABLES) {
      const expected = header.rows[table];
      if ((loaded[table] ?? 0) !== expected) {
        throw new Error(
          `the file announces ${expected} rows of ${table} but holds ${loaded[table] ?? 0}: it is incomplete`,
        );
      }
    }
    if (database.dialect === 'postgres') {
      // Explicit ids leave the id sequences behind: the next insert would collide.
      for (const { table, serial } of EXPORTED_TABLES) {
        if (!serial) continue;
        await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
          trx,
        );
      }
    }
  });
  return header;
}

function parseLine<T>(
  text: unknown,
  lineNumber: number,
  schema: { parse(value: unknown): T },
  what: string,
): T {
  try {
    return schema.parse(typeof text === 'string' ? JSON.parse(text) : text);
  } catch (error) {
    throw new Error(`line ${lineNumber} is ${what}`, { cause: error });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  let database: ConsoleDatabase | undefined;
  try {
    if (!file) throw new Error('give the file to import: npm run db:import -- <file>');
    const source = resolve(file);
    database = await openConsoleDatabase(loadConfig());
    const lines = createInterface({ input: createReadStream(source), crlfDelay: Infinity });
    const header = await importDatabase(database, lines);
    const counts = Object.entries(header.rows).map(([table, n]) => `${n} ${table}`);
    process.stderr.write(
      `Imported ${counts.join(', ')} from ${source} into ${database.describe}\n`,
    );
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    process.stderr.write(
      `db:import failed: ${error instanceof Error ? error.message : String(error)}${cause}\n`,
    );
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}
