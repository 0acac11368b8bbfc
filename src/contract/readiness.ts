import * as z from 'zod/mini';

/** `GET /healthz`: 200 whenever the process answers at all. */
export const livenessSchema = z.object({ status: z.literal('ok') });
export type Liveness = z.infer<typeof livenessSchema>;

/** `GET /readyz`: 200 when the console can do its work, 503 (same body) when it cannot. */
export const databaseStateSchema = z.enum(['ok', 'read-only', 'missing', 'corrupt']);
export type DatabaseState = z.infer<typeof databaseStateSchema>;

export const readinessSchema = z.object({
  ready: z.boolean(),
  /** When not ready: why, for a person reading the probe's answer. */
  reason: z.optional(z.string()),
  database: z.object({
    state: databaseStateSchema,
    file: z.string(),
    detail: z.optional(z.string()),
  }),
  /** Counters since start (the full set is at /metrics). */
  counters: z.object({ historyWritesFailed: z.number() }),
});
export type Readiness = z.infer<typeof readinessSchema>;
