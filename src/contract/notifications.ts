import * as z from 'zod/mini';

/**
 * Webhooks: what the console POSTs to every NOTIFY_WEBHOOK_URLS address for each transfer status
 * it observes for the first time (server/webhook-notifier.ts), and `GET /api/notifications/deliveries`,
 * the recent deliveries and failures (server/webhook-outbox.ts).
 */

export const TRANSFER_STATUS_CHANGED = 'transfer.status_changed';
/** The hex HMAC-SHA256 of the raw body with NOTIFY_WEBHOOK_SECRET, as `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'X-Console-Signature';
export const DELIVERIES_PATH = '/api/notifications/deliveries';
export const DELIVERIES_DEFAULT_LIMIT = 50;
export const DELIVERIES_MAX_LIMIT = 200;

// Pure throughout: the SPA imports only what it uses.
export const webhookStatusSchema = /* @__PURE__ */ z.object({
  code: z.int(),
  /** The documented name (e.g. CONFIRM_PEND), see transfer-phase.ts transferStatusName. */
  name: z.string(),
});

/** The body of every delivery. `id` is the receiver's idempotency key: the same on each retry. */
export const transferStatusChangedSchema = /* @__PURE__ */ z.object({
  event: z.literal(TRANSFER_STATUS_CHANGED),
  id: z.string(),
  /** The status change date the API reports, else when the console first saw the status. */
  occurredAt: z.iso.datetime({ offset: true }),
  accountNumber: z.string(),
  domainName: z.string(),
  /** The status the console saw before for the pair; null for the first one it ever saw. */
  from: z.nullable(webhookStatusSchema),
  to: z.object({ code: z.int(), name: z.string(), description: z.string() }),
  /** eligibility, approval, registry, active, other (15, 16) or unknown. */
  phase: z.string(),
  /** The console's page of the transfer (PUBLIC_URL when set). */
  url: z.string(),
  /** One line for Slack / Mattermost incoming webhooks, shown as is. */
  text: z.string(),
});
export type TransferStatusChanged = z.infer<typeof transferStatusChangedSchema>;

export const deliveryStateSchema = /* @__PURE__ */ z.enum(['pending', 'delivered', 'failed']);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/** One event sent (or being sent) to one address. */
export const deliverySchema = /* @__PURE__ */ z.object({
  /** The event's id (the same for every address it goes to). */
  eventId: z.string(),
  accountNumber: z.string(),
  domainName: z.string(),
  from: z.nullable(webhookStatusSchema),
  to: webhookStatusSchema,
  phase: z.string(),
  /** The address: its origin and a redacted path (`https://hooks.slack.com/…`), never the whole. */
  target: z.string(),
  state: z.string(),
  attempts: z.int(),
  createdAt: z.string(),
  lastAttemptAt: z.nullable(z.string()),
  nextAttemptAt: z.nullable(z.string()),
  deliveredAt: z.nullable(z.string()),
  /** Why the last attempt failed (an HTTP status or a network error), when it did. */
  lastError: z.nullable(z.string()),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveriesPageSchema = /* @__PURE__ */ z.object({
  /** Newest first, at most `limit`. */
  deliveries: z.array(deliverySchema),
  /** Over the whole outbox. */
  counts: z.object({ pending: z.int(), delivered: z.int(), failed: z.int() }),
  /** Whether webhooks are configured (NOTIFY_WEBHOOK_URLS). */
  configured: z.boolean(),
});
export type DeliveriesPage = z.infer<typeof deliveriesPageSchema>;
