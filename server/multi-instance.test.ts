import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase, type ConsoleDatabase } from './database.ts';
import { createPostgresDatabase, dropPostgresDatabase } from './test-databases.ts';
import { historyStore } from './transfer-history.ts';
import { watchStore } from './transfer-watch.ts';
import { webhookNotifier } from './webhook-notifier.ts';
import { webhookOutbox } from './webhook-outbox.ts';

/**
 * Two consoles on one PostgreSQL database, as two pools: whatever they do at the same moment,
 * an observation is stored once, a pair is claimed by one of them, a webhook row is sent by one.
 */
let url: string;
let a: ConsoleDatabase;
let b: ConsoleDatabase;

beforeEach(async () => {
  url = await createPostgresDatabase();
  // Both start (and migrate) at once, as two instances of a rollout do.
  [a, b] = await Promise.all([openPostgresDatabase(url), openPostgresDatabase(url)]);
});

afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
  await dropPostgresDatabase(url);
});

const status = (code: number) => ({ status: code, description: `code ${code}` });
const at = (iso: string) => new Date(iso);

describe('two consoles on one PostgreSQL', () => {
  it('migrated once: both see one schema', async () => {
    const migrations = await a.kysely
      .withTables<{ kysely_migration: { name: string } }>()
      .selectFrom('kysely_migration')
      .select('name')
      .execute();
    expect(migrations).toHaveLength(a.schemaVersion);
  });

  it('store the same new observation once, and only one of them calls it new', async () => {
    const withOutbox = (database: ConsoleDatabase) =>
      historyStore(database, {
        onNewObservation: webhookNotifier({
          urls: ['http://127.0.0.1:9/hook'],
          consoleUrl: () => 'http://console.example',
          outbox: webhookOutbox(database),
        }),
      });
    const [ha, hb] = [withOutbox(a), withOutbox(b)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? ha : hb).record('acct1', 'race.com', status(7), 'lookup'),
      ),
    );
    expect(results.filter((r) => r.isNew)).toHaveLength(1);
    const rows = await a.kysely.selectFrom('transfer_observation').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.seen_count).toBe(20);
    // One change, so one webhook row.
    const deliveries = await b.kysely.selectFrom('webhook_delivery').selectAll().execute();
    expect(deliveries).toHaveLength(1);
  });

  it('claim each watched pair for one of them', async () => {
    const history = historyStore(a);
    for (let i = 0; i < 40; i++) {
      await history.record(
        'acct1',
        `pair-${i}.com`,
        status(7),
        'lookup',
        at('2026-12-01T08:00:00Z'),
      );
    }
    const [wa, wb] = [watchStore(a), watchStore(b)];
    const due = await wa.due(at('2026-12-01T09:00:00Z'));
    expect(due).toHaveLength(40);
    const now = at('2026-12-01T09:00:00Z');
    const claims = await Promise.all(
      due.flatMap((pair) =>
        [wa, wb].map(async (store, who) => ({
          pair: pair.domainName,
          who,
          claimed: await store.claim(pair.accountNumber, pair.domainName, now, 60_000, now),
        })),
      ),
    );
    const claimed = claims.filter((c) => c.claimed);
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed.map((c) => c.pair)).size).toBe(40);

    // Re-checked (and released) by its claimer: not claimable again in the same run …
    const first = due[0]!;
    await wa.noteCheck(first.accountNumber, first.domainName, 'ok', at('2026-12-01T09:00:01Z'));
    expect(
      await wb.claim(
        first.accountNumber,
        first.domainName,
        at('2026-12-01T09:00:02Z'),
        60_000,
        now,
      ),
    ).toBe(false);
    // … but in a later one.
    const later = at('2026-12-01T09:15:00Z');
    expect(await wb.claim(first.accountNumber, first.domainName, later, 60_000, later)).toBe(true);
    // A claim whose console died expires with its lease.
    const second = due[1]!;
    expect(await wb.claim(second.accountNumber, second.domainName, later, 60_000, later)).toBe(
      true,
    );
  });

  it('send each due webhook row from one of them', async () => {
    const outboxA = webhookOutbox(a);
    const outboxB = webhookOutbox(b);
    await a.transaction((trx) =>
      outboxA.add(
        trx,
        Array.from({ length: 30 }, (_, i) => ({
          eventId: `event-${i}`,
          targetUrl: 'http://127.0.0.1:9/hook',
          body: '{}',
          accountNumber: 'acct1',
          domainName: `d${i}.com`,
          createdAt: new Date(Date.UTC(2026, 11, 1, 8, 0, i)).toISOString(),
        })),
      ),
    );
    const now = at('2026-12-01T09:00:00Z');
    const batches = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? outboxA : outboxB).claimDue(now, 10, 60_000)),
    );
    const ids = batches.flat().map((row) => row.eventId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(batches.flat().every((row) => row.attempts === 1)).toBe(true);
  });
});
