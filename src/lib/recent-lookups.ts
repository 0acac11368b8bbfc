import { useSyncExternalStore } from 'react';
import * as z from 'zod/mini';
import { createLocalStore } from './local-store.ts';

const MAX_RECENT = 10;

const recentLookupSchema = z.union([
  z.object({ kind: z.literal('process'), id: z.int(), at: z.string() }),
  z.object({
    kind: z.literal('transfer'),
    accountNumber: z.string(),
    domainName: z.string(),
    at: z.string(),
  }),
]);
export type RecentLookup = z.infer<typeof recentLookupSchema>;
type NewLookup =
  { kind: 'process'; id: number } | { kind: 'transfer'; accountNumber: string; domainName: string };

const store = createLocalStore('recent-lookups', z.array(recentLookupSchema), []);

function sameTarget(a: NewLookup, b: NewLookup) {
  if (a.kind === 'process' && b.kind === 'process') return a.id === b.id;
  if (a.kind === 'transfer' && b.kind === 'transfer') {
    return a.accountNumber === b.accountNumber && a.domainName === b.domainName;
  }
  return false;
}

/** Most recent first, without duplicates, at most ten. */
export function rememberLookup(lookup: NewLookup, now = new Date()) {
  const rest = store.read().filter((entry) => !sameTarget(entry, lookup));
  store.write([{ ...lookup, at: now.toISOString() }, ...rest].slice(0, MAX_RECENT));
}

export function clearRecentLookups() {
  store.write([]);
}

export function useRecentLookups(): RecentLookup[] {
  return useSyncExternalStore(store.subscribe, store.read, () => []);
}

export function recentLookupPath(entry: RecentLookup): string {
  return entry.kind === 'process'
    ? `/processes/${entry.id}`
    : `/transfers/${encodeURIComponent(entry.accountNumber)}/${entry.domainName}`;
}
