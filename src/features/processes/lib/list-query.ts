import {
  LIST_OFFSET_MAX,
  type FilterableProcessField,
  type ProcessListQuery,
} from '../../../contract/process-list-query.ts';

/*
 * The process list page's query helpers: what the table asks for, quick filters, sorting and
 * paging. The filter form's mapping is in list-form.ts, loaded with the form.
 */

export const DEFAULT_LIMIT = 25;
/** Only what the table shows: a page of 25 stays a few kilobytes. */
export const TABLE_FIELDS =
  'id,status,type,action,identifier,createdDate,updatedDate,transaction,refund';

/** What is asked of the API for the table: the link's query, the table's fields, a total. */
export function tableRequest(query: ProcessListQuery): ProcessListQuery {
  const { total: _total, fields: _fields, ...rest } = query;
  return { ...rest, limit: query.limit ?? DEFAULT_LIMIT, fields: TABLE_FIELDS };
}

/** Fields whose column header sorts, and which way a first click sorts them. */
export const SORTABLE: Partial<Record<FilterableProcessField, 'ascending' | 'descending'>> = {
  id: 'descending',
  status: 'ascending',
  identifier: 'ascending',
  createdDate: 'descending',
  updatedDate: 'descending',
};

export function sortState(
  query: ProcessListQuery,
  field: FilterableProcessField,
): 'ascending' | 'descending' | 'none' {
  if (query.order?.field !== field) return 'none';
  return query.order.descending ? 'descending' : 'ascending';
}

/** The query after a click on `field`'s header: its first direction, then the other one. */
export function sortedBy(query: ProcessListQuery, field: FilterableProcessField): ProcessListQuery {
  const { offset: _offset, ...rest } = query;
  const current = sortState(query, field);
  const descending =
    current === 'none' ? SORTABLE[field] === 'descending' : current === 'ascending';
  return { ...rest, order: { field, descending } };
}

export interface PageInfo {
  /** 1-based number of the first row shown; 0 for an empty page. */
  first: number;
  last: number;
  total: number | undefined;
  previous: ProcessListQuery | undefined;
  next: ProcessListQuery | undefined;
}

/** Where this page is, and the queries of its neighbours (none beyond the API's offset limit). */
export function pageInfo(
  query: ProcessListQuery,
  rows: number,
  total: number | undefined,
): PageInfo {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.offset ?? 0;
  const withOffset = (value: number): ProcessListQuery => {
    const { offset: _offset, ...rest } = query;
    return value === 0 ? rest : { ...rest, offset: value };
  };
  const more = total === undefined ? rows === limit : offset + rows < total;
  return {
    first: rows === 0 ? 0 : offset + 1,
    last: offset + rows,
    total,
    previous: offset > 0 ? withOffset(Math.max(0, offset - limit)) : undefined,
    next: more && offset + limit <= LIST_OFFSET_MAX ? withOffset(offset + limit) : undefined,
  };
}

/** URL parameters of the page that are not the API's (the time zone choice). */
export const CONSOLE_ONLY_PARAMS = ['tz'] as const;
