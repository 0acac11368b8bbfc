/**
 * The development OpenID provider's test users. Public on purpose: they are documented, printed by
 * the console at start and listed on the provider's own sign-in page, so they must never guard
 * real data (the console only uses this provider when both APIs are the sandbox).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const devOidcUserSchema = z.object({
  /** The stable subject identifier (`sub` claim). */
  sub: z.string().min(1),
  email: z.email(),
  password: z.string().min(1),
  name: z.string().min(1),
});
export type DevOidcUser = z.infer<typeof devOidcUserSchema>;

/**
 * alice and bob are at `example.com`; mallory is at `evil.example`, so the console's
 * `AUTH_ALLOWED_DOMAINS=example.com` has someone to refuse. The provider signs all three in.
 */
export const DEV_OIDC_USERS: readonly DevOidcUser[] = z.array(devOidcUserSchema).parse([
  { sub: 'dev-alice', email: 'alice@example.com', password: 'alice', name: 'Alice Example' },
  { sub: 'dev-bob', email: 'bob@example.com', password: 'bob', name: 'Bob Example' },
  { sub: 'dev-mallory', email: 'mallory@evil.example', password: 'mallory', name: 'Mallory' },
]);

/** The OpenID claims of a user, for the scopes `openid email profile`. */
export function devOidcClaims(user: DevOidcUser): {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
} {
  return { sub: user.sub, email: user.email, email_verified: true, name: user.name };
}

export function findDevOidcUserBySub(sub: string): DevOidcUser | undefined {
  return DEV_OIDC_USERS.find((u) => u.sub === sub);
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The user whose e-mail (trimmed, any case) and password match, else undefined. The caller must
 * not say which of the two was wrong.
 */
export function authenticateDevOidcUser(email: string, password: string): DevOidcUser | undefined {
  const wanted = email.trim().toLowerCase();
  const user = DEV_OIDC_USERS.find((u) => u.email === wanted);
  // Compare digests in constant time even for an unknown e-mail, out of habit: it costs nothing.
  const ok = timingSafeEqual(digest(user?.password ?? '\u0000'), digest(password));
  return user && ok ? user : undefined;
}
