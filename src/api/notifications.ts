import { getJson, type GetOptions } from './http-client.ts';
import { DELIVERIES_PATH, deliveriesPageSchema } from '../contract/notifications.ts';

/** The newest webhook deliveries and the outbox's counts (GET /api/notifications/deliveries). */
export function fetchDeliveries(limit: number, options?: GetOptions) {
  return getJson(`${DELIVERIES_PATH}?limit=${limit}`, deliveriesPageSchema, options);
}
