import { useSyncExternalStore } from 'react';

/*
 * Whether the console has said this page's session is gone (an API answer 401
 * ConsoleUnauthenticated). Once set it stays set: the way back is signing in, which reloads
 * the page.
 */

let signedOut = false;
const listeners = new Set<() => void>();

export function markSignedOut(): void {
  if (signedOut) return;
  signedOut = true;
  listeners.forEach((listener) => listener());
}

export function isSignedOut(): boolean {
  return signedOut;
}

/** For tests: a fresh page. */
export function resetSignedOut(): void {
  signedOut = false;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignedOut(): boolean {
  return useSyncExternalStore(subscribe, isSignedOut, () => false);
}
