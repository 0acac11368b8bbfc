import type { Generated } from 'kysely';
import { z } from 'zod';

/**
 * The console's tables, as zod schemas of their rows: the Kysely types of every query and the
 * check db:import applies to each row of a file come from here. Times are ISO-8601 UTC text with
 * milliseconds in both databases, so text order is time order.
 */

export const transferObservationRow = z.strictObject({
  id: z.number().int(),
  account_number: z.string(),
  domain_name: z.string(),
  status: z.number().int(),
  description: z.string(),
  /** '' when the upstream gave none: it takes part in the unique key (NULLs never collide). */
  status_change_date: z.string(),
  email_address: z.string().nullable(),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
  seen_count: z.number().int().min(1),
  source: z.enum(['lookup', 'watcher']),
});

export const auditEventRow = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  user_email: z.string(),
  kind: z.enum(['process', 'transfer', 'history', 'bulk', 'search', 'watch', 'unwatch']),
  object: z.string(),
  upstream_status: z.number().int().nullable(),
  error_type: z.string().nullable(),
  status: z.number().int(),
  request_id: z.string().nullable(),
});

export const transferWatchRow = z.strictObject({
  account_number: z.string(),
  domain_name: z.string(),
  stop_reason: z.enum(['final', 'not-found', 'person']).nullable(),
  stopped_at: z.string().nullable(),
  stopped_by: z.string().nullable(),
  watch_from: z.string().nullable(),
  last_checked_at: z.string().nullable(),
  not_found_count: z.number().int().min(0),
  /** A watcher (of whichever console) holds the pair until then: nobody else re-checks it. */
  claimed_until: z.string().nullable(),
});

export const webhookDeliveryRow = z.strictObject({
  id: z.number().int(),
  event_id: z.string(),
  target_url: z.string(),
  /** The exact JSON sent on every attempt (the signature is over these bytes). */
  body: z.string(),
  account_number: z.string(),
  domain_name: z.string(),
  created_at: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().min(0),
  next_attempt_at: z.string().nullable(),
  lease_until: z.string().nullable(),
  last_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  last_error: z.string().nullable(),
});

/** Every table, by name: what db:export writes and db:import checks. */
export const tableRowSchemas = {
  transfer_observation: transferObservationRow,
  transfer_watch: transferWatchRow,
  webhook_delivery: webhookDeliveryRow,
  audit_event: auditEventRow,
} as const;

/** A row type as Kysely sees it: the columns the database fills in are optional on insert. */
type Table<Row, Defaulted extends keyof Row> = {
  [K in keyof Row]: K extends Defaulted ? Generated<Row[K]> : Row[K];
};

export interface ConsoleTables {
  transfer_observation: Table<
    z.infer<typeof transferObservationRow>,
    'id' | 'seen_count' | 'status_change_date'
  >;
  audit_event: Table<z.infer<typeof auditEventRow>, 'id'>;
  transfer_watch: Table<
    z.infer<typeof transferWatchRow>,
    | 'stop_reason'
    | 'stopped_at'
    | 'stopped_by'
    | 'watch_from'
    | 'last_checked_at'
    | 'not_found_count'
    | 'claimed_until'
  >;
  webhook_delivery: Table<
    z.infer<typeof webhookDeliveryRow>,
    | 'id'
    | 'state'
    | 'attempts'
    | 'next_attempt_at'
    | 'lease_until'
    | 'last_attempt_at'
    | 'delivered_at'
    | 'last_error'
  >;
}
