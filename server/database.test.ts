import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE } from './test-databases.ts';

// The SQLite connection keeps each SQL text's prepared statement (cachingStatements): these
// prove a kept statement never answers with what it was prepared against.
describe('SQLite prepared statements, kept per SQL text', () => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('binds new parameters on each run of the same query', async () => {
    const opened = await SQLITE.open();
    drop = opened.drop;
    const { kysely } = opened.database;
    const echo = (n: number) => sql<{ n: number }>`SELECT ${n} AS n`.execute(kysely);
    expect((await echo(1)).rows).toEqual([{ n: 1 }]);
    expect((await echo(2)).rows).toEqual([{ n: 2 }]);
  });

  it('sees a schema change made after the statement was kept', async () => {
    const opened = await SQLITE.open();
    drop = opened.drop;
    const { kysely } = opened.database;
    await sql`CREATE TABLE probe (a INTEGER)`.execute(kysely);
    await sql`INSERT INTO probe VALUES (1)`.execute(kysely);
    const all = () => sql<Record<string, number>>`SELECT * FROM probe`.execute(kysely);
    expect((await all()).rows).toEqual([{ a: 1 }]);
    await sql`ALTER TABLE probe ADD COLUMN b INTEGER DEFAULT 2`.execute(kysely);
    expect((await all()).rows).toEqual([{ a: 1, b: 2 }]);
  });

  it('answers every query when there are more distinct ones than it keeps', async () => {
    const opened = await SQLITE.open();
    drop = opened.drop;
    const { kysely } = opened.database;
    for (let i = 0; i < 600; i++) {
      const { rows } = await sql<{ n: number }>`SELECT ${sql.lit(i)} AS n`.execute(kysely);
      expect(rows).toEqual([{ n: i }]);
    }
  });
});
