// @vitest-environment node
// Properties of what the console lets through, over any input (fast-check, fixed seed): the
// raw-path matcher and the validators never throw, and nothing outside the allow-list is ever
// forwarded; domain normalisation is idempotent and yields only names the validator accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProcessListQuery, processListSearch } from '../src/contract/process-list-query.ts';
import { checkDomainName } from './domain-name.ts';
import { matchApiRoute, upstreamRequest } from './routes/api.ts';
import {
  validateAccount,
  validateDomain,
  validateFields,
  validateProcessId,
} from './validation.ts';

const SEED = 20_240_502;
const RUNS = 10_000;
const options = { numRuns: RUNS, seed: SEED };

// What may leave the console, and nothing else: exactly these shapes.
const RTR_TARGET =
  /^\/v2\/processes\/[1-9][0-9]{0,15}(?:\?fields=[A-Za-z][A-Za-z0-9]*(?:,[A-Za-z][A-Za-z0-9]*)*)?$/;
const HOSTWAY_TARGET = /^\/accounts\/[A-Za-z0-9_-]{1,64}\/domains\/transfers\/([a-z0-9.-]{1,253})$/;

/** Segments an attacker would try, and anything at all. */
const segment = fc.oneof(
  fc.constantFrom(
    'api',
    'rtr',
    'v2',
    'processes',
    'hostway',
    'accounts',
    'domains',
    'transfers',
    'history',
    'domain-names',
    '',
    '.',
    '..',
    '%2e',
    '%2E%2e',
    '.%2e',
    '%2f',
    '%2F',
    '%5c',
    '\\',
    '%00',
    '46069000',
    '0',
    '01',
    '1e3',
    '-1',
    '9007199254740993',
    'acct12345',
    'test.com',
    'TEST.com',
    'www.test.com',
    'co.uk',
    'xn--bcher-kva.com',
    'b%C3%BCcher.com',
    'a%2fb',
    'test.com%00',
    'test.com?x',
    'test.com#x',
    '%20',
    '~',
    '*',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.stringMatching(/^[a-z0-9.%-]{1,20}$/),
);
const rawPath = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 9 }))
  .map(([api, parts]) => `/${(api ? ['api', ...parts] : parts).join('/')}`);
const allowedPrefix = fc
  .tuple(
    fc.constantFrom(
      '/api/rtr/v2/processes/',
      '/api/hostway/accounts/acct12345/domains/transfers/',
      '/api/hostway/accounts/',
      '/api/transfers/acct12345/',
    ),
    fc.array(segment, { minLength: 1, maxLength: 3 }),
  )
  .map(([prefix, parts]) => prefix + parts.join('/'));
// The process list itself, with and without odd endings.
const listPath = fc.constantFrom(
  '/api/rtr/v2/processes',
  '/api/rtr/v2/processes/',
  '/api/rtr/v2/processes%2F',
  '/api/rtr/v2//processes',
);
const query = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'fields',
          'limit',
          'q',
          'Fields',
          'fields[]',
          'status',
          'status:in',
          'order',
          'offset',
          'createdDate:gte',
          'identifier:like',
          'export',
        ),
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom('FAILED', 'FAILED,IN_DOUBT', '2026-11-01', '-createdDate', '25', '%a%'),
        ),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
);

describe('the raw-path matcher and the validators', () => {
  it(`never throw and never forward anything outside the allow-list (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.oneof(rawPath, allowedPrefix, listPath), query, (path, search) => {
        const route = matchApiRoute(path);
        if (!route || (route.api !== 'rtr' && route.api !== 'rtr-list' && route.api !== 'hostway'))
          return;
        const request = upstreamRequest(route, new URLSearchParams(search));
        if ('invalid' in request) {
          expect(request.invalid).toEqual(expect.any(String));
          return;
        }
        if (route.api === 'rtr-list') {
          // Only the list path, with a query the contract's parser accepts as it is.
          expect(path).toBe('/api/rtr/v2/processes');
          expect(request.target).toMatch(/^\/v2\/processes(?:\?[^#\s]*)?$/);
          const sent = new URLSearchParams(request.target.split('?')[1] ?? '');
          const reread = parseProcessListQuery(sent);
          expect(reread.ok && processListSearch(reread.query)).toBe(
            sent.size ? request.target.split('?')[1] : '',
          );
        } else if (request.api === 'rtr') {
          expect(request.target).toMatch(RTR_TARGET);
          expect(path).toBe(`/api/rtr/v2/processes/${request.target.slice(14).split('?')[0]}`);
        } else {
          const domain = HOSTWAY_TARGET.exec(request.target)?.[1];
          expect(domain).toBeDefined();
          expect(validateDomain(domain ?? '')).toBeUndefined();
          expect(path).toBe(`/api/hostway${request.target}`);
        }
      }),
      options,
    );
  });

  it(`validators answer a message or nothing for any string (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        query,
        (value, search) => {
          for (const validate of [validateProcessId, validateAccount, validateDomain]) {
            const answer = validate(value);
            expect(answer === undefined || typeof answer === 'string').toBe(true);
          }
          const fields = validateFields(new URLSearchParams(search));
          expect(fields === undefined || typeof fields === 'string').toBe(true);
        },
      ),
      options,
    );
  });

  it('a forwarded process id is exactly a positive safe integer in plain digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (id) => {
        if (validateProcessId(id) !== undefined) return;
        expect(id).toMatch(/^[1-9][0-9]*$/);
        expect(Number.isSafeInteger(Number(id))).toBe(true);
      }),
      options,
    );
  });
});

/** What people paste: names in any case and script, URLs, sub-domains, ports, dots. */
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/),
  fc.constantFrom(
    'Bücher',
    'ÉCOLE',
    'пример',
    '例え',
    'xn--bcher-kva',
    'www',
    'WWW',
    'a_b',
    '-x',
    'x-',
  ),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const suffix = fc.constantFrom(
  'com',
  'COM',
  'co.uk',
  'de',
  'blogspot.com',
  'xn--p1ai',
  'рф',
  'invalidtld',
  'uk',
  '',
);
const pasted = fc.oneof(
  fc.string(),
  fc
    .tuple(
      fc.constantFrom('', 'https://', 'http://user@', 'HTTP://', 'ftp://'),
      fc.array(label, { minLength: 0, maxLength: 3 }),
      suffix,
      fc.constantFrom('', '.', ':8080', '/path?q=1', '#x', ' ', '..'),
    )
    .map(([scheme, labels, tld, tail]) => `${scheme}${[...labels, tld].join('.')}${tail}`),
);

describe('domain normalisation (server/domain-name.ts)', () => {
  it(`is idempotent, and its output passes validateDomain or it refuses (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(pasted, (input) => {
        const first = checkDomainName(input);
        if (!first.ok) {
          expect(first.reason).toEqual(expect.any(String));
          return;
        }
        expect(validateDomain(first.ascii)).toBeUndefined();
        const again = checkDomainName(first.ascii);
        expect(again).toMatchObject({ ok: true, ascii: first.ascii, corrected: false });
        const fromUnicode = checkDomainName(first.unicode);
        expect(fromUnicode).toMatchObject({ ok: true, ascii: first.ascii });
      }),
      options,
    );
  });
});
