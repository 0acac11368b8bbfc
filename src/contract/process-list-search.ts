import type { FilterableProcessField, FilterOp } from './process-list-query.ts';

/*
 * A parsed process-list query and its canonical query string, apart from the parser
 * (process-list-query.ts): pages that only build queries (a domain's processes) need this,
 * not the parser and its messages.
 */

export interface ProcessListFilter {
  field: FilterableProcessField;
  /** Absent for the plain `field=value` form (which means eq). */
  op?: FilterOp;
  /** One value; a list for in / not_in; absent for null / not_null. */
  value?: string | string[];
}

export interface ProcessListQuery {
  limit?: number;
  offset?: number;
  order?: { field: FilterableProcessField; descending: boolean };
  q?: string;
  fields?: string;
  total?: boolean;
  filters: ProcessListFilter[];
}

/**
 * The query string (without `?`) of a parsed query, in a fixed order: filters first (as given),
 * then q, order, offset, limit, total, fields. Keys stay readable (`status:in`), values are
 * percent-encoded, list items joined by a literal comma.
 */
export function processListSearch(query: ProcessListQuery): string {
  const parts: string[] = [];
  const add = (key: string, value: string) => parts.push(`${key}=${encodeURIComponent(value)}`);
  for (const { field, op, value } of query.filters) {
    const key = op === undefined ? field : `${field}:${op}`;
    if (value === undefined) parts.push(`${key}=true`);
    else if (Array.isArray(value)) parts.push(`${key}=${value.map(encodeURIComponent).join(',')}`);
    else add(key, value);
  }
  if (query.q !== undefined) add('q', query.q);
  if (query.order) add('order', `${query.order.descending ? '-' : ''}${query.order.field}`);
  if (query.offset !== undefined) add('offset', String(query.offset));
  if (query.limit !== undefined) add('limit', String(query.limit));
  if (query.total !== undefined) add('total', String(query.total));
  if (query.fields !== undefined) add('fields', query.fields);
  return parts.join('&');
}
