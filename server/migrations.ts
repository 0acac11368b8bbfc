import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The schema of both databases, one migration per step, run by Kysely's Migrator at start
 * (database.ts): on PostgreSQL inside one transaction under an advisory lock, so consoles starting
 * together do not race. Append, never edit.
 *
 * Steps 1-4 predate Kysely: a SQLite file written then has the tables already and only
 * `PRAGMA user_version` to show it, so they are written with IF NOT EXISTS and replay as no-ops
 * on such a file.
 */

export type Dialect = 'sqlite' | 'postgres';

async function createIndexes(
  db: Kysely<unknown>,
  table: string,
  indexes: Record<string, string[]>,
): Promise<void> {
  for (const [name, columns] of Object.entries(indexes)) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }
}

function migrations(dialect: Dialect): Record<string, Migration> {
  const sqlite = dialect === 'sqlite';
  // SQLite: STRICT tables (a wrong type is an error, as on PostgreSQL).
  const strict = sqlite ? sql`strict` : sql``;
  /** An integer key the database assigns. */
  const serialId = (db: Kysely<unknown>, table: string) =>
    db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('id', 'integer', (col) =>
        sqlite ? col.primaryKey() : col.primaryKey().generatedByDefaultAsIdentity(),
      );

  return {
    '0001-transfer-observation': {
      async up(db) {
        await serialId(db, 'transfer_observation')
          .addColumn('account_number', 'text', (col) => col.notNull())
          .addColumn('domain_name', 'text', (col) => col.notNull())
          .addColumn('status', 'integer', (col) => col.notNull())
          .addColumn('description', 'text', (col) => col.notNull())
          .addColumn('status_change_date', 'text', (col) => col.notNull().defaultTo(''))
          .addColumn('email_address', 'text')
          .addColumn('first_seen_at', 'text', (col) => col.notNull())
          .addColumn('last_seen_at', 'text', (col) => col.notNull())
          .addColumn('seen_count', 'integer', (col) =>
            col
              .notNull()
              .defaultTo(1)
              .check(sql`seen_count >= 1`),
          )
          .addColumn('source', 'text', (col) =>
            col.notNull().check(sql`source IN ('lookup', 'watcher')`),
          )
          .addUniqueConstraint('transfer_observation_key', [
            'account_number',
            'domain_name',
            'status',
            'description',
            'status_change_date',
          ])
          .modifyEnd(strict)
          .execute();
      },
    },
    '0002-audit-event': {
      async up(db) {
        await serialId(db, 'audit_event')
          .addColumn('at', 'text', (col) => col.notNull())
          .addColumn('user_email', 'text', (col) => col.notNull())
          .addColumn('kind', 'text', (col) =>
            col
              .notNull()
              .check(
                sql`kind IN ('process', 'transfer', 'history', 'bulk', 'search', 'watch', 'unwatch')`,
              ),
          )
          .addColumn('object', 'text', (col) => col.notNull())
          .addColumn('upstream_status', 'integer')
          .addColumn('error_type', 'text')
          .addColumn('status', 'integer', (col) => col.notNull())
          .addColumn('request_id', 'text')
          .modifyEnd(strict)
          .execute();
        // The newest-first listing and its user and object filters.
        await createIndexes(db, 'audit_event', {
          audit_event_at: ['at', 'id'],
          audit_event_user_at: ['user_email', 'at', 'id'],
          audit_event_object_at: ['object', 'at', 'id'],
        });
      },
    },
    // A pair without a row is watched by the rules alone (not final, or final for less than
    // WATCH_FINAL_KEEP_H): the table holds only what the observations cannot tell.
    '0003-transfer-watch': {
      async up(db) {
        await db.schema
          .createTable('transfer_watch')
          .ifNotExists()
          .addColumn('account_number', 'text', (col) => col.notNull())
          .addColumn('domain_name', 'text', (col) => col.notNull())
          .addColumn('stop_reason', 'text', (col) =>
            col.check(sql`stop_reason IN ('final', 'not-found', 'person')`),
          )
          .addColumn('stopped_at', 'text')
          .addColumn('stopped_by', 'text')
          .addColumn('watch_from', 'text')
          .addColumn('last_checked_at', 'text')
          .addColumn('not_found_count', 'integer', (col) =>
            col
              .notNull()
              .defaultTo(0)
              .check(sql`not_found_count >= 0`),
          )
          .addPrimaryKeyConstraint('transfer_watch_pkey', ['account_number', 'domain_name'])
          .modifyEnd(sqlite ? sql`strict, without rowid` : sql``)
          .execute();
      },
    },
    // One row per (event, address), written in the transaction that records the observation.
    // `lease_until` keeps a row from being sent twice at once.
    '0004-webhook-delivery': {
      async up(db) {
        await serialId(db, 'webhook_delivery')
          .addColumn('event_id', 'text', (col) => col.notNull())
          .addColumn('target_url', 'text', (col) => col.notNull())
          .addColumn('body', 'text', (col) => col.notNull())
          .addColumn('account_number', 'text', (col) => col.notNull())
          .addColumn('domain_name', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('state', 'text', (col) =>
            col
              .notNull()
              .defaultTo('pending')
              .check(sql`state IN ('pending', 'delivered', 'failed')`),
          )
          .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text')
          .addColumn('lease_until', 'text')
          .addColumn('last_attempt_at', 'text')
          .addColumn('delivered_at', 'text')
          .addColumn('last_error', 'text')
          .addUniqueConstraint('webhook_delivery_key', ['event_id', 'target_url'])
          .modifyEnd(strict)
          .execute();
        await createIndexes(db, 'webhook_delivery', {
          webhook_delivery_due: ['state', 'next_attempt_at'],
          webhook_delivery_created: ['created_at', 'id'],
        });
      },
    },
    // Several consoles on one database: a watcher claims a pair before re-checking it, so each
    // pair is re-checked by one of them.
    '0005-transfer-watch-claim': {
      async up(db) {
        await db.schema.alterTable('transfer_watch').addColumn('claimed_until', 'text').execute();
      },
    },
  };
}

/** How many steps the schema has: a database at a higher step was written by a newer console. */
export const SCHEMA_VERSION = Object.keys(migrations('sqlite')).length;

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations(dialect)) };
}
