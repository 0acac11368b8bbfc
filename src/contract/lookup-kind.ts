/**
 * The SPA's bulk runner sends `X-Console-Lookup: bulk` with each transfer status it asks for, so
 * the audit trail tells a bulk run from single lookups. No other value is accepted. (Its own
 * module: the transfer pages need these two names, not the audit trail's schemas.)
 */
export const LOOKUP_KIND_HEADER = 'X-Console-Lookup';
export const BULK_LOOKUP = 'bulk';
