import type { AuditEntry, AuditKind, AuditPage } from '../src/contract/audit.ts';
import { sql } from 'kysely';
import { reportedWrite, type ConsoleDatabase } from './database.ts';

/**
 * The audit trail: who looked up what, when, and what they got, in the console's database
 * (table audit_event, see database-schema.ts), SQLite or PostgreSQL.
 */
export interface AuditStore {
  /** Adds one entry. Throws when the database cannot take it (the caller decides what then). */
  record(entry: AuditEntry): Promise<void>;
  /** The entries matching `filter`, newest first (by time, then by insertion), and their count. */
  query(filter: AuditFilter): Promise<AuditPage>;
  /** Deletes every entry older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
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

/** The audit trail on the console's database (shared with the other stores). */
export function auditStore(
  database: Pick<ConsoleDatabase, 'kysely' | 'noteWrite' | 'snapshot'>,
): AuditStore {
  const { kysely } = database;
  const matching = (db: typeof kysely, filter: AuditFilter) =>
    db
      .selectFrom('audit_event')
      .$if(filter.user !== undefined, (qb) => qb.where('user_email', '=', filter.user ?? ''))
      .$if(filter.object !== undefined, (qb) => {
        const { value, prefix } = filter.object ?? { value: '', prefix: false };
        // A prefix compared as text, not with LIKE: `%` and `_` in the object mean themselves.
        return prefix
          ? qb.where(sql<string>`substr(object, 1, ${value.length})`, '=', value)
          : qb.where('object', '=', value);
      })
      .$if(filter.kind !== undefined, (qb) => qb.where('kind', '=', filter.kind ?? 'process'))
      .$if(filter.from !== undefined, (qb) => qb.where('at', '>=', filter.from ?? ''))
      .$if(filter.before !== undefined, (qb) => qb.where('at', '<', filter.before ?? ''));

  return {
    async record(entry) {
      await reportedWrite(database, () =>
        kysely
          .insertInto('audit_event')
          .values({
            at: entry.at,
            user_email: entry.user,
            kind: entry.kind,
            object: entry.object,
            upstream_status: entry.upstreamStatus ?? null,
            error_type: entry.errorType ?? null,
            status: entry.status,
            request_id: entry.requestId ?? null,
          })
          .execute(),
      );
    },
    async query(filter) {
      // One snapshot for the page and its count: a lookup recorded in between cannot make them
      // disagree.
      const { rows, total } = await database.snapshot(async (trx) => ({
        rows: await matching(trx, filter)
          .select([
            'at',
            'user_email',
            'kind',
            'object',
            'upstream_status',
            'error_type',
            'status',
            'request_id',
          ])
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        total: Number(
          (
            await matching(trx, filter)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n ?? 0,
        ),
      }));
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
    async prune(before) {
      const result = await kysely
        .deleteFrom('audit_event')
        .where('at', '<', before.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
