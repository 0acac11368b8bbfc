/**
 * Standalone sandbox: `npm run sandbox`. Configuration (all optional):
 *   SANDBOX_PORT (8081), SANDBOX_HOST (127.0.0.1), SANDBOX_TIME_SCALE (1), SANDBOX_EPOCH (now),
 *   SANDBOX_LATENCY_MS (0), SANDBOX_SLOW_DELAY_MS (30000)
 */
import { createClock } from './clock.ts';
import { parseSandboxEnv } from './config.ts';
import { SANDBOX_HOSTWAY_AUTHORIZATION, SANDBOX_RTR_API_KEY, startSandbox } from './server.ts';

const parsed = parseSandboxEnv(process.env);
if (!parsed.ok) {
  console.error(`Invalid sandbox configuration:\n${parsed.message}`);
  process.exit(1);
}
const { env } = parsed;

const clock = createClock({ epoch: env.SANDBOX_EPOCH, scale: env.SANDBOX_TIME_SCALE });

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
try {
  sandbox = await startSandbox({
    port: env.SANDBOX_PORT,
    host: env.SANDBOX_HOST,
    clock,
    latencyMs: env.SANDBOX_LATENCY_MS,
    slowDelayMs: env.SANDBOX_SLOW_DELAY_MS,
    faultRate: env.SANDBOX_FAULT_RATE,
  });
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  console.error(
    `Could not start the sandbox on ${env.SANDBOX_HOST}:${env.SANDBOX_PORT}: ${reason}`,
  );
  process.exit(1);
}

const rtrAuth = `Authorization: ApiKey ${SANDBOX_RTR_API_KEY}`;
const hostwayAuth = `Authorization: ${SANDBOX_HOSTWAY_AUTHORIZATION}`;
console.log(`Registrar Console sandbox listening on ${sandbox.url}
  catalogue:          ${sandbox.url}/
  Realtime Register:  ${sandbox.rtrUrl}
  Hostway:            ${sandbox.hostwayUrl}
  clock:              epoch ${clock.epoch?.toISOString()}, ×${env.SANDBOX_TIME_SCALE}${
    env.SANDBOX_LATENCY_MS > 0 ? `, latency ${env.SANDBOX_LATENCY_MS} ms` : ''
  }

Point the console at it:
  RTR_API_URL=${sandbox.rtrUrl} RTR_API_KEY=${SANDBOX_RTR_API_KEY}
  HOSTWAY_API_URL=${sandbox.hostwayUrl} HOSTWAY_AUTHORIZATION='${SANDBOX_HOSTWAY_AUTHORIZATION}'

Try:
  curl -H '${rtrAuth}' ${sandbox.rtrUrl}/v2/processes/1000004
  curl -H '${rtrAuth}' '${sandbox.rtrUrl}/v2/processes/1000016?fields=status,statusDetail'
  curl -H '${hostwayAuth}' ${sandbox.hostwayUrl}/accounts/acct12345/domains/transfers/test.com
  curl -H '${hostwayAuth}' ${sandbox.hostwayUrl}/accounts/acct12345/domains/transfers/moving-1.com
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  });
}
