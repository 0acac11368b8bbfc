import * as z from 'zod/mini';

/*
 * `POST /api/domain-names`: the console server turns what people typed or pasted into the
 * registrable domains the transfer API expects, with the public suffix list it already holds,
 * so the browser never downloads that list (about 110 KB gzip).
 *
 * One result per name, in the order asked; duplicates are left to the caller.
 */

export const DOMAIN_CHECK_PATH = '/api/domain-names';
/** The request body's size limit (413 above it): room for 10,000 names of usual length. */
export const DOMAIN_CHECK_MAX_BODY_BYTES = 1_000_000;
export const DOMAIN_CHECK_MAX_NAMES = 10_000;
export const DOMAIN_CHECK_MAX_NAME_LENGTH = 1_000;

/**
 * A pasted list of names as a request carries it: 1 to `max` strings of a sane length (what
 * each must be is checked per name, so one bad entry never refuses the rest).
 */
export const pastedNamesSchema = (max: number, tooMany: string) =>
  z
    .array(
      z
        .string({ error: 'must be a string' })
        .check(
          z.maxLength(
            DOMAIN_CHECK_MAX_NAME_LENGTH,
            `must be at most ${DOMAIN_CHECK_MAX_NAME_LENGTH} characters`,
          ),
        ),
      { error: 'must be a list of strings' },
    )
    .check(z.minLength(1, 'must hold at least one name'), z.maxLength(max, tooMany));

export const domainCheckRequestSchema = z.object(
  {
    names: pastedNamesSchema(
      DOMAIN_CHECK_MAX_NAMES,
      `must hold at most ${DOMAIN_CHECK_MAX_NAMES} names`,
    ),
  },
  { error: 'must be an object' },
);
export type DomainCheckRequest = z.infer<typeof domainCheckRequestSchema>;

export const checkedDomainSchema = z.object({
  ok: z.literal(true),
  /** The entry as typed (trimmed), for "showing example.com for www.example.com". */
  input: z.string(),
  /** Registrable domain in ASCII (A-label) form: what the transfer API is asked about. */
  ascii: z.string(),
  /** The same domain for people: IDNs in Unicode. */
  unicode: z.string(),
  /** True when the input was cut back or cleaned up to get here (URL, www., sub-domain). */
  corrected: z.boolean(),
});
export type CheckedDomain = z.infer<typeof checkedDomainSchema>;

export const refusedDomainSchema = z.object({
  ok: z.literal(false),
  input: z.string(),
  /** Why it is not a domain the console can look up, in words for people. */
  reason: z.string(),
});

// A plain union rather than discriminatedUnion: the same answers, and about 0.8 KB less zod in
// the shared chunk every page loads.
export const domainCheckSchema = z.union([checkedDomainSchema, refusedDomainSchema]);
export type DomainCheck = z.infer<typeof domainCheckSchema>;

export const domainCheckResponseSchema = z.object({ results: z.array(domainCheckSchema) });
export type DomainCheckResponse = z.infer<typeof domainCheckResponseSchema>;
