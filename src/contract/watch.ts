import * as z from 'zod/mini';
import { ACCOUNT_NUMBER_PATTERN } from './account-number.ts';
import { STUCK_PHASES } from './stuck-rules.ts';
import { WATCH_PHASES, type WatchPhase } from './transfer-phase.ts';

/**
 * The overview of watched transfers (`/transfers` in the SPA, `GET /api/watch` on the server):
 * every (account, domain) the console has recorded a status for, with its watch state.
 *
 * `GET /api/watch?phase=&account=&stuck=&final=&state=&q=&order=&limit=&offset=`; every
 * parameter optional, any other refused (400 ConsoleInvalidInput naming it). The SPA's
 * `/transfers?…` URL uses the same names (and `page` instead of limit/offset).
 *
 * `POST /api/watch/:accountNumber/:domainName/watch` and `…/stop`: a person watches a pair
 * again or stops watching it (no body; the Origin is checked; recorded in the audit trail).
 */
export const WATCH_PATH = '/api/watch';

export const WATCH_ORDERS = [
  'since',
  '-since',
  'lastChecked',
  '-lastChecked',
  'changes',
  '-changes',
  'domain',
  '-domain',
  'account',
  '-account',
] as const;
export type WatchOrder = (typeof WATCH_ORDERS)[number];
/** Oldest in its current status first: the likeliest to be stuck come first. */
export const WATCH_DEFAULT_ORDER: WatchOrder = 'since';

export const WATCH_STATES = ['watching', 'stopped'] as const;
export type WatchState = (typeof WATCH_STATES)[number];
/**
 * Why a pair is not re-checked: its status has been final for WATCH_FINAL_KEEP_H, the Hostway
 * API answered 404 WATCH_MAX_NOT_FOUND times in a row, or a person stopped it.
 */
export const WATCH_STOP_REASONS = ['final', 'not-found', 'person'] as const;
export type WatchStopReason = (typeof WATCH_STOP_REASONS)[number];

export const WATCH_MAX_LIMIT = 500;
export const WATCH_DEFAULT_LIMIT = 100;
export const WATCH_MAX_OFFSET = 1_000_000;
export const WATCH_Q_MAX_LENGTH = 200;
export const WATCH_PARAMS = [
  'phase',
  'account',
  'stuck',
  'final',
  'state',
  'q',
  'order',
  'limit',
  'offset',
] as const;

export interface WatchQuery {
  phase?: WatchPhase;
  account?: string;
  stuck?: boolean;
  final?: boolean;
  state?: WatchState;
  /** Matched case-insensitively against the domain and the account. */
  q?: string;
  order: WatchOrder;
  limit: number;
  offset: number;
}

export type WatchQueryParse =
  { ok: true; query: WatchQuery } | { ok: false; param: string; message: string };

const oneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

/**
 * Parses the overview's query string (server and SPA alike). `ignore`: parameters another
 * reader owns (the SPA's `page`, `tz`), skipped here.
 */
export function parseWatchQuery(
  params: URLSearchParams,
  options: { ignore?: readonly string[] } = {},
): WatchQueryParse {
  const query: WatchQuery = { order: WATCH_DEFAULT_ORDER, limit: WATCH_DEFAULT_LIMIT, offset: 0 };
  const seen = new Set<string>();
  const bad = (param: string, message: string): WatchQueryParse => ({ ok: false, param, message });
  for (const [name, value] of params) {
    if (options.ignore?.includes(name)) continue;
    if (!oneOf(WATCH_PARAMS, name)) {
      return bad(
        name,
        `${name} is not a parameter of the overview (use ${WATCH_PARAMS.join(', ')}).`,
      );
    }
    if (seen.has(name)) return bad(name, `Give ${name} at most once.`);
    seen.add(name);
    const yesNo = (): boolean | WatchQueryParse =>
      value === 'true'
        ? true
        : value === 'false'
          ? false
          : bad(name, `${name} must be true or false (got ${JSON.stringify(value)}).`);
    const whole = (max: number): number | WatchQueryParse =>
      /^\d{1,7}$/.test(value) && Number(value) <= max
        ? Number(value)
        : bad(
            name,
            `${name} must be a whole number from ${name === 'limit' ? 1 : 0} to ${max} (got ${JSON.stringify(value)}).`,
          );
    switch (name) {
      case 'phase':
        if (!oneOf(WATCH_PHASES, value)) {
          return bad(
            name,
            `phase must be one of ${WATCH_PHASES.join(', ')} (got ${JSON.stringify(value)}).`,
          );
        }
        query.phase = value;
        break;
      case 'account':
        if (!ACCOUNT_NUMBER_PATTERN.test(value)) {
          return bad(
            name,
            `account must be 1 to 64 letters, digits, '-' or '_' (got ${JSON.stringify(value)}).`,
          );
        }
        query.account = value;
        break;
      case 'stuck':
      case 'final': {
        const flag = yesNo();
        if (typeof flag !== 'boolean') return flag;
        query[name] = flag;
        break;
      }
      case 'state':
        if (!oneOf(WATCH_STATES, value)) {
          return bad(name, `state must be watching or stopped (got ${JSON.stringify(value)}).`);
        }
        query.state = value;
        break;
      case 'q':
        if (value.length > WATCH_Q_MAX_LENGTH) {
          return bad(name, `q must be at most ${WATCH_Q_MAX_LENGTH} characters.`);
        }
        if (value.trim() !== '') query.q = value.trim();
        break;
      case 'order':
        if (!oneOf(WATCH_ORDERS, value)) {
          return bad(
            name,
            `order must be one of ${WATCH_ORDERS.join(', ')} (got ${JSON.stringify(value)}).`,
          );
        }
        query.order = value;
        break;
      case 'limit': {
        const n = whole(WATCH_MAX_LIMIT);
        if (typeof n !== 'number') return n;
        if (n < 1)
          return bad(name, `limit must be a whole number from 1 to ${WATCH_MAX_LIMIT} (got "0").`);
        query.limit = n;
        break;
      }
      case 'offset': {
        const n = whole(WATCH_MAX_OFFSET);
        if (typeof n !== 'number') return n;
        query.offset = n;
        break;
      }
    }
  }
  return { ok: true, query };
}

/** The query string of a query, canonical (defaults left out, fixed order): cache key and URL. */
export function watchSearch(query: Partial<WatchQuery>): string {
  const params = new URLSearchParams();
  if (query.phase) params.set('phase', query.phase);
  if (query.account) params.set('account', query.account);
  if (query.stuck !== undefined) params.set('stuck', String(query.stuck));
  if (query.final !== undefined) params.set('final', String(query.final));
  if (query.state) params.set('state', query.state);
  if (query.q) params.set('q', query.q);
  if (query.order && query.order !== WATCH_DEFAULT_ORDER) params.set('order', query.order);
  if (query.limit !== undefined && query.limit !== WATCH_DEFAULT_LIMIT) {
    params.set('limit', String(query.limit));
  }
  if (query.offset) params.set('offset', String(query.offset));
  return params.toString();
}

// Pure: a page that only needs the query parser leaves the schemas out of its bundle.
export const watchRowSchema = /* @__PURE__ */ z.looseObject({
  accountNumber: z.string(),
  domainName: z.string(),
  status: z.int(),
  description: z.string(),
  /** One of WATCH_PHASES; any string passes so that a newer server's phase shows as-is. */
  phase: z.string(),
  final: z.boolean(),
  /** When the current status began (its status change date, else when the console first saw it). */
  since: z.string(),
  /** When the console last asked the Hostway API about the pair (a lookup or the watcher). */
  lastCheckedAt: z.string(),
  /** When the watcher will ask next; null when it does not watch the pair (or is off). */
  nextCheckAt: z.nullable(z.string()),
  /** Distinct statuses observed (the history's rows). */
  changes: z.int(),
  /** Why the pair is stuck (see stuck-rules.ts), or null. */
  stuck: z.nullable(z.string()),
  state: z.string(),
  stopReason: z.nullable(z.string()),
  stoppedAt: z.nullable(z.string()),
  /** Who stopped it, when a person did. */
  stoppedBy: z.nullable(z.string()),
  /** 404 answers in a row (the watcher stops at WATCH_MAX_NOT_FOUND). */
  notFoundCount: z.int(),
});
export type WatchRow = z.infer<typeof watchRowSchema>;

export const watchPageSchema = /* @__PURE__ */ z.looseObject({
  rows: z.array(watchRowSchema),
  /** Pairs matching every filter (all pages). */
  total: z.int(),
  /** Pairs per phase, matching every filter except phase (so each count is a filter to click). */
  counts: z.record(z.string(), z.int()),
  /** Stuck pairs among those counted. */
  stuckCount: z.int(),
  /** The stuck limits in force, per phase, in milliseconds (STUCK_AFTER or the defaults). */
  stuckAfterMs: z.record(z.string(), z.number()),
  /** TRANSFER_WATCH_INTERVAL_S (0: the watcher is off). */
  intervalS: z.int(),
  generatedAt: z.string(),
});
export type WatchPage = z.infer<typeof watchPageSchema>;

export const watchActionSchema = /* @__PURE__ */ z.looseObject({
  accountNumber: z.string(),
  domainName: z.string(),
  state: z.string(),
});
export type WatchAction = z.infer<typeof watchActionSchema>;

export { STUCK_PHASES, WATCH_PHASES };
