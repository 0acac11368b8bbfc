/*
 * Keeps the upstream credentials out of everything the console sends or writes: bodies, headers,
 * log lines. An upstream may echo a credential in many forms (a login page quoting the header, an
 * error body JSON-escaping it, a URL percent-encoding it, a debug field base64-encoding it), so
 * the redactor matches what a body DECODES to, not only its bytes: every character of a secret
 * may appear as itself in any case, JSON-escaped (`\/`, `\u00XX`, also nested `\\u00XX`) or
 * percent-encoded (`%XX`, also `%25XX`), and base64 forms of the secret are secrets too.
 */

export interface Redactor {
  text(value: string): string;
  /** Returns `value` itself (the same bytes) when there is nothing to redact. */
  bytes(value: Uint8Array): Uint8Array<ArrayBuffer>;
}

/** Shorter credentials are refused by the configuration: they would match ordinary text. */
export const MIN_SECRET_LENGTH = 8;
const REPLACEMENT = Buffer.from('[redacted]');
const MAX_PASSES = 3;

/**
 * What must never be shown, given an Authorization header value: the value, the credential after
 * the scheme, and for Basic the decoded `user:password` and its parts (those long enough to
 * redact safely: a short user name is not a secret).
 */
export function secretsOf(authorization: string): string[] {
  const out = new Set<string>([authorization]);
  const match = /^([A-Za-z][A-Za-z0-9_-]*)\s+(\S.*)$/.exec(authorization);
  const credential = match?.[2];
  if (credential) {
    out.add(credential);
    if (match[1]?.toLowerCase() === 'basic') {
      const pair = decodeBasic(credential);
      if (pair) {
        out.add(`${pair.user}:${pair.password}`);
        out.add(pair.user);
        out.add(pair.password);
      }
    }
  }
  return [...out].filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/** The `user:password` in a Basic credential, when it is one. */
export function decodeBasic(credential: string): { user: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credential)) return undefined;
  const decoded = Buffer.from(credential, 'base64');
  if (decoded.toString('base64').replace(/=+$/, '') !== credential.replace(/=+$/, '')) {
    return undefined;
  }
  const text = decoded.toString('latin1');
  const colon = text.indexOf(':');
  if (colon === -1 || !/^[\x20-\x7e]*$/.test(text)) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * The base64 text (standard and URL-safe alphabets) that encodes `secret` wherever it sits in
 * the encoded data: for each of the 3 alignments, the characters that depend on the secret's
 * bytes only. (Edges that mix in neighbouring bytes can reveal at most a few bits.)
 */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'latin1');
  const n = bytes.length;
  // The secret encoded on its own, padding included, is redacted whole.
  const whole = bytes.toString('base64');
  const forms = new Set<string>([whole, bytes.toString('base64url')]);
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes, Buffer.alloc(2)]).toString('base64');
    const stable = encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + n)) / 6));
    forms.add(stable);
    forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((s) => s.length >= MIN_SECRET_LENGTH);
}

const lower = (byte: number) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte);
const PERCENT = 0x25;
const BACKSLASH = 0x5c;

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const l = lower(byte);
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}
function hex2(hay: Uint8Array, at: number): number {
  const hi = hexValue(hay[at]);
  const lo = hexValue(hay[at + 1]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}
function hex4(hay: Uint8Array, at: number): number {
  const hi = hex2(hay, at);
  const lo = hex2(hay, at + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 256 + lo;
}

/**
 * Every way one character (lower-cased) can be read at `at`: as itself, `%XX` (behind any number
 * of `%25`), or a JSON escape behind any number of backslashes. Calls `emit(char, end)`.
 */
function readUnits(hay: Uint8Array, at: number, emit: (char: number, end: number) => void): void {
  const first = hay[at];
  if (first === undefined) return;
  emit(lower(first), at + 1);
  if (first === PERCENT) {
    for (let q = at + 1; ; q += 2) {
      const value = hex2(hay, q);
      if (value < 0) break;
      emit(lower(value), q + 2);
      if (value !== PERCENT) break;
    }
  } else if (first === BACKSLASH) {
    let run = 0;
    while (hay[at + run] === BACKSLASH) run++;
    for (let r = 2; r <= run; r *= 2) emit(BACKSLASH, at + r);
    for (let r = 1; r <= run; r++) {
      const next = at + r;
      const escaped = hay[next];
      if (escaped === 0x2f || escaped === 0x22) emit(escaped, next + 1);
      if (escaped === 0x75 /* u */) {
        const code = hex4(hay, next + 1);
        if (code >= 0 && code < 0x80) emit(lower(code), next + 5);
      }
    }
  }
}

/** The end of the longest encoded occurrence of `needle` (lower-case) starting at `at`, or -1. */
function matchAt(hay: Uint8Array, at: number, needle: Uint8Array): number {
  // Fast path: plain bytes have one reading only; escapes send the match to the general case.
  for (let j = 0; ; j++) {
    if (j === needle.length) return at + j;
    const byte = hay[at + j];
    if (byte === undefined) return -1;
    if (byte === PERCENT || byte === BACKSLASH) break;
    if (lower(byte) !== needle[j]) return -1;
  }
  let positions = new Set<number>([at]);
  for (const want of needle) {
    const next = new Set<number>();
    for (const p of positions) {
      readUnits(hay, p, (char, end) => {
        if (char === want) next.add(end);
      });
    }
    if (next.size === 0) return -1;
    positions = next;
  }
  return Math.max(...positions);
}

/** Replaces every occurrence, in any of the forms above, of each of `secrets` with "[redacted]". */
export function makeRedactor(authorizations: string[]): Redactor {
  const secrets = new Set<string>();
  for (const auth of authorizations) {
    if (!auth) continue;
    for (const secret of secretsOf(auth)) {
      secrets.add(secret);
      for (const form of base64Forms(secret)) secrets.add(form);
    }
  }
  const needles = [...secrets].map((s) => Buffer.from(s.toLowerCase(), 'latin1'));
  // Needles by their first character (lower-case).
  const byFirst: Uint8Array[][] = Array.from({ length: 256 }, () => []);
  for (const needle of needles) byFirst[needle[0] ?? 0]?.push(needle);

  const pass = (hay: Uint8Array): Uint8Array | undefined => {
    const ranges: [number, number][] = [];
    for (let at = 0; at < hay.length; at++) {
      const byte = hay[at] ?? 0;
      let end = -1;
      if (byte === PERCENT || byte === BACKSLASH) {
        // Whatever the escape here decodes to picks the needles to try.
        const firsts = new Set<number>();
        readUnits(hay, at, (char) => firsts.add(char));
        for (const first of firsts) {
          for (const needle of byFirst[first] ?? []) end = Math.max(end, matchAt(hay, at, needle));
        }
      } else {
        const candidates = byFirst[lower(byte)];
        if (!candidates || candidates.length === 0) continue;
        for (const needle of candidates) end = Math.max(end, matchAt(hay, at, needle));
      }
      if (end < 0) continue;
      const last = ranges.at(-1);
      if (last && at <= last[1]) last[1] = Math.max(last[1], end);
      else ranges.push([at, end]);
    }
    if (ranges.length === 0) return undefined;
    const parts: Uint8Array[] = [];
    let from = 0;
    for (const [start, end] of ranges) {
      parts.push(hay.subarray(from, start), REPLACEMENT);
      from = end;
    }
    parts.push(hay.subarray(from));
    return Buffer.concat(parts);
  };
  const redactBytes = (value: Uint8Array): Uint8Array | undefined => {
    if (needles.length === 0) return undefined;
    let out: Uint8Array | undefined;
    // "[redacted]" next to what is left could, in theory, form a secret again.
    for (let i = 0; i < MAX_PASSES; i++) {
      const next = pass(out ?? value);
      if (!next) break;
      out = next;
    }
    return out;
  };

  return {
    text(value) {
      const out = redactBytes(Buffer.from(value, 'utf8'));
      return out ? Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf8') : value;
    },
    bytes(value) {
      const out = redactBytes(value) ?? value;
      return out.buffer instanceof ArrayBuffer
        ? (out as Uint8Array<ArrayBuffer>)
        : new Uint8Array(out);
    },
  };
}
