import type { Context } from 'hono';
import {
  DELIVERIES_DEFAULT_LIMIT,
  DELIVERIES_MAX_LIMIT,
  transferStatusChangedSchema,
  type DeliveriesPage,
  type Delivery,
} from '../../src/contract/notifications.ts';
import type { ConsoleEnv } from '../access-log.ts';
import type { ConsoleError } from '../console-error.ts';
import { redactedTarget } from '../webhook-notifier.ts';
import type { DeliveryRecord, WebhookOutbox } from '../webhook-outbox.ts';

export interface DeliveriesSource {
  outbox: Pick<WebhookOutbox, 'recent' | 'counts'>;
  /** Whether NOTIFY_WEBHOOK_URLS is set. */
  configured: boolean;
}

/**
 * `GET /api/notifications/deliveries[?limit=N]`: the newest webhook deliveries (at most
 * DELIVERIES_MAX_LIMIT), with their state, attempts and last error, and the outbox's counts. An
 * address is shown as its origin and `/…` (its path may be its secret).
 */
export function deliveriesRoute(source: DeliveriesSource, consoleError: ConsoleError) {
  return async (c: Context<ConsoleEnv>): Promise<Response> => {
    const params = new URL(c.req.url).searchParams;
    for (const key of params.keys()) {
      if (key !== 'limit') {
        return consoleError(
          c,
          400,
          'ConsoleInvalidInput',
          `The parameter ${JSON.stringify(key.slice(0, 100))} is not known: only "limit" is.`,
        );
      }
    }
    const raw = params.getAll('limit');
    let limit = DELIVERIES_DEFAULT_LIMIT;
    if (raw.length > 0) {
      const value = raw[0] ?? '';
      if (
        raw.length > 1 ||
        !/^\d{1,4}$/.test(value) ||
        +value < 1 ||
        +value > DELIVERIES_MAX_LIMIT
      ) {
        return consoleError(
          c,
          400,
          'ConsoleInvalidInput',
          `The parameter "limit" must be a whole number from 1 to ${DELIVERIES_MAX_LIMIT}, given once.`,
        );
      }
      limit = Number(value);
    }
    const [records, counts] = await Promise.all([
      source.outbox.recent(limit),
      source.outbox.counts(),
    ]);
    const body: DeliveriesPage = {
      deliveries: records.flatMap((record) => describeDelivery(record) ?? []),
      counts,
      configured: source.configured,
    };
    return c.json(body, 200);
  };
}

/** What the overview shows of one row; undefined for a body this console cannot read. */
export function describeDelivery(record: DeliveryRecord): Delivery | undefined {
  let event;
  try {
    event = transferStatusChangedSchema.parse(JSON.parse(record.body));
  } catch {
    return undefined;
  }
  return {
    eventId: record.eventId,
    accountNumber: event.accountNumber,
    domainName: event.domainName,
    from: event.from,
    to: { code: event.to.code, name: event.to.name },
    phase: event.phase,
    target: redactedTarget(record.targetUrl),
    state: record.state,
    attempts: record.attempts,
    createdAt: record.createdAt,
    lastAttemptAt: record.lastAttemptAt,
    nextAttemptAt: record.state === 'pending' ? record.nextAttemptAt : null,
    deliveredAt: record.deliveredAt,
    lastError: record.lastError,
  };
}
