/*
 * Where the browser goes after sign-in: `?returnTo=` comes from a link anyone can craft, so it
 * must be a path of the console itself or the console becomes an open redirect. Browsers read
 * `//host`, `/\host`, `/<tab>/host` as another site, and some decode `%2F`/`%5C` along the way,
 * so every decoding of the value is checked, and the URL parser's own reading of it too.
 */

/** Longer targets are not deep links of the console (they would not fit a cookie either). */
export const MAX_RETURN_TO_LENGTH = 2048;

const FALLBACK = '/';
// Raw: printable ASCII without space and backslash (a browser sends a path percent-encoded).
const RAW_SAFE = /^\/[\x21-\x5b\x5d-\x7e]*$/;
// A second slash or backslash after the first, possibly behind characters browsers drop.
// eslint-disable-next-line no-control-regex
const SCHEME_RELATIVE = /^[\s\x00-\x1f\x7f]*[/\\][\s\x00-\x1f\x7f]*[/\\]/;
const BASE = 'http://console.invalid';

/** Every decoding of `value` down to a fixed point; undefined if one fails or it never ends. */
function decodings(value: string): string[] | undefined {
  const out = [value];
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return out;
    out.push(next);
    current = next;
  }
  return undefined;
}

function passes(value: string): boolean {
  if (value.length > MAX_RETURN_TO_LENGTH || !RAW_SAFE.test(value)) return false;
  const decoded = decodings(value);
  return !!decoded && decoded.every((form) => !SCHEME_RELATIVE.test(form));
}

/**
 * A same-origin path (with its query) to redirect to, or `/` when `value` is anything else.
 * The result always starts with exactly one `/` followed by neither `/` nor `\`.
 */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || !passes(value)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  // The parser resolves dot segments: `/.//host` and `/%2e%2e//host` become `//host`.
  const target = `${url.pathname}${url.search}`;
  if (!passes(target)) return FALLBACK;
  // Sign-in's own pages are no destination: back to them would loop.
  if (/^\/auth(?:\/|$)/i.test(url.pathname)) return FALLBACK;
  return target;
}
