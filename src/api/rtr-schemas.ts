import * as z from 'zod/mini';
import { PROCESS_STATUSES } from '../contract/process-status.ts';

/**
 * Realtime Register API v2 — process resource.
 *
 * Lenient where reality is: enum-like fields are plain strings (unknown values pass through and
 * the UI shows them as-is), extra fields are kept, and fields the documentation calls required
 * but real responses sometimes omit are optional so the page can mark them as missing instead of
 * refusing the whole answer. Only the fields the console cannot work without (id, status,
 * createdDate) are strict.
 */

export { PROCESS_STATUSES };
export type KnownProcessStatus = (typeof PROCESS_STATUSES)[number];

export const RESUME_TYPES = [
  'PROVIDER',
  'TIMER',
  'MANUAL',
  'INTERNAL',
  'RESEND',
  'CANCEL',
] as const;
export type KnownResumeType = (typeof RESUME_TYPES)[number];

/** The billable actions in the API documentation (what the sandbox produces). */
export const DOCUMENTED_BILLABLE_ACTIONS = [
  'CREATE',
  'REQUEST',
  'TRANSFER',
  'RENEW',
  'RESTORE',
  'TRANSFER_RESTORE',
  'UPDATE',
  'REGISTRANT_CHANGE',
  'LOCAL_CONTACT',
  'NEGATIVE_MARKUP',
  'PRIVACY_PROTECT',
  'EXTRA_WILDCARD',
  'EXTRA_DOMAIN',
  'REGISTRY_LOCK',
] as const;

/** Every billable action the console knows: the documented ones, plus one an official SDK reads. */
export const BILLABLE_ACTIONS = [...DOCUMENTED_BILLABLE_ACTIONS, 'UPDATE_ADMINISTRATION'] as const;
export type KnownBillableAction = (typeof BILLABLE_ACTIONS)[number];

/** Every documented field of a process; `fields=` accepts exactly these. */
export const PROCESS_FIELDS = [
  'id',
  'user',
  'customer',
  'status',
  'statusDetail',
  'createdDate',
  'updatedDate',
  'startedDate',
  'type',
  'identifier',
  'action',
  'reservation',
  'transaction',
  'refund',
  'command',
  'resumeTypes',
  'error',
  'billables',
] as const;

/** Fields the documentation marks as required but which the console tolerates being absent. */
export const DOCUMENTED_REQUIRED_FIELDS = [
  'user',
  'customer',
  'type',
  'identifier',
  'action',
  'command',
] as const;

const timestamp = z.iso.datetime({ offset: true });

/** Amounts in minor units (cents) per ISO 4217 currency code. */
export const moneyMapSchema = z.record(z.string(), z.int());
export type MoneyMap = z.infer<typeof moneyMapSchema>;

export const billableSchema = z.looseObject({
  product: z.string(),
  action: z.string(),
  quantity: z.int(),
  amount: z.int(),
  providerName: z.optional(z.string()),
  refundable: z.optional(z.boolean()),
  total: z.optional(z.int()),
});
export type Billable = z.infer<typeof billableSchema>;

export const processSchema = z.looseObject({
  id: z.int().check(z.positive()),
  user: z.optional(z.string()),
  customer: z.optional(z.string()),
  status: z.string(),
  statusDetail: z.optional(z.string()),
  createdDate: timestamp,
  updatedDate: z.optional(timestamp),
  startedDate: z.optional(timestamp),
  type: z.optional(z.string()),
  identifier: z.optional(z.string()),
  action: z.optional(z.string()),
  reservation: z.optional(moneyMapSchema),
  transaction: z.optional(moneyMapSchema),
  refund: z.optional(moneyMapSchema),
  command: z.optional(z.record(z.string(), z.unknown())),
  resumeTypes: z.optional(z.array(z.string())),
  /** Shape undocumented: any JSON value is rendered. */
  error: z.optional(z.unknown()),
  billables: z.optional(z.array(billableSchema)),
});
export type Process = z.infer<typeof processSchema>;

/** `GET /v2/processes`: one page of the list; `total` is absent when asked with total=false. */
export const processListSchema = z.looseObject({
  entities: z.array(processSchema),
  pagination: z.looseObject({
    limit: z.int(),
    offset: z.int(),
    total: z.optional(z.int()),
  }),
});
export type ProcessList = z.infer<typeof processListSchema>;

export { rtrErrorSchema, type RtrError } from './rtr-error-schema.ts';

export function isKnownProcessStatus(status: string): status is KnownProcessStatus {
  return (PROCESS_STATUSES as readonly string[]).includes(status);
}
