import { useSyncExternalStore } from 'react';
import * as z from 'zod/mini';
import { createLocalStore } from './local-store.ts';

/** The Hostway account number last used, so staff type it once. */
const store = createLocalStore('account-number', z.string(), '');

export function rememberAccountNumber(accountNumber: string) {
  store.write(accountNumber);
}

/** The remembered account now, outside React (e.g. in code loaded on demand). */
export function readRememberedAccountNumber(): string {
  return store.read();
}

export function useRememberedAccountNumber(): string {
  return useSyncExternalStore(store.subscribe, store.read, () => '');
}
