import * as z from 'zod/mini';

/*
 * The search params each route reads: one zod schema per param. Each param is parsed on its
 * own, and one that fails reads as absent: a hand-edited or truncated URL falls back to the
 * default for that param instead of failing the page. (`tz` is read with its schema by
 * useTimeZone, which the toggle, the Copy link button and the error panel share: see
 * lib/use-time-zone.ts.)
 */

export type SearchShape = Record<string, z.ZodMiniType>;
export type SearchOf<S extends SearchShape> = { [K in keyof S]?: z.output<S[K]> };

/** The first value of each param in `shape`, parsed; absent when missing or invalid. */
export function readSearch<S extends SearchShape>(shape: S, params: URLSearchParams): SearchOf<S> {
  const search: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const value = params.get(key);
    if (value === null) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) search[key] = parsed.data;
  }
  return search as SearchOf<S>;
}
