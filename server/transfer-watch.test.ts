// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWatchQuery, type WatchQuery } from '../src/contract/watch.ts';
import { auditStore } from './audit-trail.ts';
import type { ConsoleDatabase } from './database.ts';
import { TEST_DATABASES } from './test-databases.ts';
import { historyStore, type HistoryStore } from './transfer-history.ts';
import { watchStore, type WatchStore } from './transfer-watch.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-12-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const status = (code: number, description = `code ${code}`) => ({ status: code, description });
const query = (search = ''): WatchQuery => {
  const parsed = parseWatchQuery(new URLSearchParams(search));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};

let database: ConsoleDatabase;
let history: HistoryStore;
let watch: WatchStore;

describe.each(TEST_DATABASES)('on $name', (kind) => {
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ database, drop } = await kind.open());
    history = historyStore(database);
    watch = watchStore(database, { finalKeepMs: 24 * HOUR, maxNotFound: 3, intervalS: 900 });
  });
  afterEach(() => drop());

  describe('query', () => {
    it('lists every recorded pair with its status, phase, since, checks and changes', async () => {
      await history.record('acct1', 'moving.com', status(1), 'lookup', at(0));
      await history.record('acct1', 'moving.com', status(3), 'watcher', at(HOUR));
      await history.record('acct1', 'moving.com', status(7), 'watcher', at(2 * HOUR));
      await history.record('acct1', 'moving.com', status(7), 'watcher', at(3 * HOUR));
      await history.record('acct2', 'done.com', status(14), 'lookup', at(0));

      const page = await watch.query(query(), at(3 * HOUR));
      expect(page.total).toBe(2);
      expect(page.rows).toEqual([
        expect.objectContaining({
          accountNumber: 'acct2',
          domainName: 'done.com',
          status: 14,
          phase: 'active',
          final: true,
          since: at(0).toISOString(),
          state: 'watching',
          changes: 1,
        }),
        {
          accountNumber: 'acct1',
          domainName: 'moving.com',
          status: 7,
          description: 'code 7',
          phase: 'approval',
          final: false,
          since: at(2 * HOUR).toISOString(),
          lastCheckedAt: at(3 * HOUR).toISOString(),
          nextCheckAt: at(3 * HOUR + 900_000).toISOString(),
          changes: 3,
          stuck: null,
          state: 'watching',
          stopReason: null,
          stoppedAt: null,
          stoppedBy: null,
          notFoundCount: 0,
        },
      ]);
      expect(page.counts).toEqual({
        eligibility: 0,
        approval: 1,
        registry: 0,
        active: 1,
        other: 0,
        unknown: 0,
      });
      expect(page.intervalS).toBe(900);
    });

    it('uses the status change date when it is before the first sighting', async () => {
      await history.record(
        'acct1',
        'old.com',
        { ...status(7), statusChangeDate: '2026-11-20T00:00:00Z' },
        'lookup',
        at(0),
      );
      // A sped-up sandbox clock: a date after the console first saw it is not believed.
      await history.record(
        'acct1',
        'future.com',
        { ...status(7), statusChangeDate: '2027-01-01T00:00:00Z' },
        'lookup',
        at(0),
      );
      const { rows } = await watch.query(query('order=domain'), at(HOUR));
      expect(rows.map((r) => [r.domainName, r.since, r.stuck])).toEqual([
        ['future.com', at(0).toISOString(), null],
        [
          'old.com',
          '2026-11-20T00:00:00.000Z',
          "waiting for the owner's approval for 11 days 1 hour (limit 5 days)",
        ],
      ]);
    });

    it('filters by phase, account, stuck, final, state and text; counts ignore the phase', async () => {
      await history.record('acct1', 'a-approval.com', status(7), 'lookup', at(0));
      await history.record('acct1', 'b-registry.com', status(9), 'lookup', at(0));
      await history.record('acct2', 'c-registry.com', status(9), 'lookup', at(6 * DAY));
      await history.record('acct2', 'd-done.com', status(14), 'lookup', at(6 * DAY));
      const now = at(8 * DAY);
      const names = async (search: string) =>
        (await watch.query(query(`${search}&order=domain`), now)).rows.map((r) => r.domainName);

      expect(await names('phase=registry')).toEqual(['b-registry.com', 'c-registry.com']);
      expect(await names('account=acct2')).toEqual(['c-registry.com', 'd-done.com']);
      expect(await names('stuck=true')).toEqual(['a-approval.com', 'b-registry.com']);
      expect(await names('stuck=false')).toEqual(['c-registry.com', 'd-done.com']);
      expect(await names('final=true')).toEqual(['d-done.com']);
      expect(await names('final=false&account=acct1')).toEqual([
        'a-approval.com',
        'b-registry.com',
      ]);
      expect(await names('q=REGISTRY')).toEqual(['b-registry.com', 'c-registry.com']);
      expect(await names('state=stopped')).toEqual(['d-done.com']);

      const page = await watch.query(query('phase=registry&account=acct1'), now);
      expect(page.total).toBe(1);
      expect(page.counts).toMatchObject({ approval: 1, registry: 1, active: 0 });
      expect(page.stuckCount).toBe(1);
    });

    it('orders both ways and pages without overlap', async () => {
      for (let i = 0; i < 5; i++) {
        await history.record('acct1', `d${i}.com`, status(7), 'lookup', at(i * HOUR));
        for (let c = 0; c < i; c++)
          await history.record('acct1', `d${i}.com`, status(c + 20), 'lookup', at(i * HOUR + c));
      }
      const domains = async (search: string) =>
        (await watch.query(query(search), at(DAY))).rows.map((r) => r.domainName);
      expect(await domains('order=-changes')).toEqual([
        'd4.com',
        'd3.com',
        'd2.com',
        'd1.com',
        'd0.com',
      ]);
      expect(await domains('order=-domain')).toEqual([
        'd4.com',
        'd3.com',
        'd2.com',
        'd1.com',
        'd0.com',
      ]);
      expect(await domains('order=domain&limit=2&offset=2')).toEqual(['d2.com', 'd3.com']);
      expect(await domains('order=since')).toEqual([
        'd0.com',
        'd1.com',
        'd2.com',
        'd3.com',
        'd4.com',
      ]);
    });
  });

  describe('due: the stop rules', () => {
    it('re-checks a final status for the keep time, then stops with reason final', async () => {
      await history.record('acct1', 'done.com', status(14), 'lookup', at(0));
      await history.record('acct1', 'pending.com', status(7), 'lookup', at(0));
      expect((await watch.due(at(23 * HOUR))).map((p) => p.domainName)).toEqual([
        'done.com',
        'pending.com',
      ]);
      expect((await watch.due(at(24 * HOUR))).map((p) => p.domainName)).toEqual(['pending.com']);
      const [row] = (await watch.query(query('final=true'), at(30 * HOUR))).rows;
      expect(row).toMatchObject({
        state: 'stopped',
        stopReason: 'final',
        stoppedAt: at(24 * HOUR).toISOString(),
        nextCheckAt: null,
      });
      // A new status (a person's lookup: a retry) makes it watched again.
      await history.record('acct1', 'done.com', status(1), 'lookup', at(31 * HOUR));
      expect((await watch.due(at(31 * HOUR))).map((p) => p.domainName)).toContain('done.com');
    });

    it('stops after the 404s in a row, counting only uninterrupted ones', async () => {
      await history.record('acct1', 'gone.com', status(7), 'lookup', at(0));
      expect(await watch.noteCheck('acct1', 'gone.com', 'not-found', at(1))).toBe(undefined);
      expect(await watch.noteCheck('acct1', 'gone.com', 'not-found', at(2))).toBe(undefined);
      await watch.noteCheck('acct1', 'gone.com', 'ok', at(3));
      await watch.noteCheck('acct1', 'gone.com', 'not-found', at(4));
      await watch.noteCheck('acct1', 'gone.com', 'failed', at(5));
      await watch.noteCheck('acct1', 'gone.com', 'not-found', at(6));
      expect(await watch.due(at(7))).toHaveLength(1);
      expect(await watch.noteCheck('acct1', 'gone.com', 'not-found', at(8))).toBe('stopped');
      expect(await watch.due(at(9))).toEqual([]);
      const [row] = (await watch.query(query(), at(10))).rows;
      expect(row).toMatchObject({
        state: 'stopped',
        stopReason: 'not-found',
        notFoundCount: 3,
        lastCheckedAt: at(8).toISOString(),
      });
    });

    it('a person stops and watches a pair; a stopped final pair watched again gets the keep time', async () => {
      await history.record('acct1', 'pending.com', status(7), 'lookup', at(0));
      await history.record('acct1', 'done.com', status(14), 'lookup', at(0));
      const stopped = await watch.setWatching(
        'acct1',
        'pending.com',
        false,
        'ann@example.com',
        at(HOUR),
      );
      expect(stopped).toMatchObject({
        state: 'stopped',
        stopReason: 'person',
        stoppedBy: 'ann@example.com',
      });
      // A new status does not undo a person's stop.
      await history.record('acct1', 'pending.com', status(6), 'lookup', at(2 * HOUR));
      expect((await watch.due(at(2 * HOUR))).map((p) => p.domainName)).toEqual(['done.com']);

      expect(
        await watch.setWatching('acct1', 'pending.com', true, 'ann@example.com', at(3 * HOUR)),
      ).toMatchObject({
        state: 'watching',
        stopReason: null,
      });
      await watch.due(at(48 * HOUR)); // done.com stops by the rule
      expect(
        await watch.setWatching('acct1', 'done.com', true, 'bob@example.com', at(48 * HOUR)),
      ).toMatchObject({
        state: 'watching',
      });
      expect((await watch.due(at(71 * HOUR))).map((p) => p.domainName)).toEqual([
        'done.com',
        'pending.com',
      ]);
      expect((await watch.due(at(72 * HOUR))).map((p) => p.domainName)).toEqual(['pending.com']);
    });

    it('knows no pair the console has not recorded', async () => {
      expect(await watch.setWatching('acct1', 'never.com', false, 'ann@example.com')).toBe(
        undefined,
      );
    });
  });

  describe('claim: one re-check per pair among several watchers', () => {
    const LEASE = 60_000;
    const t = at(HOUR);
    const plus = (ms: number) => new Date(t.getTime() + ms);
    // The watcher's own rule: not re-checked in the last interval (15 minutes here).
    const since = (now: Date) => new Date(now.getTime() - 900_000);

    it('is not claimable again while the lease runs; again once it has run out', async () => {
      await history.record('acct1', 'moving.com', status(7), 'lookup', at(0));
      expect(await watch.claim('acct1', 'moving.com', t, LEASE, since(t))).toBe(true);
      expect(await watch.claim('acct1', 'moving.com', plus(1), LEASE, since(plus(1)))).toBe(false);
      expect(await watch.claim('acct1', 'moving.com', plus(LEASE - 1), LEASE, since(t))).toBe(
        false,
      );
      // Nobody reported a check (a watcher killed mid-check): the lease runs out.
      expect(await watch.claim('acct1', 'moving.com', plus(LEASE), LEASE, since(plus(LEASE)))).toBe(
        true,
      );
      expect(
        await watch.claim('acct1', 'moving.com', plus(LEASE + 1), LEASE, since(plus(LEASE + 1))),
      ).toBe(false);
    });

    it('noteCheck releases it: claimable again only with notCheckedSince later than that check', async () => {
      await history.record('acct1', 'moving.com', status(7), 'lookup', at(0));
      expect(await watch.claim('acct1', 'moving.com', t, LEASE, since(t))).toBe(true);
      await watch.noteCheck('acct1', 'moving.com', 'ok', plus(1000));
      // Within the lease, but released: what decides now is the check just made.
      expect(await watch.claim('acct1', 'moving.com', plus(2000), LEASE, plus(999))).toBe(false);
      expect(await watch.claim('acct1', 'moving.com', plus(2000), LEASE, since(plus(2000)))).toBe(
        false,
      );
      expect(await watch.claim('acct1', 'moving.com', plus(2000), LEASE, plus(1001))).toBe(true);
      // And that claim holds in turn.
      expect(await watch.claim('acct1', 'moving.com', plus(3000), LEASE, plus(2500))).toBe(false);
    });

    it('a claim holds one pair only, and keeps the watch state as it was', async () => {
      await history.record('acct1', 'a.com', status(7), 'lookup', at(0));
      await history.record('acct1', 'b.com', status(7), 'lookup', at(0));
      await history.record('acct2', 'a.com', status(7), 'lookup', at(0));
      expect(await watch.claim('acct1', 'a.com', t, LEASE, since(t))).toBe(true);
      expect(await watch.claim('acct1', 'b.com', t, LEASE, since(t))).toBe(true);
      expect(await watch.claim('acct2', 'a.com', t, LEASE, since(t))).toBe(true);
      expect(await watch.claim('acct1', 'a.com', t, LEASE, since(t))).toBe(false);
      const page = await watch.query(query('order=domain'), t);
      expect(
        page.rows.map((r) => [r.accountNumber, r.domainName, r.state, r.lastCheckedAt]),
      ).toEqual([
        ['acct1', 'a.com', 'watching', at(0).toISOString()],
        ['acct2', 'a.com', 'watching', at(0).toISOString()],
        ['acct1', 'b.com', 'watching', at(0).toISOString()],
      ]);
      expect((await watch.due(t)).map((p) => p.domainName).sort()).toEqual([
        'a.com',
        'a.com',
        'b.com',
      ]);
    });

    it('of two watchers claiming at once, one gets it', async () => {
      await history.record('acct1', 'moving.com', status(7), 'lookup', at(0));
      const other = watchStore(database, {
        finalKeepMs: 24 * HOUR,
        maxNotFound: 3,
        intervalS: 900,
      });
      const outcomes = await Promise.all([
        watch.claim('acct1', 'moving.com', t, LEASE, since(t)),
        other.claim('acct1', 'moving.com', t, LEASE, since(t)),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('migrations', () => {
    it('audit_event takes the watch kinds and keeps the older entries', async () => {
      const audit = auditStore(database);
      await audit.record({
        at: at(0).toISOString(),
        user: 'ann@example.com',
        kind: 'watch',
        object: 'acct1/a.com',
        status: 200,
      });
      await audit.record({
        at: at(1).toISOString(),
        user: 'ann@example.com',
        kind: 'unwatch',
        object: 'acct1/a.com',
        status: 200,
      });
      expect((await audit.query({ limit: 10, offset: 0 })).entries.map((e) => e.kind)).toEqual([
        'unwatch',
        'watch',
      ]);
      await expect(
        database.kysely
          .insertInto('audit_event')
          .values({
            at: 'x',
            user_email: 'u',
            kind: 'other' as never,
            object: 'o',
            status: 200,
          })
          .execute(),
      ).rejects.toThrow(/check/i);
    });
  });
});
