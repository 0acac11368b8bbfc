import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { auditStore } from '../server/audit-trail.ts';
import type { ConsoleDatabase } from '../server/database.ts';
import { POSTGRES, SQLITE, type TestDatabase } from '../server/test-databases.ts';
import { historyStore } from '../server/transfer-history.ts';
import { watchStore } from '../server/transfer-watch.ts';
import { webhookNotifier } from '../server/webhook-notifier.ts';
import { webhookOutbox } from '../server/webhook-outbox.ts';
import { EXPORTED_TABLES } from './db-export-format.ts';
import { exportDatabase } from './db-export.ts';
import { importDatabase } from './db-import.ts';

const opened: { drop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.drop()));
});

async function open(kind: TestDatabase): Promise<ConsoleDatabase> {
  const handle = await kind.open();
  opened.push(handle);
  return handle.database;
}

/** Something in every table, with NULLs, quotes and non-ASCII where a column allows them. */
async function fill(database: ConsoleDatabase) {
  const history = historyStore(database, {
    onNewObservation: webhookNotifier({
      urls: ['http://127.0.0.1:9/hook', 'http://127.0.0.1:9/other'],
      consoleUrl: () => 'http://console.example',
      outbox: webhookOutbox(database),
    }),
  });
  const t = (minute: number) => new Date(Date.UTC(2026, 11, 1, 8, minute));
  for (let i = 0; i < 30; i++) {
    const domain = i % 3 === 0 ? `bücher-${i}.de` : `pair-${i}.com`;
    await history.record(
      'acct1',
      domain,
      { status: 1, description: 'Pending "owner"' },
      'lookup',
      t(i),
    );
    if (i % 2 === 0) {
      await history.record(
        'acct1',
        domain,
        {
          status: 7,
          description: 'Waiting',
          statusChangeDate: t(i + 1).toISOString(),
          emailAddress: `hostmaster@${domain}`,
        },
        'watcher',
        t(i + 1),
      );
    }
  }
  const watch = watchStore(database);
  await watch.setWatching('acct1', 'pair-1.com', false, 'alice@example.com', t(40));
  await watch.noteCheck('acct1', 'pair-2.com', 'not-found', t(41));
  const outbox = webhookOutbox(database);
  const [due] = await outbox.claimDue(t(50), 1, 60_000);
  await outbox.retryLater(due!.rowId, t(50), t(55), 'HTTP 500 from "receiver"');
  const audit = auditStore(database);
  for (let i = 0; i < 25; i++) {
    await audit.record({
      at: t(i).toISOString(),
      user: i % 2 ? 'alice@example.com' : 'bob@example.com',
      kind: 'transfer',
      object: `acct1/pair-${i}.com`,
      status: 200,
      ...(i % 5 ? { upstreamStatus: 200, requestId: `req-${i}` } : {}),
    });
  }
}

async function exported(database: ConsoleDatabase): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportDatabase(database, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

async function* lines(text: string) {
  for (const line of text.split('\n')) yield line;
}

async function contents(database: ConsoleDatabase) {
  const tables: Record<string, unknown[]> = {};
  for (const { table, key } of EXPORTED_TABLES) {
    let query = database.kysely.selectFrom(table).selectAll();
    for (const column of key) query = query.orderBy(column);
    tables[table] = await query.execute();
  }
  return tables;
}

describe('db:export and db:import', () => {
  it('move every row from SQLite to PostgreSQL and back, unchanged', async () => {
    const sqlite = await open(SQLITE);
    await fill(sqlite);
    const original = await contents(sqlite);
    expect(original.transfer_observation).toHaveLength(45);
    expect(original.webhook_delivery).toHaveLength(90);
    expect(original.transfer_watch).toHaveLength(2);
    expect(original.audit_event).toHaveLength(25);

    const postgres = await open(POSTGRES);
    const file = await exported(sqlite);
    const header = await importDatabase(postgres, lines(file));
    expect(header.rows).toEqual({
      transfer_observation: 45,
      transfer_watch: 2,
      webhook_delivery: 90,
      audit_event: 25,
    });
    expect(await contents(postgres)).toEqual(original);

    // The ids go on after the imported ones: the next observation gets a new row.
    await historyStore(postgres).record(
      'acct1',
      'new.com',
      { status: 1, description: 'x' },
      'lookup',
    );
    expect((await contents(postgres)).transfer_observation).toHaveLength(46);

    const back = await open(SQLITE);
    await importDatabase(back, lines(await exported(postgres)));
    const again = await contents(back);
    expect(again.transfer_observation).toHaveLength(46);
    expect(again.transfer_observation!.slice(0, 45)).toEqual(original.transfer_observation);
    expect(again.audit_event).toEqual(original.audit_event);
  });

  it('refuse a database that holds rows, and a file that is incomplete or wrong', async () => {
    const sqlite = await open(SQLITE);
    await fill(sqlite);
    const file = await exported(sqlite);
    await expect(importDatabase(sqlite, lines(file))).rejects.toThrow(
      'the database already holds rows in transfer_observation',
    );

    const target = await open(POSTGRES);
    const truncated = file.split('\n').slice(0, 40).join('\n');
    await expect(importDatabase(target, lines(truncated))).rejects.toThrow(
      'the file announces 45 rows of transfer_observation but holds 39: it is incomplete',
    );
    // Nothing of the failed import stays.
    expect((await contents(target)).transfer_observation).toHaveLength(0);

    const [head, first, ...rest] = file.split('\n');
    const bad = JSON.parse(first!) as { row: Record<string, unknown> };
    bad.row.status = 'seven';
    await expect(
      importDatabase(target, lines([head, JSON.stringify(bad), ...rest].join('\n'))),
    ).rejects.toThrow('line 2 is not a row of transfer_observation');
    await expect(importDatabase(target, lines('{"hello":1}'))).rejects.toThrow(
      'line 1 is not a db:export file',
    );
  });
});
