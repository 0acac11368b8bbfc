import type { ProcessListFilter, ProcessListQuery } from '../../../contract/process-list-query.ts';
import { addDays, dayOf, startOfDay } from '../../../lib/zoned-day.ts';

/*
 * The process list's filter form and its URL, which is the API's own query (`status:in=…`,
 * `createdDate:gte=…`). The form is what a person edits; the URL is what is shared and requested.
 * `formFromQuery` and `queryFromForm` translate between them: a form survives the trip through
 * its URL unchanged, and a URL read into the form comes back meaning the same list (filters the
 * form has no field for are kept as they are, in `other`).
 */

/**
 * One end of a date range. `date` is a calendar day in the chosen zone (an `<input type=date>`);
 * `exact` is the link's own value when it is not the start of a day in that zone (a quick
 * filter's "24 hours ago", a colleague's zone): kept as it is until the person picks a date.
 */
export interface DateBound {
  date: string;
  exact?: string;
}
export interface DateRange {
  /** From the start of this day on (`field:gte`). */
  from: DateBound;
  /** Up to and including this day (`field:lt` the start of the next day). */
  to: DateBound;
}

export type IdentifierMatch = 'contains' | 'exact';

export interface ListForm {
  statuses: string[];
  type: string;
  action: string;
  identifier: string;
  identifierMatch: IdentifierMatch;
  created: DateRange;
  updated: DateRange;
  q: string;
  /** Filters of the link the form has no field for: kept, listed, removable. */
  other: ProcessListFilter[];
}

export const DATE_FIELDS = ['createdDate', 'updatedDate'] as const;
type DateField = (typeof DATE_FIELDS)[number];
const RANGE_OF: Record<DateField, 'created' | 'updated'> = {
  createdDate: 'created',
  updatedDate: 'updated',
};

const emptyRange = (): DateRange => ({ from: { date: '' }, to: { date: '' } });

export function emptyForm(): ListForm {
  return {
    statuses: [],
    type: '',
    action: '',
    identifier: '',
    identifierMatch: 'contains',
    created: emptyRange(),
    updated: emptyRange(),
    q: '',
    other: [],
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CONTAINS = /^%([^%]+)%$/;
const single = (value: ProcessListFilter['value']) =>
  typeof value === 'string' ? value : undefined;
const isPlain = (filter: ProcessListFilter) => filter.op === undefined || filter.op === 'eq';

/** The start of the day `bound` names, or of the day after it (`end`). */
function boundFromValue(value: string, zone: string, end: boolean): DateBound {
  if (DATE_ONLY.test(value)) {
    // A bare date is read by the API, not in the chosen zone: keep it as it is.
    return { date: end ? addDays(value, -1) : value, exact: value };
  }
  const day = dayOf(value, zone) ?? '';
  const start = startOfDay(day, zone);
  if (start !== undefined && Date.parse(start) === Date.parse(value)) {
    return { date: end ? addDays(day, -1) : day };
  }
  return { date: day, exact: value };
}

function valueFromBound(bound: DateBound, zone: string, end: boolean): string | undefined {
  if (bound.exact !== undefined) return bound.exact;
  if (bound.date === '') return undefined;
  return startOfDay(end ? addDays(bound.date, 1) : bound.date, zone);
}

/** What the form shows for a (parsed, valid) query, with dates as days in `zone`. */
export function formFromQuery(query: ProcessListQuery, zone: string): ListForm {
  const form = emptyForm();
  const taken = new Set<string>();
  const take = (slot: string) => (taken.has(slot) ? false : (taken.add(slot), true));
  for (const filter of query.filters) {
    const { field, op, value } = filter;
    const text = single(value);
    if (field === 'status' && isPlain(filter) && text !== undefined && take('status')) {
      form.statuses = [text];
    } else if (field === 'status' && op === 'in' && Array.isArray(value) && take('status')) {
      form.statuses = [...value];
    } else if ((field === 'type' || field === 'action') && isPlain(filter) && text !== undefined) {
      if (take(field)) form[field] = text;
      else form.other.push(filter);
    } else if (field === 'identifier' && text !== undefined && take('identifier')) {
      const contains = op === 'like' ? CONTAINS.exec(text) : null;
      if (contains) {
        form.identifier = contains[1] ?? '';
        form.identifierMatch = 'contains';
      } else if (isPlain(filter)) {
        form.identifier = text;
        form.identifierMatch = 'exact';
      } else {
        taken.delete('identifier');
        form.other.push(filter);
      }
    } else if (
      (field === 'createdDate' || field === 'updatedDate') &&
      (op === 'gte' || op === 'lt') &&
      text !== undefined &&
      take(`${field}:${op}`)
    ) {
      const range = form[RANGE_OF[field]];
      if (op === 'gte') range.from = boundFromValue(text, zone, false);
      else range.to = boundFromValue(text, zone, true);
    } else {
      form.other.push(filter);
    }
  }
  if (query.q !== undefined) form.q = query.q;
  return form;
}

/** The filters and free text of a form, in a fixed order. */
export function filtersFromForm(
  form: ListForm,
  zone: string,
): Pick<ProcessListQuery, 'filters' | 'q'> {
  const filters: ProcessListFilter[] = [];
  if (form.statuses.length === 1) filters.push({ field: 'status', value: form.statuses[0] });
  if (form.statuses.length > 1) filters.push({ field: 'status', op: 'in', value: form.statuses });
  const type = form.type.trim();
  if (type) filters.push({ field: 'type', value: type });
  const action = form.action.trim();
  if (action) filters.push({ field: 'action', value: action });
  const identifier = form.identifier.trim();
  if (identifier) {
    filters.push(
      form.identifierMatch === 'contains'
        ? { field: 'identifier', op: 'like', value: `%${identifier}%` }
        : { field: 'identifier', op: 'eq', value: identifier },
    );
  }
  for (const field of DATE_FIELDS) {
    const range = form[RANGE_OF[field]];
    const from = valueFromBound(range.from, zone, false);
    if (from !== undefined) filters.push({ field, op: 'gte', value: from });
    const to = valueFromBound(range.to, zone, true);
    if (to !== undefined) filters.push({ field, op: 'lt', value: to });
  }
  filters.push(...form.other);
  const q = form.q.trim();
  return q ? { filters, q } : { filters };
}

/** The query of an edited form: order and page size stay, the page goes back to the first. */
export function queryFromForm(
  form: ListForm,
  zone: string,
  base: ProcessListQuery,
): ProcessListQuery {
  const { offset: _offset, filters: _filters, q: _q, ...kept } = base;
  return { ...kept, ...filtersFromForm(form, zone) };
}

export type QuickFilterId = 'failed-24h' | 'waiting' | 'running';
export const QUICK_FILTERS: readonly { id: QuickFilterId; label: string }[] = [
  { id: 'failed-24h', label: 'Failed or in doubt, last 24 h' },
  { id: 'waiting', label: 'Waiting for action' },
  { id: 'running', label: 'Running' },
];

/** A quick filter replaces the filters and the text, keeps the order and the page size. */
export function quickFilterQuery(
  id: QuickFilterId,
  base: ProcessListQuery,
  now: Date,
): ProcessListQuery {
  const { order, limit } = base;
  const filters: ProcessListFilter[] =
    id === 'failed-24h'
      ? [
          { field: 'status', op: 'in', value: ['FAILED', 'IN_DOUBT'] },
          {
            field: 'createdDate',
            op: 'gte',
            value: new Date(now.getTime() - 24 * 3_600_000).toISOString(),
          },
        ]
      : [{ field: 'status', value: id === 'waiting' ? 'SUSPENDED' : 'RUNNING' }];
  return { filters, ...(order && { order }), ...(limit !== undefined && { limit }) };
}
