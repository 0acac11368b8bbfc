/** The standalone sandbox's configuration, read from the environment and validated with zod. */
import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const integer = (min: number, max: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, `must be ${what}`)
      .transform(Number)
      .pipe(z.number().min(min, `must be ${what}`).max(max, `must be ${what}`))
      .optional(),
  );

export const sandboxEnvSchema = z.object({
  SANDBOX_PORT: integer(0, 65535, 'a port number from 0 to 65535').transform((v) => v ?? 8081),
  SANDBOX_HOST: z
    .preprocess(blankToUndefined, z.string().trim().optional())
    .transform((v) => v ?? '127.0.0.1'),
  SANDBOX_TIME_SCALE: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?$/, 'must be a positive number such as 1, 60 or 0.5')
        .transform(Number)
        .pipe(z.number().positive('must be greater than 0'))
        .optional(),
    )
    .transform((v) => v ?? 1),
  SANDBOX_EPOCH: z.preprocess(
    blankToUndefined,
    z
      .union([z.iso.datetime({ offset: true }), z.iso.date()], {
        error: 'must be an ISO-8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T09:00:00Z',
      })
      .transform((v) => new Date(v))
      .optional(),
  ),
  SANDBOX_LATENCY_MS: integer(0, 600_000, 'a whole number of milliseconds (0 or more)').transform(
    (v) => v ?? 0,
  ),
  SANDBOX_SLOW_DELAY_MS: integer(
    0,
    3_600_000,
    'a whole number of milliseconds (0 or more)',
  ).transform((v) => v ?? 30_000),
  SANDBOX_FAULT_RATE: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a share from 0 to 1, e.g. 0.05')
        .transform(Number)
        .optional(),
    )
    .transform((v) => v ?? 0),
});

export type SandboxEnv = z.output<typeof sandboxEnvSchema>;

export type ParsedEnv = { ok: true; env: SandboxEnv } | { ok: false; message: string };

export function parseSandboxEnv(env: Record<string, string | undefined>): ParsedEnv {
  const result = sandboxEnvSchema.safeParse(env);
  if (result.success) return { ok: true, env: result.data };
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  return { ok: false, message: lines.join('\n') };
}
