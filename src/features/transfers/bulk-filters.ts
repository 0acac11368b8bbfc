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
