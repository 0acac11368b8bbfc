// npm run db:export [-- <file>]: every row the console stores (transfer history, watch list,
// webhook outbox, audit trail) as one NDJSON file, from the database the configuration points at
// (DATABASE_URL, or the SQLite file in DATA_DIR). `npm run db:import` loads it into either kind.
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import {
  openConsoleDatabase,
  type ConsoleDatabase,
  type ConsoleKysely,
} from '../server/database.ts';
import { EXPORT_FORMAT, EXPORTED_TABLES, type ExportHeader } from './db-export-format.ts';

const PAGE = 1000;

/** Writes the header line, then one `{"table","row"}` line per row, table by table. */
export async function exportDatabase(
  database: ConsoleDatabase,
  out: Writable,
): Promise<ExportHeader> {
  // One snapshot: the counts in the header and the rows that follow agree, even while a console
  // keeps writing.
  return database.snapshot((db) => exportFrom(database, db, out));
}

async function exportFrom(
  database: ConsoleDatabase,
  db: ConsoleKysely,
  out: Writable,
): Promise<ExportHeader> {
  const rows: Record<string, number> = {};
  for (const { table } of EXPORTED_TABLES) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    rows[table] = Number(n);
  }
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    schemaVersion: database.schemaVersion,
    exportedAt: new Date().toISOString(),
    from: database.dialect,
    rows,
  };
  await write(out, JSON.stringify(header) + '\n');
  for (const { table, key } of EXPORTED_TABLES) {
    // Keyset paging in the key's order: a stable, complete walk however big the table.
    let after: Record<string, unknown> | undefined;
    for (;;) {
      let query = db.selectFrom(table).selectAll().limit(PAGE);
      for (const column of key) query = query.orderBy(column);
      if (after) query = query.where(afterKey(key, after));
      const page = (await query.execute()) as Record<string, unknown>[];
      if (page.length === 0) break;
      await write(out, page.map((row) => JSON.stringify({ table, row })).join('\n') + '\n');
      after = page.at(-1);
      if (page.length < PAGE) break;
    }
  }
  return header;
}

/** `key > last's key`, a row-value comparison for a key of two columns (SQLite and PostgreSQL). */
function afterKey(key: readonly string[], last: Record<string, unknown>) {
  const values = key.map((column) => last[column]);
  return sql<boolean>`(${sql.join(key.map((column) => sql.ref(column)))}) > (${sql.join(values)})`;
}

function write(out: Writable, text: string): Promise<void> | void {
  if (!out.write(text)) return once(out, 'drain').then(() => undefined);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = loadConfig();
  const target = process.argv[2] ? resolve(process.argv[2]) : undefined;
  let database: ConsoleDatabase | undefined;
  try {
    if (target && existsSync(target)) throw new Error(`${target} exists already`);
    database = await openConsoleDatabase(config);
    const out = target ? createWriteStream(target, { flags: 'wx' }) : process.stdout;
    const header = await exportDatabase(database, out);
    if (target) {
      out.end();
      await once(out, 'finish');
    }
    const counts = Object.entries(header.rows).map(([table, n]) => `${n} ${table}`);
    process.stderr.write(
      `Exported ${counts.join(', ')} from ${database.describe}${target ? ` to ${target}` : ''}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `db:export failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}
