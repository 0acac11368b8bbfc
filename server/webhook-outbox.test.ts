// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ConsoleDatabase } from './database.ts';
import { TEST_DATABASES, emptySchemaPages } from './test-databases.ts';
import { historyStore, type HistoryStore } from './transfer-history.ts';
import { webhookNotifier } from './webhook-notifier.ts';
import { webhookOutbox, type OutboxEntry, type WebhookOutbox } from './webhook-outbox.ts';

const T0 = new Date('2026-12-02T09:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const entry = (eventId: string, createdAt = T0.toISOString()): OutboxEntry => ({
  eventId,
  targetUrl: 'http://127.0.0.1:9/hook',
  body: JSON.stringify({ id: eventId }),
  accountNumber: 'acct12345',
  domainName: 'moving-1.com',
  createdAt,
});

let database: ConsoleDatabase;
let outbox: WebhookOutbox;
/** Adds rows in a transaction of their own, as the observation's would be. */
const add = (entries: readonly OutboxEntry[]) =>
  database.transaction((trx) => outbox.add(trx, entries));

describe.each(TEST_DATABASES)('on $name', (kind) => {
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ database, drop } = await kind.open());
    outbox = webhookOutbox(database);
  });
  afterEach(() => drop());

  describe('webhookOutbox', () => {
    it('adds a row once per (event, address) and claims it with a lease', async () => {
      await add([entry('e1'), entry('e1')]);
      expect(await outbox.counts()).toEqual({ pending: 1, delivered: 0, failed: 0 });
      const [claimed, ...rest] = await outbox.claimDue(at(0), 10, 60_000);
      expect(rest).toEqual([]);
      expect(claimed).toMatchObject({ eventId: 'e1', attempts: 1, body: '{"id":"e1"}' });
      // Leased: nobody claims it again until the lease runs out.
      expect(await outbox.claimDue(at(30), 10, 60_000)).toEqual([]);
      expect((await outbox.claimDue(at(61), 10, 60_000))[0]).toMatchObject({ attempts: 2 });
    });

    it('claims oldest first, at most `limit`, only rows that are due', async () => {
      await add([entry('e1', at(0).toISOString()), entry('e2', at(1).toISOString())]);
      await add([entry('e3', at(100).toISOString())]);
      const first = await outbox.claimDue(at(5), 1, 60_000);
      expect(first.map((d) => d.eventId)).toEqual(['e1']);
      expect((await outbox.claimDue(at(5), 5, 60_000)).map((d) => d.eventId)).toEqual(['e2']);
      expect(await outbox.nextDueAt()).toBe(at(0).toISOString());
    });

    it('records delivered, retry later and gave up; lists newest first; prunes old finished rows', async () => {
      await add([entry('e1', at(0).toISOString())]);
      await add([entry('e2', at(1).toISOString())]);
      await add([entry('e3', at(2).toISOString())]);
      const [d1, d2, d3] = await outbox.claimDue(at(3), 3, 60_000);
      await outbox.delivered(d1!.rowId, at(4));
      await outbox.retryLater(d2!.rowId, at(4), at(14), 'HTTP 503');
      await outbox.gaveUp(d3!.rowId, at(4), 'x'.repeat(1000));
      expect(await outbox.counts()).toEqual({ pending: 1, delivered: 1, failed: 1 });
      const recent = await outbox.recent(10);
      expect(recent.map((r) => [r.eventId, r.state])).toEqual([
        ['e3', 'failed'],
        ['e2', 'pending'],
        ['e1', 'delivered'],
      ]);
      expect(recent[0]?.lastError?.length).toBeLessThanOrEqual(300);
      expect(recent[1]).toMatchObject({
        nextAttemptAt: at(14).toISOString(),
        lastError: 'HTTP 503',
      });
      expect(recent[2]).toMatchObject({ deliveredAt: at(4).toISOString(), lastError: null });
      // The retried row is due again at its time, with its lease gone.
      expect(await outbox.claimDue(at(13), 5, 60_000)).toEqual([]);
      expect((await outbox.claimDue(at(14), 5, 60_000)).map((d) => d.eventId)).toEqual(['e2']);
      expect(await outbox.recent(1)).toHaveLength(1);
      // Finished rows before the cut are deleted; pending ones never.
      expect(await outbox.prune(at(100))).toBe(2);
      expect((await outbox.recent(10)).map((r) => r.eventId)).toEqual(['e2']);
    });

    it('releases the leases a killed console left', async () => {
      await add([entry('e1')]);
      await outbox.claimDue(at(0), 1, 3_600_000);
      expect(await outbox.claimDue(at(1), 1, 60_000)).toEqual([]);
      expect(await outbox.releaseLeases()).toBe(1);
      expect(await outbox.claimDue(at(1), 1, 60_000)).toHaveLength(1);
    });
  });

  describe('the outbox in the observation’s transaction', () => {
    const urls = ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b'];
    const status = (code: number, date: string) => ({
      status: code,
      description: `status ${code}`,
      statusChangeDate: date,
    });
    let history: HistoryStore;
    let ids: number;
    const open = (fail = false) => {
      ids = 0;
      history = historyStore(database, {
        onNewObservation: async (change, trx) => {
          await webhookNotifier({
            urls,
            consoleUrl: () => 'http://console',
            outbox,
            newId: () => `evt-${++ids}`,
          })(change, trx);
          if (fail) throw new Error('boom');
        },
      });
    };

    it('writes one row per address for each new observation only, with from of the one before', async () => {
      open();
      await history.record(
        'acct12345',
        'moving-1.com',
        status(1, '2026-12-02T09:00:00Z'),
        'lookup',
        at(0),
      );
      await history.record(
        'acct12345',
        'moving-1.com',
        status(1, '2026-12-02T09:00:00Z'),
        'watcher',
        at(9),
      );
      await history.record(
        'acct12345',
        'moving-1.com',
        status(3, '2026-12-02T09:01:00Z'),
        'watcher',
        at(60),
      );
      const rows = (await outbox.recent(10)).reverse();
      expect(rows.map((r) => [r.eventId, r.targetUrl])).toEqual([
        ['evt-1', urls[0]],
        ['evt-1', urls[1]],
        ['evt-2', urls[0]],
        ['evt-2', urls[1]],
      ]);
      const bodies = rows.map((r) => JSON.parse(r.body) as Record<string, unknown>);
      expect(bodies[0]).toMatchObject({ from: null, to: { code: 1, name: 'WHOIS_PEND' } });
      expect(bodies[2]).toMatchObject({ from: { code: 1, name: 'WHOIS_PEND' }, to: { code: 3 } });
    });

    it('stores neither the observation nor its rows when writing the rows fails', async () => {
      open(true);
      await expect(
        history.record(
          'acct12345',
          'moving-1.com',
          status(1, '2026-12-02T09:00:00Z'),
          'lookup',
          at(0),
        ),
      ).rejects.toThrow('boom');
      expect(await history.history('acct12345', 'moving-1.com')).toEqual([]);
      expect(await outbox.counts()).toEqual({ pending: 0, delivered: 0, failed: 0 });
    });
  });
});

describe('the outbox in the observation’s transaction on a SQLite file', () => {
  const urls = ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b'];
  const status = (code: number, date: string) => ({
    status: code,
    description: `status ${code}`,
    statusChangeDate: date,
  });
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-outbox-'));
  });
  afterEach(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores no rows when the observation is rolled back (a full disk)', async () => {
    // A few pages beyond what the schema takes, whatever the migrations add.
    database = await openDatabase(join(dir, 'full'), {
      maxPages: (await emptySchemaPages(join(dir, 'pages'))) + 3,
    });
    outbox = webhookOutbox(database);
    let ids = 0;
    const history = historyStore(database, {
      onNewObservation: webhookNotifier({
        urls,
        consoleUrl: () => 'http://console',
        outbox,
        newId: () => `evt-${++ids}`,
      }),
    });
    let stored = 0;
    for (let i = 0; i < 200; i++) {
      try {
        await history.record(
          'acct12345',
          `d-${i}-${'x'.repeat(200)}.com`,
          status(1, '2026-12-02T09:00:00Z'),
          'lookup',
          at(i),
        );
        stored++;
      } catch {
        // the disk is full
      }
    }
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(200);
    const rows = await outbox.recent(500);
    // Every stored observation has its two rows, and no failed one has any.
    expect(rows).toHaveLength(stored * 2);
  });
});
