import * as z from 'zod/mini';
import { OUTCOME_FILTERS, PHASE_FILTERS } from '../../features/transfers/bulk-rows.ts';

/*
 * The search params each route reads, as zod schemas. Every field catches its own failure:
 * a hand-edited or truncated URL falls back to the default for that field instead of failing
 * the page. (`tz` is read the same way by useTimeZone, which the toggle, the Copy link button
 * and the error panel share: see lib/use-time-zone.ts.)
 */

const optionalText = (max: number) =>
  z.catch(z.optional(z.string().check(z.minLength(1), z.maxLength(max))), undefined);

const values = <T extends readonly (readonly [string, string])[]>(options: T) =>
  options.map(([value]) => value) as unknown as [T[number][0], ...T[number][0][]];

export const transferSearchSchema = z.object({
  /** What was asked for before the redirect to the registrable domain. */
  from: optionalText(1_000),
});
export type TransferSearch = z.infer<typeof transferSearchSchema>;

export const bulkSearchSchema = z.object({
  /** The entries as typed, comma-separated; the page checks them. */
  domains: z.catch(z._default(z.string(), ''), ''),
  phase: z.catch(z.optional(z.enum(values(PHASE_FILTERS))), undefined),
  outcome: z.catch(z.optional(z.enum(values(OUTCOME_FILTERS))), undefined),
});
export type BulkSearch = z.infer<typeof bulkSearchSchema>;

/** The first value of each param, parsed; never throws (every field has a fallback). */
export function readSearch<T extends z.ZodMiniObject>(
  schema: T,
  params: URLSearchParams,
): z.infer<T> {
  const first: Record<string, string> = {};
  for (const [key, value] of params) first[key] ??= value;
  return schema.parse(first) as z.infer<T>;
}
