/*
 * A bulk view's link. A short list stays readable in the query string:
 *   /transfers/acct12345?domains=a.com,b.com
 * A long one (its `domains=` part over LINK_QUERY_MAX_CHARS, encoded) travels in the fragment,
 * which the browser never sends to a server, compressed (deflate-raw, then base64url):
 *   /transfers/acct12345#dz=<base64url>
 * Servers cap request headers near 16 KB (the console's Node server answers 431 beyond it): a
 * 1,500-domain list in the query string did not open. 5,000 names like `bulk-1234.com` compress
 * to about 16 KB of fragment, which no server sees (browsers take URLs of up to 2 MB).
 */

/** Above this many characters of `domains=…` (URL-encoded), the list goes in the fragment. */
export const LINK_QUERY_MAX_CHARS = 1_500;
/** The fragment's name for the compressed list. */
export const FRAGMENT_KEY = 'dz';
/** A list inflating to more than this is refused (5,000 names of 253 characters fit). */
export const FRAGMENT_MAX_BYTES = 2_000_000;

/** The link's path, query and fragment for `entries` (as typed) on `accountNumber`. */
export async function bulkLink(
  accountNumber: string,
  entries: readonly string[],
  extra: URLSearchParams = new URLSearchParams(),
): Promise<string> {
  const list = entries.join(',');
  const query = new URLSearchParams({ domains: list });
  const path = `/transfers/${encodeURIComponent(accountNumber)}`;
  const rest = extra.toString();
  if (query.toString().length <= LINK_QUERY_MAX_CHARS) {
    return `${path}?${query}${rest && `&${rest}`}`;
  }
  // Loaded only for a long list: short links and pages without one never need it.
  const { compressText } = await import('../../lib/compressed-text.ts');
  const encoded = await compressText(list);
  lastMade = { encoded, text: list };
  return `${path}${rest && `?${rest}`}#${FRAGMENT_KEY}=${encoded}`;
}

/** The list behind the last fragment this page made (see knownFragmentList). */
let lastMade: { encoded: string; text: string } | undefined;

/**
 * The entries' text of a fragment this page has just made, without inflating it again: the
 * form goes straight to its own link, and the page shows the list (and starts its lookups) in
 * its first render instead of after a round of decompression and another render.
 */
export function knownFragmentList(encoded: string): string | undefined {
  return lastMade?.encoded === encoded ? lastMade.text : undefined;
}

/**
 * Fetches the compression code before a long list is submitted (the form calls it when a person
 * starts on it), so the submit does not wait for it. A failure is left for bulkLink() to meet.
 */
export function preloadBulkLink(): void {
  import('../../lib/compressed-text.ts').catch(() => undefined);
}

/** The compressed list in a location's hash (`#dz=…`), if there is one. */
export function fragmentList(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(FRAGMENT_KEY) ?? undefined;
}

/** The entries' text (`a.com,b.com`) of a fragment list; throws when it cannot be read. */
export async function readFragmentList(encoded: string): Promise<string> {
  const { decompressText } = await import('../../lib/compressed-text.ts');
  return decompressText(encoded, FRAGMENT_MAX_BYTES);
}
