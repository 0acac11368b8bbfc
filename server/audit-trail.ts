import type { AuditEntry, AuditKind, AuditPage } from '../src/contract/audit.ts';
import type { ConsoleDatabase } from './database.ts';

/**
 * The audit trail: who looked up what, when, and what they got, in the console's database
 * (table audit_event, see database.ts). Behind this small interface so that another database
 * (issue 13: Kysely, PostgreSQL) can take it over without touching its callers.
 */
export interface AuditStore {
  /** Adds one entry. Throws when the database cannot take it (the caller decides what then). */
  record(entry: AuditEntry): void;
  /** The entries matching `filter`, newest first (by time, then by insertion), and their count. */
  query(filter: AuditFilter): AuditPage;
  /** Deletes every entry older than `before`; returns how many. */
  prune(before: Date): number;
}

export interface AuditFilter {
  user?: string;
  /** Exact, or with `prefix: true` every object that starts with it. */
  object?: { value: string; prefix: boolean };
  kind?: AuditKind;
  /** Inclusive lower bound (ISO-8601 UTC, as stored). */
  from?: string;
  /** Exclusive upper bound (ISO-8601 UTC, as stored). */
  before?: string;
  limit: number;
  offset: number;
}

interface AuditRow {
  at: string;
  user_email: string;
  kind: AuditKind;
  object: string;
  upstream_status: number | null;
  error_type: string | null;
  status: number;
  request_id: string | null;
}

interface FilterParams {
  user: string | null;
  object: string | null;
  prefix: number;
  kind: string | null;
  from: string | null;
  before: string | null;
}

// Each filter is off when its parameter is NULL: one statement for every combination.
const WHERE = `WHERE (@user IS NULL OR user_email = @user)
  AND (@object IS NULL OR (CASE WHEN @prefix = 1
        THEN substr(object, 1, length(@object)) = @object
        ELSE object = @object END))
  AND (@kind IS NULL OR kind = @kind)
  AND (@from IS NULL OR at >= @from)
  AND (@before IS NULL OR at < @before)`;

/** The audit trail on the console's database (shares its connection with the history). */
export function auditStore(database: Pick<ConsoleDatabase, 'db' | 'noteWrite'>): AuditStore {
  const { db } = database;
  const insert = db.prepare<[Record<string, unknown>]>(
    `INSERT INTO audit_event (at, user_email, kind, object, upstream_status, error_type, status,
       request_id)
     VALUES (@at, @user, @kind, @object, @upstreamStatus, @errorType, @status, @requestId)`,
  );
  const select = db.prepare<[FilterParams & { limit: number; offset: number }], AuditRow>(
    `SELECT at, user_email, kind, object, upstream_status, error_type, status, request_id
     FROM audit_event ${WHERE}
     ORDER BY at DESC, id DESC
     LIMIT @limit OFFSET @offset`,
  );
  const count = db.prepare<[FilterParams], { n: number }>(
    `SELECT count(*) AS n FROM audit_event ${WHERE}`,
  );
  const remove = db.prepare<[string]>('DELETE FROM audit_event WHERE at < ?');
  // One snapshot for the page and its count: a lookup recorded in between cannot make them
  // disagree.
  const page = db.transaction((params: FilterParams & { limit: number; offset: number }) => ({
    rows: select.all(params),
    total: count.get(params)?.n ?? 0,
  }));

  return {
    record(entry) {
      try {
        insert.run({
          at: entry.at,
          user: entry.user,
          kind: entry.kind,
          object: entry.object,
          upstreamStatus: entry.upstreamStatus ?? null,
          errorType: entry.errorType ?? null,
          status: entry.status,
          requestId: entry.requestId ?? null,
        });
        database.noteWrite();
      } catch (error) {
        database.noteWrite(error);
        throw error;
      }
    },
    query(filter) {
      const { rows, total } = page({
        user: filter.user ?? null,
        object: filter.object?.value ?? null,
        prefix: filter.object?.prefix ? 1 : 0,
        kind: filter.kind ?? null,
        from: filter.from ?? null,
        before: filter.before ?? null,
        limit: filter.limit,
        offset: filter.offset,
      });
      return {
        total,
        entries: rows.map((row) => ({
          at: row.at,
          user: row.user_email,
          kind: row.kind,
          object: row.object,
          ...(row.upstream_status === null ? {} : { upstreamStatus: row.upstream_status }),
          ...(row.error_type === null ? {} : { errorType: row.error_type }),
          status: row.status,
          ...(row.request_id === null ? {} : { requestId: row.request_id }),
        })),
      };
    },
    prune(before) {
      return remove.run(before.toISOString()).changes;
    },
  };
}
