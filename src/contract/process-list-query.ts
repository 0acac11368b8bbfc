import { PROCESS_ID_PATTERN } from './process-id.ts';
import { FIELDS_PARAM_MAX_LENGTH, FIELDS_PARAM_PATTERN } from './fields-param.ts';
import { PROCESS_STATUSES } from './process-status.ts';
import type { ProcessListQuery } from './process-list-search.ts';

export type { ProcessListFilter, ProcessListQuery } from './process-list-search.ts';
export { processListSearch } from './process-list-search.ts';

/*
 * The query of the process list (`GET /v2/processes`), in the Realtime Register API's own
 * parameter names: the console's `/processes?…` URLs and its `/api/rtr/v2/processes?…` proxy
 * route read the same way, and this one parser decides what both accept. What it returns is
 * rebuilt from validated values (never the raw text), so only what passed is ever forwarded.
 */

export const FILTERABLE_PROCESS_FIELDS = [
  'id',
  'status',
  'createdDate',
  'updatedDate',
  'startedDate',
  'type',
  'identifier',
  'action',
  'billableAction',
  'billableProduct',
  'billableProvider',
  'billableQuantity',
] as const;
export type FilterableProcessField = (typeof FILTERABLE_PROCESS_FIELDS)[number];

export const FILTER_OPS = [
  'eq',
  'ne',
  'like',
  'not_like',
  'gt',
  'lt',
  'gte',
  'lte',
  'null',
  'not_null',
  'in',
  'not_in',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const LIST_LIMIT_MAX = 100;
export const LIST_OFFSET_MAX = 10_000;
export const LIST_Q_MAX_LENGTH = 200;
export const LIST_IN_MAX_ITEMS = 50;
const TEXT_MAX_LENGTH = 255;

type ValueKind = 'id' | 'status' | 'date' | 'quantity' | 'text';
const KIND: Record<FilterableProcessField, ValueKind> = {
  id: 'id',
  status: 'status',
  createdDate: 'date',
  updatedDate: 'date',
  startedDate: 'date',
  type: 'text',
  identifier: 'text',
  action: 'text',
  billableAction: 'text',
  billableProduct: 'text',
  billableProvider: 'text',
  billableQuantity: 'quantity',
};
const LIST_OPS: readonly FilterOp[] = ['in', 'not_in'];
const PRESENCE_OPS: readonly FilterOp[] = ['null', 'not_null'];
/** Which matchers make sense for which kind of value. */
const OPS_FOR: Record<ValueKind, readonly FilterOp[]> = {
  id: ['eq', 'ne', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in'],
  status: ['eq', 'ne', 'in', 'not_in'],
  date: ['eq', 'ne', 'gt', 'lt', 'gte', 'lte', 'null', 'not_null'],
  quantity: ['eq', 'ne', 'gt', 'lt', 'gte', 'lte', 'in', 'not_in', 'null', 'not_null'],
  text: ['eq', 'ne', 'like', 'not_like', 'in', 'not_in', 'null', 'not_null'],
};

export type ProcessListParse =
  | { ok: true; query: ProcessListQuery }
  /** `param` is the parameter as given, for a message that names it. */
  | { ok: false; param: string; message: string };

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function isDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [, year, month, day, hour, minute, second] = m.map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  const sameDay = date.getUTCMonth() === (month ?? 1) - 1 && date.getUTCDate() === day;
  const hasTime = m[4] !== undefined;
  // A time without an offset would be read in the upstream's zone: say which one is meant.
  if (hasTime && !/(?:Z|[+-]\d{2}:\d{2})$/.test(value)) return false;
  return sameDay && (hour ?? 0) < 24 && (minute ?? 0) < 60 && (second ?? 0) < 60;
}

/** Why `value` is not a valid value of `kind` (for `op`), or undefined when it is. */
function valueProblem(
  kind: ValueKind,
  op: FilterOp | undefined,
  value: string,
): string | undefined {
  if (value === '') return 'it is empty';
  switch (kind) {
    case 'id':
      return PROCESS_ID_PATTERN.test(value) ? undefined : 'a process id is a positive whole number';
    case 'status':
      return (PROCESS_STATUSES as readonly string[]).includes(value)
        ? undefined
        : `a status is one of ${PROCESS_STATUSES.join(', ')}`;
    case 'date':
      return isDate(value)
        ? undefined
        : 'a date is ISO-8601, e.g. 2026-11-01 or 2026-11-01T08:00:00Z (a time needs Z or an offset)';
    case 'quantity':
      return /^(?:0|[1-9]\d{0,8})$/.test(value) ? undefined : 'a quantity is a whole number ≥ 0';
    case 'text':
      if (value.length > TEXT_MAX_LENGTH) return `it is longer than ${TEXT_MAX_LENGTH} characters`;
      if (CONTROL.test(value)) return 'it contains control characters';
      if (op !== 'like' && op !== 'not_like' && value.includes('%')) {
        return '% is a wildcard only with :like or :not_like, e.g. identifier:like=%example%';
      }
      return undefined;
  }
}

const isField = (name: string): name is FilterableProcessField =>
  (FILTERABLE_PROCESS_FIELDS as readonly string[]).includes(name);
const isOp = (name: string): name is FilterOp => (FILTER_OPS as readonly string[]).includes(name);

function wholeNumber(value: string, max: number, min: number): number | undefined {
  if (!/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Reads a process-list query. `ignore` names parameters that are not the API's (the SPA's `tz`,
 * say): they are skipped. Anything else unknown, repeated or invalid is refused, naming it.
 */
export function parseProcessListQuery(
  params: Iterable<[string, string]>,
  { ignore = [] }: { ignore?: readonly string[] } = {},
): ProcessListParse {
  const query: ProcessListQuery = { filters: [] };
  const seen = new Set<string>();
  const refuse = (param: string, message: string): ProcessListParse => ({
    ok: false,
    param,
    message,
  });
  for (const [param, value] of params) {
    if (ignore.includes(param)) continue;
    if (seen.has(param)) {
      return refuse(
        param,
        `Give ${param} at most once (for several values use :in, e.g. status:in=FAILED,IN_DOUBT).`,
      );
    }
    seen.add(param);
    switch (param) {
      case 'limit': {
        const n = wholeNumber(value, LIST_LIMIT_MAX, 1);
        if (n === undefined)
          return refuse(param, `limit must be a whole number from 1 to ${LIST_LIMIT_MAX}.`);
        query.limit = n;
        continue;
      }
      case 'offset': {
        const n = wholeNumber(value, LIST_OFFSET_MAX, 0);
        if (n === undefined) {
          return refuse(
            param,
            `offset must be a whole number from 0 to ${LIST_OFFSET_MAX.toLocaleString('en')}.`,
          );
        }
        query.offset = n;
        continue;
      }
      case 'order': {
        const descending = value.startsWith('-');
        const field = descending ? value.slice(1) : value;
        if (!isField(field)) {
          return refuse(
            param,
            `order must be one of ${FILTERABLE_PROCESS_FIELDS.join(', ')}, with - in front for newest / largest first.`,
          );
        }
        query.order = { field, descending };
        continue;
      }
      case 'q':
        if (value.trim() === '' || value.length > LIST_Q_MAX_LENGTH || CONTROL.test(value)) {
          return refuse(
            param,
            `q (free text) must be 1 to ${LIST_Q_MAX_LENGTH} characters, without control characters.`,
          );
        }
        query.q = value;
        continue;
      case 'fields':
        if (value.length > FIELDS_PARAM_MAX_LENGTH || !FIELDS_PARAM_PATTERN.test(value)) {
          return refuse(
            param,
            'fields must be a comma-separated list of field names, e.g. fields=id,status.',
          );
        }
        query.fields = value;
        continue;
      case 'total':
        if (value !== 'true' && value !== 'false')
          return refuse(param, 'total must be true or false.');
        query.total = value === 'true';
        continue;
      case 'export':
        return refuse(
          param,
          'export is not passed on: the console exports the list as CSV itself, page by page.',
        );
    }
    const [field = '', op, ...rest] = param.split(':');
    if (!isField(field) || rest.length > 0) {
      return refuse(
        param,
        `Unknown parameter ${JSON.stringify(param)}: the process list takes limit, offset, order, q, fields, total and filters on ${FILTERABLE_PROCESS_FIELDS.join(', ')}.`,
      );
    }
    const kind = KIND[field];
    if (op !== undefined && (!isOp(op) || !OPS_FOR[kind].includes(op))) {
      return refuse(
        param,
        `${field} can be filtered with ${OPS_FOR[kind].map((o) => `:${o}`).join(' ')} (or ${field}=value), not :${op}.`,
      );
    }
    if (op !== undefined && PRESENCE_OPS.includes(op)) {
      if (value !== '' && value !== 'true')
        return refuse(param, `${param} takes no value (or true).`);
      query.filters.push({ field, op });
      continue;
    }
    if (op !== undefined && LIST_OPS.includes(op)) {
      const items = value.split(',');
      if (items.length > LIST_IN_MAX_ITEMS) {
        return refuse(param, `${param} takes at most ${LIST_IN_MAX_ITEMS} values.`);
      }
      for (const item of items) {
        const problem = valueProblem(kind, op, item);
        if (problem)
          return refuse(
            param,
            `${param}: ${JSON.stringify(item.slice(0, 80))} is not valid: ${problem}.`,
          );
      }
      query.filters.push({ field, op, value: items });
      continue;
    }
    const problem = valueProblem(kind, op, value);
    if (problem)
      return refuse(
        param,
        `${param}: ${JSON.stringify(value.slice(0, 80))} is not valid: ${problem}.`,
      );
    query.filters.push(op === undefined ? { field, value } : { field, op, value });
  }
  return { ok: true, query };
}
