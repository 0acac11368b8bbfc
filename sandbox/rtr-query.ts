/**
 * Query handling for the Realtime Register process endpoints: the `fields` selection (both
 * endpoints) and the generic listing request (`GET /v2/processes`: limit, offset, order, total,
 * q, export and `field[:matcher]=value` filters).
 */
import { PROCESS_FIELDS } from '../src/api/rtr-schemas.ts';
import type { Json, JsonObject } from './fixtures/support.ts';

export type QueryResult<T> = { ok: true; value: T } | { ok: false; error: JsonObject };

function validationError(
  message: string,
  extra: JsonObject = {},
): { ok: false; error: JsonObject } {
  return { ok: false, error: { type: 'ValidationError', message, ...extra } };
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set(PROCESS_FIELDS);

/**
 * Parse every `fields` parameter (comma-separated, possibly repeated). `null` means "all fields";
 * otherwise the set always contains `id`, the identifying field.
 */
export function parseFields(values: readonly string[]): QueryResult<Set<string> | null> {
  const names = values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) return { ok: true, value: null };
  for (const name of names) {
    if (!KNOWN_FIELDS.has(name)) {
      return validationError(`Unknown field: ${name}`, { field: 'fields', value: name });
    }
  }
  return { ok: true, value: new Set(['id', ...names]) };
}

/** The process with only the selected fields, in the process's own key order. */
export function pickFields(process: JsonObject, fields: Set<string> | null): JsonObject {
  if (fields === null) return process;
  return Object.fromEntries(Object.entries(process).filter(([key]) => fields.has(key)));
}

// ---------------------------------------------------------------------------------------------
// Listing

type FieldKind = 'number' | 'date' | 'string';

const FILTERABLE: Readonly<Record<string, { kind: FieldKind; values(p: JsonObject): Json[] }>> = {
  id: { kind: 'number', values: scalar('id') },
  status: { kind: 'string', values: scalar('status') },
  createdDate: { kind: 'date', values: scalar('createdDate') },
  updatedDate: { kind: 'date', values: scalar('updatedDate') },
  startedDate: { kind: 'date', values: scalar('startedDate') },
  type: { kind: 'string', values: scalar('type') },
  identifier: { kind: 'string', values: scalar('identifier') },
  action: { kind: 'string', values: scalar('action') },
  billableAction: { kind: 'string', values: billable('action') },
  billableProduct: { kind: 'string', values: billable('product') },
  billableProvider: { kind: 'string', values: billable('providerName') },
  billableQuantity: { kind: 'number', values: billable('quantity') },
};

const SORTABLE = [
  'id',
  'status',
  'createdDate',
  'updatedDate',
  'startedDate',
  'type',
  'identifier',
  'action',
];

const MATCHERS = [
  'eq',
  'ne',
  'like',
  'not_like',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'null',
  'not_null',
] as const;
type Matcher = (typeof MATCHERS)[number];

const RESERVED = new Set(['limit', 'offset', 'order', 'total', 'q', 'fields', 'export']);

function scalar(key: string) {
  return (p: JsonObject): Json[] => {
    const v = p[key];
    return v === undefined || v === null ? [] : [v];
  };
}

function billable(key: string) {
  return (p: JsonObject): Json[] => {
    const list = Array.isArray(p.billables) ? p.billables : [];
    return list.flatMap((b) =>
      b !== null && typeof b === 'object' && !Array.isArray(b) && b[key] !== undefined
        ? [b[key] as Json]
        : [],
    );
  };
}

interface Filter {
  field: string;
  matcher: Matcher;
  test(p: JsonObject): boolean;
}

function likePattern(value: string): (s: string) => boolean {
  const lower = value.toLowerCase();
  if (!/[*%]/.test(lower)) return (s) => s.toLowerCase().includes(lower);
  const source = lower
    .split(/[*%]/)
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`, 's');
  return (s) => re.test(s.toLowerCase());
}

function comparable(kind: FieldKind, raw: string): number | string | null {
  if (kind === 'number') return /^-?\d+$/.test(raw) ? Number(raw) : null;
  if (kind === 'date') {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? null : t;
  }
  return raw;
}

function buildFilter(field: string, matcher: Matcher, raw: string): QueryResult<Filter> {
  const spec = FILTERABLE[field];
  if (!spec) return validationError(`Unknown filter field: ${field}`, { field, value: raw });
  const values = spec.values;
  const of = (v: Json): number | string | null =>
    typeof v === 'number' || typeof v === 'string' ? comparable(spec.kind, String(v)) : null;

  if (matcher === 'null')
    return { ok: true, value: { field, matcher, test: (p) => values(p).length === 0 } };
  if (matcher === 'not_null')
    return { ok: true, value: { field, matcher, test: (p) => values(p).length > 0 } };

  let positive: (v: Json) => boolean;
  if (matcher === 'like' || matcher === 'not_like') {
    const like = likePattern(raw);
    positive = (v) => like(String(v));
  } else {
    const items = matcher === 'in' || matcher === 'not_in' ? raw.split(',') : [raw];
    const targets: (number | string)[] = [];
    for (const item of items) {
      const target = comparable(spec.kind, item.trim());
      if (target === null) {
        return validationError(`Invalid value for ${field}: ${item}`, { field, value: raw });
      }
      targets.push(target);
    }
    const target = targets[0] as number | string;
    const cmp = (v: Json) => {
      const a = of(v);
      return a === null ? null : a < target ? -1 : a > target ? 1 : 0;
    };
    positive = {
      eq: (v: Json) => cmp(v) === 0,
      ne: (v: Json) => cmp(v) === 0,
      gt: (v: Json) => (cmp(v) ?? 0) > 0,
      gte: (v: Json) => cmp(v) !== null && (cmp(v) as number) >= 0,
      lt: (v: Json) => (cmp(v) ?? 0) < 0,
      lte: (v: Json) => cmp(v) !== null && (cmp(v) as number) <= 0,
      in: (v: Json) => targets.includes(of(v) as number | string),
      not_in: (v: Json) => targets.includes(of(v) as number | string),
    }[matcher];
  }
  // Negative matchers hold when no value of the field matches; for a list field (billables)
  // positive ones hold when any billable matches.
  const negative = matcher === 'ne' || matcher === 'not_like' || matcher === 'not_in';
  return {
    ok: true,
    value: {
      field,
      matcher,
      test: (p) => (negative ? !values(p).some(positive) : values(p).some(positive)),
    },
  };
}

function parseNonNegativeInt(
  name: string,
  raw: string | undefined,
  fallback: number,
): QueryResult<number> {
  if (raw === undefined) return { ok: true, value: fallback };
  if (!/^\d{1,9}$/.test(raw)) {
    return validationError(`Invalid value for ${name}: ${raw}`, { field: name, value: raw });
  }
  return { ok: true, value: Number(raw) };
}

function parseBool(name: string, raw: string | undefined, fallback: boolean): QueryResult<boolean> {
  if (raw === undefined) return { ok: true, value: fallback };
  if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
  return validationError(`Invalid value for ${name}: ${raw}`, { field: name, value: raw });
}

function leafText(value: Json, out: string[]): void {
  if (value === null) return;
  if (Array.isArray(value)) value.forEach((v) => leafText(v, out));
  else if (typeof value === 'object') Object.values(value).forEach((v) => leafText(v, out));
  else out.push(String(value).toLowerCase());
}

function compareValues(a: Json | undefined, b: Json | undefined): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Run a listing request over `processes`; the answer is the body of a 200 or of a 400. */
export function searchProcesses(
  processes: readonly JsonObject[],
  params: URLSearchParams,
): QueryResult<JsonObject> {
  const fields = parseFields(params.getAll('fields'));
  if (!fields.ok) return fields;
  const exporting = parseBool('export', params.get('export') ?? undefined, false);
  if (!exporting.ok) return exporting;
  if (exporting.value && (params.has('limit') || params.has('offset'))) {
    return validationError('export cannot be combined with limit or offset', { field: 'export' });
  }
  const limit = parseNonNegativeInt('limit', params.get('limit') ?? undefined, 10);
  if (!limit.ok) return limit;
  const offset = parseNonNegativeInt('offset', params.get('offset') ?? undefined, 0);
  if (!offset.ok) return offset;
  const total = parseBool('total', params.get('total') ?? undefined, true);
  if (!total.ok) return total;

  const filters: Filter[] = [];
  for (const [key, raw] of params) {
    if (RESERVED.has(key)) continue;
    const [field = '', matcherName = 'eq', ...rest] = key.split(':');
    if (rest.length > 0 || !(MATCHERS as readonly string[]).includes(matcherName)) {
      return validationError(`Unknown matcher in filter: ${key}`, { field: key, value: raw });
    }
    const filter = buildFilter(field, matcherName as Matcher, raw);
    if (!filter.ok) return filter;
    filters.push(filter.value);
  }

  const order: { field: string; desc: boolean }[] = [];
  for (const spec of params.getAll('order').flatMap((v) => v.split(','))) {
    const trimmed = spec.trim();
    if (trimmed === '') continue;
    const desc = trimmed.startsWith('-');
    const field = desc ? trimmed.slice(1) : trimmed;
    if (!SORTABLE.includes(field)) {
      return validationError(`Unknown order field: ${field}`, { field: 'order', value: trimmed });
    }
    order.push({ field, desc });
  }
  order.push({ field: 'id', desc: false });

  const q = params.get('q')?.trim().toLowerCase() ?? '';
  let matches = processes.filter((p) => filters.every((f) => f.test(p)));
  if (q !== '') {
    matches = matches.filter((p) => {
      const leaves: string[] = [];
      leafText(p, leaves);
      return leaves.some((leaf) => leaf.includes(q));
    });
  }
  matches.sort((a, b) => {
    for (const { field, desc } of order) {
      const c = compareValues(a[field], b[field]);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });

  const start = exporting.value ? 0 : offset.value;
  const count = exporting.value ? matches.length : limit.value;
  // Exports default to the identifying field only.
  const selection = fields.value ?? (exporting.value ? new Set(['id']) : null);
  const entities = matches.slice(start, start + count).map((p) => pickFields(p, selection));
  const pagination: JsonObject = { limit: count, offset: start };
  if (total.value) pagination.total = matches.length;
  return { ok: true, value: { entities, pagination } };
}
