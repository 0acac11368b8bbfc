import * as z from 'zod/mini';

/** `GET /readyz`: 200 when the console can do its work, 503 (same body) when it cannot. */
export const databaseStateSchema = z.enum(['ok', 'read-only', 'missing', 'corrupt']);
export type DatabaseState = z.infer<typeof databaseStateSchema>;

export const readinessSchema = z.object({
  ready: z.boolean(),
  database: z.object({
    state: databaseStateSchema,
    file: z.string(),
    detail: z.optional(z.string()),
  }),
  /** Counters since start (metrics proper come later). */
  counters: z.object({ historyWritesFailed: z.number() }),
});
export type Readiness = z.infer<typeof readinessSchema>;
