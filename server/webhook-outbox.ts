import type { ConsoleDatabase } from './database.ts';

/**
 * The webhook outbox: one row per (event, address) in the console's database (table
 * webhook_delivery, see database.ts). Rows are added by `add`, synchronously on the history's
 * connection, inside the transaction that records the observation (transfer-history.ts
 * HistoryHooks), so a crash after recording loses no delivery. The delivery worker
 * (webhook-delivery.ts) claims due rows with a lease, sends them and records the outcome.
 *
 * Everything the worker calls returns a Promise, so that another database (PostgreSQL, with
 * `FOR UPDATE SKIP LOCKED` row leases) can stand in without changing the worker.
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
  /** Adds rows now, on the caller's transaction if one is open (synchronous on purpose). */
  add(entries: readonly OutboxEntry[]): void;
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

interface Row {
  id: number;
  event_id: string;
  target_url: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created_at: string;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  last_error: string | null;
}

/** Keeps a stored error short: it is shown on the overview. */
const MAX_ERROR_LENGTH = 300;

export function webhookOutbox(database: ConsoleDatabase): WebhookOutbox {
  const { db } = database;
  const insert = db.prepare<[OutboxEntry]>(
    `INSERT INTO webhook_delivery (event_id, target_url, body, account_number, domain_name,
       created_at, state, attempts, next_attempt_at)
     VALUES (@eventId, @targetUrl, @body, @accountNumber, @domainName, @createdAt, 'pending', 0,
       @createdAt)
     ON CONFLICT (event_id, target_url) DO NOTHING`,
  );
  const due = db.prepare<[{ now: string; limit: number }], Row>(
    `SELECT * FROM webhook_delivery
     WHERE state = 'pending' AND next_attempt_at <= @now
       AND (lease_until IS NULL OR lease_until <= @now)
     ORDER BY next_attempt_at, id LIMIT @limit`,
  );
  const lease = db.prepare<[{ id: number; until: string }]>(
    `UPDATE webhook_delivery SET lease_until = @until, attempts = attempts + 1 WHERE id = @id`,
  );
  const claim = db.transaction((now: string, limit: number, until: string) => {
    const rows = due.all({ now, limit });
    for (const row of rows) lease.run({ id: row.id, until });
    return rows;
  });
  const markDelivered = db.prepare<[{ id: number; at: string }]>(
    `UPDATE webhook_delivery SET state = 'delivered', delivered_at = @at, last_attempt_at = @at,
       lease_until = NULL, next_attempt_at = NULL, last_error = NULL
     WHERE id = @id`,
  );
  const markRetry = db.prepare<[{ id: number; at: string; next: string; error: string }]>(
    `UPDATE webhook_delivery SET last_attempt_at = @at, next_attempt_at = @next,
       lease_until = NULL, last_error = @error
     WHERE id = @id AND state = 'pending'`,
  );
  const markFailed = db.prepare<[{ id: number; at: string; error: string }]>(
    `UPDATE webhook_delivery SET state = 'failed', last_attempt_at = @at, next_attempt_at = NULL,
       lease_until = NULL, last_error = @error
     WHERE id = @id AND state = 'pending'`,
  );
  const release = db.prepare(
    `UPDATE webhook_delivery SET lease_until = NULL WHERE lease_until IS NOT NULL`,
  );
  const nextDue = db.prepare<[], { at: string | null }>(
    `SELECT min(next_attempt_at) AS at FROM webhook_delivery WHERE state = 'pending'`,
  );
  const newest = db.prepare<[number], Row>(
    `SELECT * FROM webhook_delivery ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const countStates = db.prepare<[], { state: Row['state']; n: number }>(
    `SELECT state, count(*) AS n FROM webhook_delivery GROUP BY state`,
  );
  const deleteOld = db.prepare<[string]>(
    `DELETE FROM webhook_delivery WHERE state != 'pending' AND created_at < ?`,
  );

  /** A write, reported to the database's health like the history's. */
  const write = <T>(run: () => T): Promise<T> => {
    try {
      const result = run();
      database.noteWrite();
      return Promise.resolve(result);
    } catch (error) {
      database.noteWrite(error);
      return Promise.reject(error);
    }
  };
  const read = <T>(run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const short = (error: string) =>
    error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;

  return {
    add(entries) {
      for (const entry of entries) insert.run(entry);
    },
    claimDue(now, limit, leaseMs) {
      if (limit <= 0) return Promise.resolve([]);
      return write(() =>
        claim
          .immediate(now.toISOString(), limit, new Date(now.getTime() + leaseMs).toISOString())
          .map((row) => ({
            rowId: row.id,
            eventId: row.event_id,
            targetUrl: row.target_url,
            body: row.body,
            createdAt: row.created_at,
            attempts: row.attempts + 1,
          })),
      );
    },
    delivered(rowId, at) {
      return write(() => void markDelivered.run({ id: rowId, at: at.toISOString() }));
    },
    retryLater(rowId, at, next, error) {
      return write(
        () =>
          void markRetry.run({
            id: rowId,
            at: at.toISOString(),
            next: next.toISOString(),
            error: short(error),
          }),
      );
    },
    gaveUp(rowId, at, error) {
      return write(
        () => void markFailed.run({ id: rowId, at: at.toISOString(), error: short(error) }),
      );
    },
    releaseLeases() {
      return write(() => release.run().changes);
    },
    nextDueAt() {
      return read(() => nextDue.get()?.at ?? undefined);
    },
    recent(limit) {
      return read(() =>
        newest.all(limit).map((row) => ({
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
        })),
      );
    },
    counts() {
      return read(() => {
        const counts: OutboxCounts = { pending: 0, delivered: 0, failed: 0 };
        for (const { state, n } of countStates.all()) counts[state] = n;
        return counts;
      });
    },
    prune(before) {
      return write(() => deleteOld.run(before.toISOString()).changes);
    },
  };
}
