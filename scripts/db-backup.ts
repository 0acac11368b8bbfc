// npm run db:backup [-- <destination file>]: a consistent copy of the transfer history, made
// with SQLite's online backup API while the console may be running (copying console.sqlite
// alone misses what is still in its WAL).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.ts';
import { HISTORY_FILE_NAME } from '../server/transfer-history.ts';

export interface BackupResult {
  source: string;
  destination: string;
  observations: number;
  pages: number;
}

/** Copies `${dataDir}/console.sqlite` to `destination` and checks the copy on its own. */
export async function backupHistory(dataDir: string, destination?: string): Promise<BackupResult> {
  const source = join(resolve(dataDir), HISTORY_FILE_NAME);
  if (!existsSync(source)) throw new Error(`No transfer history database at ${source}`);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const target = resolve(destination ?? join(dataDir, 'backups', `console-${stamp}.sqlite`));
  if (existsSync(target)) throw new Error(`${target} exists already: choose another destination`);
  mkdirSync(dirname(target), { recursive: true });

  const db = new Database(source, { readonly: true, fileMustExist: true });
  let pages: number;
  try {
    ({ totalPages: pages } = await db.backup(target));
  } finally {
    db.close();
  }

  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy ${target} fails its integrity check: ${check}`);
    const row = copy
      .prepare<[], { n: number }>('SELECT count(*) AS n FROM transfer_observation')
      .get();
    return { source, destination: target, observations: row?.n ?? 0, pages };
  } finally {
    copy.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const config = loadConfig();
    if (config.databaseUrl) {
      throw new Error(
        'DATABASE_URL is set: the data is in PostgreSQL. Back it up with pg_dump (docs/deploy.md, Backups), or write a portable copy with npm run db:export.',
      );
    }
    const result = await backupHistory(config.dataDir, process.argv[2]);
    process.stdout.write(
      `Backed up ${result.observations} observation(s) (${result.pages} pages) from ${result.source} to ${result.destination}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `db:backup failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
