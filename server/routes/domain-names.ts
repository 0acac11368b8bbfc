import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  DOMAIN_CHECK_MAX_BODY_BYTES,
  DOMAIN_CHECK_MAX_NAMES,
  domainCheckRequestSchema,
  type DomainCheckResponse,
} from '../../src/contract/domain-check.ts';
import type { ConsoleError } from '../console-error.ts';
import type { Redactor } from '../redact.ts';
import { checkDomainName } from '../domain-name.ts';
import { readJsonBody } from './json-body.ts';

const EXAMPLE = `Send {"names": ["example.com", …]} with 1 to ${DOMAIN_CHECK_MAX_NAMES} names.`;

/**
 * `POST /api/domain-names`: what people typed or pasted, turned into registrable domains with
 * the public suffix list the server holds (the browser does not download it). Answered here:
 * it never reaches an upstream or the database.
 */
export function domainNamesRoute(consoleError: ConsoleError, redact: Redactor) {
  const limit = bodyLimit({
    maxSize: DOMAIN_CHECK_MAX_BODY_BYTES,
    onError: (c) =>
      consoleError(
        c,
        413,
        'ConsolePayloadTooLarge',
        `The request body is larger than ${DOMAIN_CHECK_MAX_BODY_BYTES / 1_000_000} MB: send the names in smaller batches.`,
      ),
  });

  const check = async (c: Context) => {
    const read = await readJsonBody(c, domainCheckRequestSchema, consoleError, EXAMPLE);
    if (!read.ok) return read.refused;
    const body: DomainCheckResponse = { results: read.body.names.map(checkDomainName) };
    // The answer repeats what was sent; like every answer, it never carries a credential.
    return c.body(redact.text(JSON.stringify(body)), 200, { 'Content-Type': 'application/json' });
  };

  return async (c: Context): Promise<Response> => {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      return consoleError(
        c,
        415,
        'ConsoleUnsupportedMediaType',
        `The request body must be JSON, sent with Content-Type: application/json (got ${mediaType ? JSON.stringify(mediaType) : 'none'}).`,
      );
    }
    let answer: Response | undefined;
    const limited = await limit(c, async () => {
      answer = await check(c);
    });
    return limited ?? answer!;
  };
}
