import * as z from 'zod/mini';

/*
 * A process id as the console accepts it in a URL, in the browser and on the server alike: a
 * positive integer in plain decimal digits, at most 2^53 − 1. RTR ids are longs, but the console
 * only handles ids a JSON number carries exactly.
 */

export const PROCESS_ID_PATTERN = /^[1-9]\d{0,15}$/;

export const PROCESS_ID_TOO_LARGE =
  'This number is too large to be a process id (the limit is 2^53 − 1).';

export const processIdParamSchema = z.pipe(
  z.string().check(z.regex(PROCESS_ID_PATTERN, 'A process id is a positive whole number.')),
  z.pipe(
    z.transform((value: string) => Number(value)),
    z.int().check(z.refine(Number.isSafeInteger, PROCESS_ID_TOO_LARGE)),
  ),
);
