import type { Context } from 'hono';
import {
  DOMAIN_CHECK_MAX_BODY_BYTES,
  DOMAIN_CHECK_MAX_NAMES,
  domainCheckRequestSchema,
  type DomainCheckResponse,
} from '../../src/contract/domain-check.ts';
import type { ConsoleError } from '../console-error.ts';
import type { Redactor } from '../redact.ts';
import { checkDomainName } from '../domain-name.ts';
import { jsonBodyReader } from './json-body.ts';

const EXAMPLE = `Send {"names": ["example.com", …]} with 1 to ${DOMAIN_CHECK_MAX_NAMES} names.`;

/**
 * `POST /api/domain-names`: what people typed or pasted, turned into registrable domains with
 * the public suffix list the server holds (the browser does not download it). Answered here:
 * it never reaches an upstream or the database.
 */
export function domainNamesRoute(consoleError: ConsoleError, redact: Redactor) {
  const readBody = jsonBodyReader({
    schema: domainCheckRequestSchema,
    maxBytes: DOMAIN_CHECK_MAX_BODY_BYTES,
    example: EXAMPLE,
    consoleError,
  });

  return async (c: Context): Promise<Response> => {
    const read = await readBody(c);
    if (!read.ok) return read.refused;
    const body: DomainCheckResponse = { results: read.body.names.map(checkDomainName) };
    // The answer repeats what was sent; like every answer, it never carries a credential.
    return c.body(redact.text(JSON.stringify(body)), 200, { 'Content-Type': 'application/json' });
  };
}
