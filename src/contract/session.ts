import * as z from 'zod/mini';

/**
 * `GET /api/session`: who the console thinks is asking, for the header's name and sign-out.
 * Never carries a token or anything of the cookie: page scripts cannot read the session itself.
 */
export const authModeSchema = z.enum(['none', 'oidc', 'proxy']);
export type AuthMode = z.infer<typeof authModeSchema>;

export const consoleUserSchema = z.object({
  /** The e-mail address (OIDC `email` claim, or the proxy header's value). */
  email: z.string(),
  /** A display name when the provider gives one. */
  name: z.optional(z.string()),
  /** Listed in AUTH_ADMINS (or AUTH_MODE=none, where the one local operator is the admin). */
  admin: z.boolean(),
});
export type ConsoleUser = z.infer<typeof consoleUserSchema>;

export const sessionInfoSchema = z.object({
  mode: authModeSchema,
  user: consoleUserSchema,
  /** Whether a sign-out button makes sense (oidc only: a proxy signs out on its own). */
  canSignOut: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** Where the SPA asks who is signed in. */
export const SESSION_PATH = '/api/session';
/** Where a browser goes to sign in; `?returnTo=` a same-origin path. */
export const SIGN_IN_PATH = '/auth/login';
/** POST (with an Origin of the console's own) ends the session. */
export const SIGN_OUT_PATH = '/auth/logout';
/** The header every answer carries: the id to quote ("Reference: …"). */
export const REQUEST_ID_HEADER = 'X-Request-Id';
