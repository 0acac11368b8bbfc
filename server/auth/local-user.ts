import type { ConsoleUser } from '../../src/contract/session.ts';

/**
 * AUTH_MODE=none: the console listens on loopback only (checked at start), so whoever reaches it
 * is the one local operator, who may see everything, the audit trail included.
 */
export const LOCAL_USER: ConsoleUser = { email: 'local', name: 'Local operator', admin: true };
