import { hkdfSync } from 'node:crypto';
import { generateCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';

/*
 * What the browser keeps for the console: the session (who signed in, until when) and, during
 * a sign-in, its transaction (state, nonce, PKCE verifier, where to go back to). Both are
 * encrypted JWTs (JWE, `dir` + A256GCM): page scripts cannot read them (httpOnly) and nobody
 * can read or forge them without SESSION_SECRET.
 *
 * Why jose and not iron-session: jose is already here (openid-client is built on it), it runs
 * on Node 20 (iron-session 9 does not; 8 would be one more package), and a JWT carries `exp`,
 * `iat` and `aud` claims that jwtDecrypt checks itself, so the expiry inside the cookie is
 * enforced by the library on every request, not by code of ours. A256GCM authenticates: a
 * changed byte, a cookie sealed with another secret, or one of the other kind fails to open.
 *
 * Each kind has its own key, derived from SESSION_SECRET with HKDF-SHA256 under its own label,
 * and its own audience: a transaction cookie can never be replayed as a session.
 */

const ALG = 'dir';
const ENC = 'A256GCM';
const SESSION_AUDIENCE = 'registrar-console:session';
const TRANSACTION_AUDIENCE = 'registrar-console:sign-in';

function deriveKey(secret: string, label: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'registrar-console', label, 32));
}

const sessionClaims = z.object({
  email: z.string().min(1),
  name: z.string().optional(),
  /** The issuer that vouched for the user: a session from another provider is not one. */
  iss: z.string(),
  exp: z.number(),
});
export type SessionClaims = z.infer<typeof sessionClaims>;

const transactionClaims = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
});
export type SignInTransaction = z.infer<typeof transactionClaims>;

export interface SealerOptions {
  secret: string;
  /** SESSION_MAX_AGE_H in seconds. */
  sessionMaxAgeS: number;
  /** The OIDC issuer sessions are sealed for. */
  issuer: string;
  /** For tests: the clock, in seconds. */
  now?: () => number;
}

/** A sign-in must finish within this time after it left for the provider. */
export const TRANSACTION_MAX_AGE_S = 10 * 60;

export interface CookieSealer {
  sealSession(user: { email: string; name?: string }): Promise<string>;
  /** The session's claims, or undefined when the value is not a live session of ours. */
  openSession(value: string | undefined): Promise<SessionClaims | undefined>;
  sealTransaction(transaction: SignInTransaction): Promise<string>;
  openTransaction(value: string | undefined): Promise<SignInTransaction | undefined>;
}

export function createCookieSealer(options: SealerOptions): CookieSealer {
  const sessionKey = deriveKey(options.secret, 'session cookie v1');
  const transactionKey = deriveKey(options.secret, 'sign-in transaction cookie v1');
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  async function seal(
    claims: Record<string, unknown>,
    key: Uint8Array,
    audience: string,
    maxAgeS: number,
  ): Promise<string> {
    const iat = now();
    return new EncryptJWT(claims)
      .setProtectedHeader({ alg: ALG, enc: ENC })
      .setIssuedAt(iat)
      .setExpirationTime(iat + maxAgeS)
      .setAudience(audience)
      .encrypt(key);
  }

  async function open<T>(
    value: string | undefined,
    key: Uint8Array,
    audience: string,
    schema: z.ZodType<T>,
    issuer?: string,
  ): Promise<T | undefined> {
    // Longer than any cookie we write: not worth decrypting.
    if (!value || value.length > 4096) return undefined;
    try {
      const { payload } = await jwtDecrypt(value, key, {
        audience,
        ...(issuer === undefined ? {} : { issuer }),
        keyManagementAlgorithms: [ALG],
        contentEncryptionAlgorithms: [ENC],
        requiredClaims: ['exp', 'iat'],
        currentDate: new Date(now() * 1000),
      });
      const parsed = schema.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    } catch {
      // Tampered, expired, sealed with another secret, of the other kind, not a JWE at all.
      return undefined;
    }
  }

  return {
    sealSession: (user) =>
      seal(
        { email: user.email, ...(user.name ? { name: user.name } : {}), iss: options.issuer },
        sessionKey,
        SESSION_AUDIENCE,
        options.sessionMaxAgeS,
      ),
    openSession: (value) =>
      open(value, sessionKey, SESSION_AUDIENCE, sessionClaims, options.issuer),
    sealTransaction: (transaction) =>
      seal({ ...transaction }, transactionKey, TRANSACTION_AUDIENCE, TRANSACTION_MAX_AGE_S),
    openTransaction: (value) =>
      open(value, transactionKey, TRANSACTION_AUDIENCE, transactionClaims),
  };
}

/**
 * Browsers keep a cookie of up to 4096 bytes, name, value and attributes together (RFC 6265
 * §6.1); a longer one is dropped without a word.
 */
export const MAX_COOKIE_BYTES = 4096;

/** Where a sign-in goes back to when its own target does not fit the cookie. */
const FALLBACK_RETURN_TO = '/';

/**
 * The Set-Cookie line of a sign-in transaction named `name`. Its return path is the one part of
 * any length: when the cookie would be too long for a browser to keep (the callback would then
 * find no transaction, and the sign-in could never finish), it goes back to `/` instead.
 * Compressing the path would not help where it matters: a long bulk link's list is already
 * deflated (in its fragment).
 */
export async function transactionSetCookie(
  sealer: Pick<CookieSealer, 'sealTransaction'>,
  name: string,
  transaction: SignInTransaction,
  options: CookieOptions,
): Promise<string> {
  const line = generateCookie(name, await sealer.sealTransaction(transaction), options);
  if (line.length <= MAX_COOKIE_BYTES || transaction.returnTo === FALLBACK_RETURN_TO) return line;
  return generateCookie(
    name,
    await sealer.sealTransaction({ ...transaction, returnTo: FALLBACK_RETURN_TO }),
    options,
  );
}
