import { z } from 'zod';

/**
 * The file npm run db:export writes and npm run db:import reads: NDJSON, a header line, then one
 * line per row. Rows are the tables' own columns, as JSON values (integers as numbers).
 */
export const EXPORT_FORMAT = 'registrar-console-export/1';

/** What is exported, in an order that import can insert in, with each table's unique key. */
export const EXPORTED_TABLES = [
  { table: 'transfer_observation', key: ['id'], serial: true },
  { table: 'transfer_watch', key: ['account_number', 'domain_name'], serial: false },
  { table: 'webhook_delivery', key: ['id'], serial: true },
  { table: 'audit_event', key: ['id'], serial: true },
] as const;

export type ExportedTable = (typeof EXPORTED_TABLES)[number]['table'];
const tableNames = EXPORTED_TABLES.map(({ table }) => table) as [ExportedTable, ...ExportedTable[]];

export const exportHeaderSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  schemaVersion: z.number().int().nonnegative(),
  exportedAt: z.iso.datetime(),
  from: z.enum(['sqlite', 'postgres']),
  rows: z.record(z.enum(tableNames), z.number().int().nonnegative()),
});
export type ExportHeader = z.infer<typeof exportHeaderSchema>;

export const exportLineSchema = z.strictObject({
  table: z.enum(tableNames),
  row: z.record(z.string().regex(/^[a-z_]+$/), z.union([z.string(), z.number(), z.null()])),
});
export type ExportLine = z.infer<typeof exportLineSchema>;
