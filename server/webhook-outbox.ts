import { reportedWrite, type ConsoleDatabase, type ConsoleKysely } from './database.ts';

/**
 * The webhook outbox: one row per (event, address) in the console's database (table
 * webhook_delivery, see database-schema.ts). Rows are added by `add` inside the transaction that
 * records the observation (transfer-history.ts HistoryHooks), so a crash after recording loses
 * no delivery. The delivery worker (webhook-delivery.ts) claims due rows with a lease, sends them
 * and records the outcome; on PostgreSQL, consoles claiming at once skip each other's rows
 * (`FOR UPDATE SKIP LOCKED`), so each attempt is sent by one of them.
 */

export interface OutboxEntry {
  eventId: string;
  targetUrl: string;
  /** The exact JSON sent on every attempt (the signature is over these bytes). */
  body: string;
  accountNumber: string;
  domainName: string;
  createdAt: string;
}

export interface DueDelivery {
  rowId: number;
  eventId: string;
  targetUrl: string;
  body: string;
  createdAt: string;
  /** Including the one just claimed. */
  attempts: number;
}

export interface DeliveryRecord {
  eventId: string;
  targetUrl: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

export interface OutboxCounts {
  pending: number;
  delivered: number;
  failed: number;
}

export interface WebhookOutbox {
  /** Adds rows with `trx`: the transaction that records the observation they announce. */
  add(trx: ConsoleKysely, entries: readonly OutboxEntry[]): Promise<void>;
  /**
   * Claims up to `limit` pending rows due at `now` and not leased, oldest first: each gets
   * one more attempt counted and a lease until `now + leaseMs`, so nobody else sends it meanwhile.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<DueDelivery[]>;
  delivered(rowId: number, at: Date): Promise<void>;
  /** The attempt failed; the row is due again at `next`. */
  retryLater(rowId: number, at: Date, next: Date, error: string): Promise<void>;
  /** The attempt failed and it was the last one: the row is kept as failed. */
  gaveUp(rowId: number, at: Date, error: string): Promise<void>;
  /**
   * Clears every lease: for a console starting on its own SQLite file, where no other process
   * can be sending (a lease left by a killed console would otherwise delay its rows).
   */
  releaseLeases(): Promise<number>;
  /** When the earliest pending row is due (ignoring leases), if there is one. */
  nextDueAt(): Promise<string | undefined>;
  /** Newest first. */
  recent(limit: number): Promise<DeliveryRecord[]>;
  counts(): Promise<OutboxCounts>;
  /** Deletes delivered and failed rows created before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Keeps a stored error short: it is shown on the overview. */
const MAX_ERROR_LENGTH = 300;

export function webhookOutbox(
  database: Pick<ConsoleDatabase, 'kysely' | 'dialect' | 'noteWrite' | 'transaction'>,
): WebhookOutbox {
  const { kysely } = database;

  const write = <T>(run: () => Promise<T>): Promise<T> => reportedWrite(database, run);
  const short = (error: string) =>
    error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
  const settle = (rowId: number) =>
    kysely.updateTable('webhook_delivery').where('id', '=', rowId).where('state', '=', 'pending');

  return {
    async add(trx, entries) {
      if (entries.length === 0) return;
      await trx
        .insertInto('webhook_delivery')
        .values(
          entries.map((entry) => ({
            event_id: entry.eventId,
            target_url: entry.targetUrl,
            body: entry.body,
            account_number: entry.accountNumber,
            domain_name: entry.domainName,
            created_at: entry.createdAt,
            state: 'pending' as const,
            attempts: 0,
            next_attempt_at: entry.createdAt,
          })),
        )
        .onConflict((conflict) => conflict.columns(['event_id', 'target_url']).doNothing())
        .execute();
    },
    async claimDue(now, limit, leaseMs) {
      if (limit <= 0) return [];
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const rows = await write(() =>
        database.transaction((trx) =>
          trx
            .updateTable('webhook_delivery')
            .set((eb) => ({ lease_until: until, attempts: eb('attempts', '+', 1) }))
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('webhook_delivery')
                .select('id')
                .where('state', '=', 'pending')
                .where('next_attempt_at', '<=', at)
                .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', at)]))
                .orderBy('next_attempt_at')
                .orderBy('id')
                .limit(limit)
                // Rows another console is claiming right now are left to it.
                .$if(database.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
            )
            .returning([
              'id',
              'event_id',
              'target_url',
              'body',
              'created_at',
              'attempts',
              'next_attempt_at',
            ])
            .execute(),
        ),
      );
      return rows
        .sort((a, b) =>
          (a.next_attempt_at ?? '') < (b.next_attempt_at ?? '')
            ? -1
            : (a.next_attempt_at ?? '') > (b.next_attempt_at ?? '')
              ? 1
              : a.id - b.id,
        )
        .map((row) => ({
          rowId: row.id,
          eventId: row.event_id,
          targetUrl: row.target_url,
          body: row.body,
          createdAt: row.created_at,
          attempts: row.attempts,
        }));
    },
    async delivered(rowId, at) {
      const when = at.toISOString();
      await write(() =>
        kysely
          .updateTable('webhook_delivery')
          .set({
            state: 'delivered',
            delivered_at: when,
            last_attempt_at: when,
            lease_until: null,
            next_attempt_at: null,
            last_error: null,
          })
          .where('id', '=', rowId)
          .execute(),
      );
    },
    async retryLater(rowId, at, next, error) {
      await write(() =>
        settle(rowId)
          .set({
            last_attempt_at: at.toISOString(),
            next_attempt_at: next.toISOString(),
            lease_until: null,
            last_error: short(error),
          })
          .execute(),
      );
    },
    async gaveUp(rowId, at, error) {
      await write(() =>
        settle(rowId)
          .set({
            state: 'failed',
            last_attempt_at: at.toISOString(),
            next_attempt_at: null,
            lease_until: null,
            last_error: short(error),
          })
          .execute(),
      );
    },
    async releaseLeases() {
      const result = await write(() =>
        kysely
          .updateTable('webhook_delivery')
          .set({ lease_until: null })
          .where('lease_until', 'is not', null)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows);
    },
    async nextDueAt() {
      const row = await kysely
        .selectFrom('webhook_delivery')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return row?.at ?? undefined;
    },
    async recent(limit) {
      const rows = await kysely
        .selectFrom('webhook_delivery')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        eventId: row.event_id,
        targetUrl: row.target_url,
        body: row.body,
        state: row.state,
        attempts: row.attempts,
        createdAt: row.created_at,
        lastAttemptAt: row.last_attempt_at,
        nextAttemptAt: row.next_attempt_at,
        deliveredAt: row.delivered_at,
        lastError: row.last_error,
      }));
    },
    async counts() {
      const counts: OutboxCounts = { pending: 0, delivered: 0, failed: 0 };
      const rows = await kysely
        .selectFrom('webhook_delivery')
        .select((eb) => ['state', eb.fn.countAll().as('n')])
        .groupBy('state')
        .execute();
      for (const { state, n } of rows) counts[state] = Number(n);
      return counts;
    },
    async prune(before) {
      const result = await write(() =>
        kysely
          .deleteFrom('webhook_delivery')
          .where('state', '!=', 'pending')
          .where('created_at', '<', before.toISOString())
          .executeTakeFirst(),
      );
      return Number(result.numDeletedRows);
    },
  };
}
