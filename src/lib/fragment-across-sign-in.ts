/*
 * A page's fragment (`#money`, a bulk list's `#dz=…`) kept across a sign-in. The sign-in's
 * return path holds only the path and query: a browser never sends the fragment to a server,
 * and a compressed list of thousands of domains would not fit the sign-in cookie. So the tab
 * keeps it (sessionStorage survives the trip to the provider and back) and the app puts it
 * back when it starts on the same path and query without a fragment.
 */

const KEY = 'console:fragment-across-sign-in';
/** A sign-in takes minutes at most; a kept fragment older than this is someone else's trip. */
const KEPT_FOR_MS = 30 * 60 * 1000;

interface Kept {
  target: string;
  hash: string;
  at: number;
}

/** Keeps `hash` for when the app next starts on `target` (a path with its query). */
export function keepFragmentForSignIn(target: string, hash: string, now = Date.now()): void {
  if (!hash.startsWith('#') || hash.length < 2) return;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ target, hash, at: now } satisfies Kept));
  } catch {
    // Storage full or denied: sign-in still works, the page comes back without its fragment.
  }
}

/** The fragment kept for `target`, once (it is forgotten as it is read). */
export function takeKeptFragment(target: string, now = Date.now()): string | undefined {
  let kept: Partial<Kept> | undefined;
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw === null) return undefined;
    sessionStorage.removeItem(KEY);
    kept = JSON.parse(raw) as Partial<Kept>;
  } catch {
    return undefined;
  }
  const fresh = typeof kept?.at === 'number' && now - kept.at >= 0 && now - kept.at < KEPT_FOR_MS;
  const hash = kept?.hash;
  if (!fresh || kept?.target !== target || typeof hash !== 'string' || !hash.startsWith('#')) {
    return undefined;
  }
  return hash;
}

/**
 * At start, before the router reads the URL: a page that came back from sign-in without its
 * fragment gets it back (replacing the history entry, so Back does not return to the bare URL).
 */
export function restoreFragmentAfterSignIn(): void {
  const { pathname, search, hash } = window.location;
  if (hash) return;
  const kept = takeKeptFragment(`${pathname}${search}`);
  if (kept) window.history.replaceState(window.history.state, '', `${pathname}${search}${kept}`);
}
