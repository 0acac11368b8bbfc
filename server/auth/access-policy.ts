import type { ConsoleUser } from '../../src/contract/session.ts';

/**
 * Who may use the console once their identity is known (OIDC or proxy), and who is an admin.
 * All lists are lower-case; empty allow-lists mean everyone the provider or proxy vouches for.
 */
export interface AccessPolicy {
  /** AUTH_ALLOWED_EMAILS. */
  allowedEmails: readonly string[];
  /** AUTH_ALLOWED_DOMAINS: the part after the last `@`, exactly (no sub-domains). */
  allowedDomains: readonly string[];
  /** AUTH_ADMINS: may see the audit trail. */
  admins: readonly string[];
}

/**
 * Whether `email` may use the console: allowed when both lists are empty, or when either list
 * matches. The domain is compared exactly: `example.com` does not admit `evil-example.com` nor
 * `sub.example.com` (list those too when they are meant).
 */
export function isAllowed(policy: AccessPolicy, email: string): boolean {
  const { allowedEmails, allowedDomains } = policy;
  if (allowedEmails.length === 0 && allowedDomains.length === 0) return true;
  const address = email.toLowerCase();
  if (allowedEmails.includes(address)) return true;
  const at = address.lastIndexOf('@');
  return at > 0 && allowedDomains.includes(address.slice(at + 1));
}

/** The user the rest of the console sees. */
export function consoleUser(policy: AccessPolicy, email: string, name?: string): ConsoleUser {
  const address = email.toLowerCase();
  return {
    email: address,
    ...(name ? { name } : {}),
    admin: policy.admins.includes(address),
  };
}
