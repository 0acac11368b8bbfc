import * as z from 'zod/mini';

/**
 * The `fields` query parameter of a process lookup (`?fields=id,status`), the only query
 * parameter the console passes on to the Realtime Register API.
 */
export const FIELDS_PARAM_MAX_LENGTH = 1000;
export const FIELDS_PARAM_PATTERN = /^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$/;

export const fieldsParamSchema = z
  .string()
  .check(z.maxLength(FIELDS_PARAM_MAX_LENGTH), z.regex(FIELDS_PARAM_PATTERN));
