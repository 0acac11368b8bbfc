// @vitest-environment node
// Redaction, as properties: every form an upstream can echo a credential in is gone, and what
// holds no credential comes out byte for byte as it went in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Forms, decodeBasic, makeRedactor, secretsOf } from './redact.ts';

/** Fixed: a failure is reproduced by running the test again. */
const SEED = 20_240_501;
const RUNS = 10_000;

const printable = (min: number, max: number, exclude = '') =>
  fc
    .array(
      fc.integer({ min: 0x21, max: 0x7e }).filter((c) => !exclude.includes(String.fromCharCode(c))),
      { minLength: min, maxLength: max },
    )
    .map((codes) => String.fromCharCode(...codes));

/** An Authorization header the configuration accepts, and the secrets in it. */
const authorization = fc.oneof(
  printable(8, 40).map((key) => `ApiKey ${key}`),
  printable(8, 60).map((token) => `Bearer ${token}`),
  fc
    .tuple(printable(1, 20, ':'), printable(8, 30))
    .map(([user, password]) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`),
);

const hex = (n: number, upper: boolean) => {
  const h = n.toString(16).padStart(2, '0');
  return upper ? h.toUpperCase() : h;
};

/** How an upstream may echo a string; `flags` pick characters and hex case. */
type Encoding = (s: string, flags: boolean[]) => string;
const flag = (flags: boolean[], i: number) => flags[i % Math.max(1, flags.length)] ?? false;
const ENCODINGS: Record<string, Encoding> = {
  identity: (s) => s,
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  mixedCase: (s, f) =>
    [...s].map((c, i) => (flag(f, i) ? c.toUpperCase() : c.toLowerCase())).join(''),
  json: (s) => JSON.stringify(s).slice(1, -1),
  jsonSlashes: (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  jsonUnicodeSome: (s, f) =>
    [...s]
      .map((c, i) =>
        flag(f, i)
          ? `\\u00${hex(c.charCodeAt(0), flag(f, i + 1))}`
          : JSON.stringify(c).slice(1, -1),
      )
      .join(''),
  jsonUnicodeAll: (s, f) =>
    [...s].map((c, i) => `\\u00${hex(c.charCodeAt(0), flag(f, i))}`).join(''),
  jsonTwice: (s) => JSON.stringify(JSON.stringify(s)).slice(1, -1),
  percentAll: (s, f) => [...s].map((c, i) => `%${hex(c.charCodeAt(0), flag(f, i))}`).join(''),
  percentUri: (s) => encodeURIComponent(s),
  percentTwice: (s) => encodeURIComponent(encodeURIComponent(s)),
  percentSome: (s, f) =>
    [...s].map((c, i) => (flag(f, i) ? `%${hex(c.charCodeAt(0), true)}` : c)).join(''),
  base64: (s) => Buffer.from(s).toString('base64'),
  base64NoPadding: (s) => Buffer.from(s).toString('base64').replace(/=+$/, ''),
  base64Url: (s) => Buffer.from(s).toString('base64url'),
  base64InJson: (s) => JSON.stringify(Buffer.from(s).toString('base64')).replace(/\//g, '\\/'),
  base64Percent: (s) => encodeURIComponent(Buffer.from(s).toString('base64')),
};

/** Something an upstream might wrap around an echo (never a letter run that could extend it). */
const filler = fc.string({ maxLength: 40, unit: fc.constantFrom(...' {}[]":,0123456789\n\t<>é☃') });

describe('makeRedactor (property-based)', () => {
  it(`removes every encoded form of every secret, wherever it is echoed (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        authorization,
        fc.constantFrom(...Object.keys(ENCODINGS)),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
        fc.nat(),
        filler,
        filler,
        fc.boolean(),
        fc.constantFrom('', 'debug=', 'prefix-bytes:'),
        (auth, encodingName, flags, pick, before, after, inBase64Blob, blobPrefix) => {
          const secrets = secretsOf(auth);
          const secret = secrets[pick % secrets.length] ?? auth;
          const encode = ENCODINGS[encodingName] ?? ((s: string) => s);
          // Either the encoded secret itself, or the secret base64-encoded inside a larger blob.
          const echoed = inBase64Blob
            ? Buffer.from(`${blobPrefix}${secret}"}`).toString('base64')
            : encode(secret, flags);
          const body = `${before}${echoed}${after}`;
          const redactor = makeRedactor([auth]);

          const bytes = Buffer.from(redactor.bytes(Buffer.from(body))).toString('utf8');
          const text = redactor.text(body);
          expect(text).toBe(bytes);
          for (const out of [bytes, text]) {
            expect(out).not.toContain(echoed);
            expect(out.toLowerCase()).not.toContain(secret.toLowerCase());
            expect(out).toContain('[redacted]');
            expect(out.startsWith(before.slice(0, 1))).toBe(true);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`passes bodies without a secret through byte-identical (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        authorization,
        fc.oneof(
          fc.json().map((j) => Buffer.from(j)),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
        ),
        (auth, body) => {
          const forms = secretsOf(auth).flatMap((s) => [s, ...base64Forms(s)]);
          const lower = body.toString('latin1').toLowerCase();
          fc.pre(forms.every((f) => !lower.includes(f.toLowerCase())));
          const out = makeRedactor([auth]).bytes(body);
          expect(Buffer.from(out).equals(body)).toBe(true);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('makeRedactor (examples)', () => {
  const key = 'Ab/cd+ef"gh%41';
  const redactor = makeRedactor([`ApiKey ${key}`]);

  it.each([
    ['plain', key],
    ['upper case', key.toUpperCase()],
    ['JSON-escaped', JSON.stringify(key).slice(1, -1).replace('/', '\\/')],
    ['\\u00XX everywhere', [...key].map((c) => `\\u00${hex(c.charCodeAt(0), true)}`).join('')],
    ['percent-encoded', encodeURIComponent(key)],
    ['base64', Buffer.from(key).toString('base64')],
    ['base64 of the header', Buffer.from(`ApiKey ${key}`).toString('base64')],
    ['base64url', Buffer.from(key).toString('base64url')],
  ])('redacts the %s form', (_what, form) => {
    const out = redactor.text(`{"message":"bad key ${form} given"}`);
    expect(out).toBe('{"message":"bad key [redacted] given"}');
  });

  it('covers a Basic credential, its user:password and the password alone', () => {
    const pair = 'reseller-7:correct horse battery';
    const auth = `Basic ${Buffer.from(pair).toString('base64')}`;
    expect(secretsOf(auth)).toEqual([
      auth,
      Buffer.from(pair).toString('base64'),
      pair,
      'reseller-7',
      'correct horse battery',
    ]);
    const r = makeRedactor([auth]);
    expect(r.text('user reseller-7, password CORRECT HORSE BATTERY')).toBe(
      'user [redacted], password [redacted]',
    );
    expect(decodeBasic('not base64!')).toBeUndefined();
    expect(decodeBasic(Buffer.from('no colon').toString('base64'))).toBeUndefined();
  });

  it('leaves a short Basic user name alone: it is not a secret and would match ordinary text', () => {
    const auth = `Basic ${Buffer.from('api:long-enough-password').toString('base64')}`;
    expect(makeRedactor([auth]).text('{"api":1}')).toBe('{"api":1}');
  });

  it('does not corrupt digits next to an unrelated number (the one-character-key bug)', () => {
    const body = '{"id":46069000,"amount":1469}';
    expect(makeRedactor(['ApiKey 12345678']).text(body)).toBe(body);
  });

  it('returns the same bytes when there is nothing to redact', () => {
    const body = Buffer.from('{"ok":true}');
    expect(makeRedactor([`ApiKey ${key}`]).bytes(body)).toBe(body);
  });
});
