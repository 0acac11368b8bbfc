/*
 * The bulk view's filters, as values and labels. A module of their own, without imports: the
 * route validates `?phase=` and `?outcome=` with them before the table's code is loaded.
 */

export const PHASE_FILTERS = [
  ['eligibility', 'Eligibility (WHOIS)'],
  ['approval', 'Owner approval'],
  ['registry', 'Registry'],
  ['active', 'Active'],
  ['other', 'Other'],
] as const;

export const OUTCOME_FILTERS = [
  ['in-progress', 'In progress'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Transfer failed'],
  ['other', 'Other'],
  ['unknown', 'Unknown status'],
  ['no-order', 'No transfer order'],
  ['lookup-failed', 'Lookup failed'],
  ['pending', 'Not looked up yet'],
] as const;

/** Sortable columns of the table: `?sort=changed` ascending, `?sort=-changed` descending. */
export const SORT_COLUMNS = ['domain', 'status', 'phase', 'changed'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const SORT_VALUES = SORT_COLUMNS.flatMap((column) => [column, `-${column}`] as const);
export type SortValue = (typeof SORT_VALUES)[number];
