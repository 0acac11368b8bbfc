import { getJson, type GetOptions } from './http-client.ts';
import { AUDIT_PATH, auditPageSchema, type AuditKind } from '../contract/audit.ts';

/** The parameters of GET /api/audit (see server/routes/audit.ts): dates as ISO-8601 instants. */
export interface AuditQuery {
  user?: string;
  /** Exact, or a prefix ending in `*`. */
  object?: string;
  kind?: AuditKind;
  /** Inclusive bounds. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** One page of the audit trail, newest first (admins only: others get a forbidden ApiError). */
export function fetchAuditPage(query: AuditQuery, options?: GetOptions) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return getJson(`${AUDIT_PATH}?${params}`, auditPageSchema, options);
}
