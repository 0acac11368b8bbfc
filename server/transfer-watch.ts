import { DEFAULT_STUCK_AFTER, stuckReason, type StuckLimits } from '../src/contract/stuck-rules.ts';
import { transferPhase, WATCH_PHASES, type WatchPhase } from '../src/contract/transfer-phase.ts';
import { isFinalTransferStatus } from '../src/contract/transfer-status.ts';
import type {
  WatchOrder,
  WatchPage,
  WatchQuery,
  WatchRow,
  WatchState,
  WatchStopReason,
} from '../src/contract/watch.ts';
import { sql } from 'kysely';
import {
  reportedWrite,
  type ConsoleDatabase,
  type ConsoleKysely,
  type Dialect,
} from './database.ts';
import type { WatchedTransfer } from './transfer-history.ts';

/**
 * The watch list: which (account, domain) pairs the transfer watcher re-checks, and why it
 * stopped re-checking the others. Every pair the console has recorded a status for is on it
 * (table transfer_observation); table transfer_watch holds only what the observations cannot
 * tell: a stop and its reason, a person's request to watch, the watcher's last check and its run
 * of 404s. Its state:
 *
 * - stopped by a person (`person`) until a person watches it again;
 * - stopped after WATCH_MAX_NOT_FOUND 404 answers in a row (`not-found`), or a final status kept
 *   for WATCH_FINAL_KEEP_H (`final`), until a new status is observed (a person's lookup) or a
 *   person watches it again;
 * - watching otherwise: a status that is not final, or final for less than the keep time (so a
 *   retry, a new transfer order, is still seen).
 *
 * Several consoles on one database share the list: a watcher claims a pair (`claim`) before it
 * re-checks it, so each pair is re-checked by one of them.
 */
export interface WatchStore {
  /** The overview: every pair, filtered, ordered and paged, with counts per phase. */
  query(query: WatchQuery, now?: Date): Promise<WatchPage>;
  /** The pairs the watcher re-checks now; records the `final` stops that have come due. */
  due(now?: Date): Promise<WatchedTransfer[]>;
  /**
   * What one re-check of the watcher got: `ok` (a status), `not-found` (404) or `failed`
   * (anything else). Returns 'stopped' when this 404 was the one too many.
   */
  /**
   * Claims a pair for one re-check by this console until `now + leaseMs`: false when another
   * watcher holds it, or one re-checked it after `notCheckedSince`. noteCheck releases it.
   */
  claim(
    accountNumber: string,
    domainName: string,
    now: Date,
    leaseMs: number,
    notCheckedSince: Date,
  ): Promise<boolean>;
  noteCheck(
    accountNumber: string,
    domainName: string,
    outcome: 'ok' | 'not-found' | 'failed',
    now?: Date,
  ): Promise<'stopped' | undefined>;
  /**
   * A person watches a pair (again) or stops watching it. Undefined when the console has never
   * recorded a status for the pair.
   */
  setWatching(
    accountNumber: string,
    domainName: string,
    watching: boolean,
    by: string,
    now?: Date,
  ): Promise<WatchRow | undefined>;
}

export interface WatchRules {
  /** A final status is re-checked for this long after it was first seen (WATCH_FINAL_KEEP_H). */
  finalKeepMs: number;
  /** The watcher stops after this many 404 answers in a row (WATCH_MAX_NOT_FOUND). */
  maxNotFound: number;
  /** TRANSFER_WATCH_INTERVAL_S: when the next check is (0: none). */
  intervalS: number;
  /** STUCK_AFTER, or the defaults. */
  stuckAfter: StuckLimits;
}

export const DEFAULT_WATCH_FINAL_KEEP_H = 24;
export const DEFAULT_WATCH_MAX_NOT_FOUND = 3;

const DEFAULT_RULES: WatchRules = {
  finalKeepMs: DEFAULT_WATCH_FINAL_KEEP_H * 3_600_000,
  maxNotFound: DEFAULT_WATCH_MAX_NOT_FOUND,
  intervalS: 0,
  stuckAfter: DEFAULT_STUCK_AFTER,
};

interface PairRow {
  account_number: string;
  domain_name: string;
  status: number;
  description: string;
  status_change_date: string;
  first_seen_at: string;
  changes: number;
  last_seen: string;
  stop_reason: WatchStopReason | null;
  stopped_at: string | null;
  stopped_by: string | null;
  watch_from: string | null;
  last_checked_at: string | null;
  not_found_count: number | null;
}

/**
 * One pair with what the overview filters, counts and orders on; the strings of its row are
 * made only for the rows of the page (toRow): 10,000 pairs are read on every request.
 */
interface Pair {
  row: PairRow;
  phase: WatchPhase;
  final: boolean;
  sinceMs: number;
  lastCheckedAt: string;
  lastCheckedMs: number;
  stuck: boolean;
  stopReason: WatchStopReason | null;
  stoppedAt: string | null;
  state: WatchState;
}

/**
 * The latest observation of each pair (most recently seen, the later row on a tie), its number
 * of distinct statuses and its last sighting, with its watch row if any.
 */
function pairsQuery(dialect: Dialect) {
  const watchColumns = sql`w.stop_reason, w.stopped_at, w.stopped_by, w.watch_from,
    w.last_checked_at, w.not_found_count`;
  const joinWatch = sql`LEFT JOIN transfer_watch AS w
    ON w.account_number = o.account_number AND w.domain_name = o.domain_name`;
  if (dialect === 'sqlite') {
    // One GROUP BY that walks the table's unique index (account, domain, …) instead of window
    // functions that sort it: SQLite takes a bare column from the row that gave the one max().
    return sql`SELECT o.account_number, o.domain_name, o.status, o.description,
        o.status_change_date, o.first_seen_at, o.changes,
        substr(o.latest, 1, instr(o.latest, '#') - 1) AS last_seen, ${watchColumns}
      FROM (
        SELECT account_number, domain_name, status, description, status_change_date,
          first_seen_at, max(last_seen_at || printf('#%015d', id)) AS latest, count(*) AS changes
        FROM transfer_observation
        GROUP BY account_number, domain_name
      ) AS o ${joinWatch}`;
  }
  return sql`SELECT o.account_number, o.domain_name, o.status, o.description,
      o.status_change_date, o.first_seen_at, o.changes, o.last_seen_at AS last_seen,
      ${watchColumns}
    FROM (
      SELECT DISTINCT ON (account_number, domain_name) account_number, domain_name, status,
        description, status_change_date, first_seen_at, last_seen_at,
        CAST(count(*) OVER (PARTITION BY account_number, domain_name) AS integer) AS changes
      FROM transfer_observation
      ORDER BY account_number, domain_name, last_seen_at DESC, id DESC
    ) AS o ${joinWatch}`;
}

export function watchStore(
  database: Pick<ConsoleDatabase, 'kysely' | 'dialect' | 'noteWrite' | 'transaction'>,
  rules: Partial<WatchRules> = {},
): WatchStore {
  const { kysely } = database;
  const { finalKeepMs, maxNotFound, intervalS, stuckAfter } = { ...DEFAULT_RULES, ...rules };
  const pairs = pairsQuery(database.dialect);
  const allPairs = async () =>
    (await sql<PairRow>`${pairs} ORDER BY o.account_number, o.domain_name`.execute(kysely)).rows;
  const onePair = async (db: ConsoleKysely, account: string, domain: string) =>
    (
      await sql<PairRow>`SELECT * FROM (${pairs}) AS p
        WHERE p.account_number = ${account} AND p.domain_name = ${domain}`.execute(db)
    ).rows[0];
  const key = ['account_number', 'domain_name'] as const;
  const stop = (
    db: ConsoleKysely,
    account: string,
    domain: string,
    reason: WatchStopReason,
    at: string | null,
    by: string | null,
  ) =>
    db
      .insertInto('transfer_watch')
      .values({
        account_number: account,
        domain_name: domain,
        stop_reason: reason,
        stopped_at: at,
        stopped_by: by,
      })
      .onConflict((conflict) =>
        conflict.columns(key).doUpdateSet({
          stop_reason: reason,
          stopped_at: at,
          stopped_by: by,
        }),
      )
      .execute();

  const write = <T>(work: (trx: ConsoleKysely) => Promise<T>): Promise<T> =>
    reportedWrite(database, () => database.transaction(work));

  const toPair = (row: PairRow, nowMs: number): Pair => {
    const status = { status: row.status, description: row.description };
    const final = isFinalTransferStatus(status);
    const phase = transferPhase(status);
    const firstSeenMs = Date.parse(row.first_seen_at);
    // The upstream's own date when it is not after the console's first sighting (a sandbox on a
    // sped-up clock, or a wrong upstream clock, would put it in the future).
    const changedMs = row.status_change_date ? Date.parse(row.status_change_date) : NaN;
    const sinceMs =
      Number.isFinite(changedMs) && changedMs <= firstSeenMs ? changedMs : firstSeenMs;
    const lastCheckedAt =
      row.last_checked_at && row.last_checked_at > row.last_seen
        ? row.last_checked_at
        : row.last_seen;
    let stopReason: WatchStopReason | null = row.stop_reason;
    // A new status after an automatic stop (a person looked it up): watched again.
    if (
      stopReason !== null &&
      stopReason !== 'person' &&
      (row.stopped_at ?? '') < row.first_seen_at
    ) {
      stopReason = null;
    }
    let stoppedAt = stopReason === null ? null : row.stopped_at;
    if (stopReason === null && final) {
      const fromMs = Math.max(firstSeenMs, row.watch_from ? Date.parse(row.watch_from) : 0);
      if (fromMs + finalKeepMs <= nowMs) {
        stopReason = 'final';
        stoppedAt = new Date(fromMs + finalKeepMs).toISOString();
      }
    }
    const limit = (stuckAfter as Partial<Record<string, number>>)[phase];
    return {
      row,
      phase,
      final,
      sinceMs,
      lastCheckedAt,
      lastCheckedMs: Date.parse(lastCheckedAt),
      stuck: !final && limit !== undefined && nowMs - sinceMs > limit,
      stopReason,
      stoppedAt,
      state: stopReason === null ? 'watching' : 'stopped',
    };
  };

  const toRow = (pair: Pair, nowMs: number): WatchRow => {
    const { row, phase, final, sinceMs, stopReason } = pair;
    return {
      accountNumber: row.account_number,
      domainName: row.domain_name,
      status: row.status,
      description: row.description,
      phase,
      final,
      since: new Date(sinceMs).toISOString(),
      lastCheckedAt: pair.lastCheckedAt,
      nextCheckAt:
        pair.state === 'watching' && intervalS > 0
          ? new Date(Math.max(nowMs, pair.lastCheckedMs + intervalS * 1000)).toISOString()
          : null,
      changes: row.changes,
      stuck: pair.stuck
        ? (stuckReason({ phase, final, sinceMs }, nowMs, stuckAfter) ?? null)
        : null,
      state: pair.state,
      stopReason,
      stoppedAt: pair.stoppedAt,
      stoppedBy: stopReason === 'person' ? row.stopped_by : null,
      notFoundCount: row.not_found_count ?? 0,
    };
  };

  return {
    async query(query, now = new Date()) {
      const nowMs = now.getTime();
      const pairs = (await allPairs()).map((row) => toPair(row, nowMs));
      const q = query.q?.toLowerCase();
      const matchesExceptPhase = (p: Pair) =>
        (query.account === undefined || p.row.account_number === query.account) &&
        (query.stuck === undefined || p.stuck === query.stuck) &&
        (query.final === undefined || p.final === query.final) &&
        (query.state === undefined || p.state === query.state) &&
        (q === undefined ||
          p.row.domain_name.includes(q) ||
          p.row.account_number.toLowerCase().includes(q) ||
          p.row.description.toLowerCase().includes(q));
      const counts: Record<string, number> = Object.fromEntries(WATCH_PHASES.map((p) => [p, 0]));
      let stuckCount = 0;
      const matching: Pair[] = [];
      for (const pair of pairs) {
        if (!matchesExceptPhase(pair)) continue;
        counts[pair.phase] = (counts[pair.phase] ?? 0) + 1;
        if (query.phase !== undefined && pair.phase !== query.phase) continue;
        if (pair.stuck) stuckCount++;
        matching.push(pair);
      }
      matching.sort(comparator(query.order));
      return {
        rows: matching.slice(query.offset, query.offset + query.limit).map((p) => toRow(p, nowMs)),
        total: matching.length,
        counts,
        stuckCount,
        stuckAfterMs: { ...stuckAfter },
        intervalS,
        generatedAt: now.toISOString(),
      };
    },

    async due(now = new Date()) {
      const nowMs = now.getTime();
      const pairs = (await allPairs()).map((row) => [row, toPair(row, nowMs)] as const);
      // Stops that came due by the rules alone are written down, with when.
      const newlyFinal = pairs.filter(
        ([row, pair]) => pair.stopReason === 'final' && row.stop_reason !== 'final',
      );
      if (newlyFinal.length > 0) {
        await write(async (trx) => {
          for (const [, pair] of newlyFinal) {
            await stop(
              trx,
              pair.row.account_number,
              pair.row.domain_name,
              'final',
              pair.stoppedAt,
              null,
            );
          }
        });
      }
      return pairs
        .filter(([, pair]) => pair.state === 'watching')
        .map(([row]) => ({
          accountNumber: row.account_number,
          domainName: row.domain_name,
          latestStatus: row.status,
        }));
    },

    async claim(accountNumber, domainName, now, leaseMs, notCheckedSince) {
      const at = now.toISOString();
      const since = notCheckedSince.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      // One statement: of two watchers claiming at once, the second sees the first's claim
      // (PostgreSQL re-checks the WHERE on the row it waited for).
      const claimed = await write((trx) =>
        trx
          .insertInto('transfer_watch')
          .values({ account_number: accountNumber, domain_name: domainName, claimed_until: until })
          .onConflict((conflict) =>
            conflict
              .columns(key)
              .doUpdateSet({ claimed_until: until })
              .where((eb) =>
                eb.and([
                  eb.or([
                    eb('transfer_watch.claimed_until', 'is', null),
                    eb('transfer_watch.claimed_until', '<=', at),
                  ]),
                  eb.or([
                    eb('transfer_watch.last_checked_at', 'is', null),
                    eb('transfer_watch.last_checked_at', '<=', since),
                  ]),
                ]),
              ),
          )
          .returning('account_number')
          .executeTakeFirst(),
      );
      return claimed !== undefined;
    },

    async noteCheck(accountNumber, domainName, outcome, now = new Date()) {
      const at = now.toISOString();
      return write(async (trx) => {
        const row = await trx
          .insertInto('transfer_watch')
          .values({
            account_number: accountNumber,
            domain_name: domainName,
            last_checked_at: at,
            not_found_count: outcome === 'not-found' ? 1 : 0,
          })
          .onConflict((conflict) =>
            conflict.columns(key).doUpdateSet({
              last_checked_at: at,
              claimed_until: null,
              not_found_count:
                outcome === 'not-found'
                  ? sql`transfer_watch.not_found_count + 1`
                  : outcome === 'ok'
                    ? 0
                    : sql`transfer_watch.not_found_count`,
            }),
          )
          .returning('not_found_count')
          .executeTakeFirst();
        if (outcome !== 'not-found' || !row || row.not_found_count < maxNotFound) return undefined;
        await stop(trx, accountNumber, domainName, 'not-found', at, null);
        return 'stopped' as const;
      });
    },

    async setWatching(accountNumber, domainName, watching, by, now = new Date()) {
      const at = now.toISOString();
      return write(async (trx) => {
        if (!(await onePair(trx, accountNumber, domainName))) return undefined;
        if (watching) {
          await trx
            .insertInto('transfer_watch')
            .values({ account_number: accountNumber, domain_name: domainName, watch_from: at })
            .onConflict((conflict) =>
              conflict.columns(key).doUpdateSet({
                stop_reason: null,
                stopped_at: null,
                stopped_by: null,
                not_found_count: 0,
                watch_from: at,
              }),
            )
            .execute();
        } else {
          await stop(trx, accountNumber, domainName, 'person', at, by);
        }
        const row = await onePair(trx, accountNumber, domainName);
        return row && toRow(toPair(row, now.getTime()), now.getTime());
      });
    },
  };
}

function comparator(order: WatchOrder): (a: Pair, b: Pair) => number {
  const descending = order.startsWith('-');
  const key = (descending ? order.slice(1) : order) as
    'since' | 'lastChecked' | 'changes' | 'domain' | 'account';
  const byName = ({ row: a }: Pair, { row: b }: Pair) =>
    a.domain_name < b.domain_name
      ? -1
      : a.domain_name > b.domain_name
        ? 1
        : a.account_number < b.account_number
          ? -1
          : a.account_number > b.account_number
            ? 1
            : 0;
  const primary = (a: Pair, b: Pair): number => {
    switch (key) {
      case 'since':
        return a.sinceMs - b.sinceMs;
      case 'lastChecked':
        return a.lastCheckedMs - b.lastCheckedMs;
      case 'changes':
        return a.row.changes - b.row.changes;
      case 'domain':
        return 0;
      case 'account':
        return a.row.account_number < b.row.account_number
          ? -1
          : a.row.account_number > b.row.account_number
            ? 1
            : 0;
    }
  };
  // Ties are broken by domain then account, always ascending: pages never overlap.
  return (a, b) =>
    (descending ? -primary(a, b) : primary(a, b)) ||
    (key === 'domain' && descending ? -byName(a, b) : byName(a, b));
}
