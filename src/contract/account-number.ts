import * as z from 'zod/mini';

/** Hostway account numbers: letters, digits, dash and underscore (e.g. `acct12345`). */
export const ACCOUNT_NUMBER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const accountNumberSchema = z
  .string()
  .check(
    z.regex(
      ACCOUNT_NUMBER_PATTERN,
      'An account number has 1–64 letters, digits, dashes or underscores.',
    ),
  );
