/**
 * The sandbox as a Hono app: the Realtime Register processes API under `/rtr`, the Hostway
 * transfer-status API under `/hostway`, and a catalogue page at `/`.
 */
import { Hono, type Context } from 'hono';
import type { SandboxClock } from './clock.ts';
import { ACCOUNT_NUMBER_PATTERN } from '../src/contract/account-number.ts';
import { SANDBOX_HOSTWAY_AUTHORIZATION, SANDBOX_RTR_API_KEY } from './credentials.ts';
import { normaliseDomain } from './domain-name.ts';
import { injectFaults } from './faults.ts';
import {
  listableProcesses,
  processFixtures,
  processNotFound,
  type ProcessFixture,
} from './fixtures/processes.ts';
import type { FixtureContext } from './fixtures/support.ts';
import {
  createLifecycleStarts,
  resolveTransfer,
  transferCatalogue,
  type TransferAnswer,
} from './fixtures/transfers.ts';
import {
  escapeHtml,
  JSON_CONTENT_TYPE,
  jsonResponse,
  pause,
  rawResponse,
  stableGuid,
} from './http.ts';
import { processCatalogue, renderIndexPage } from './index-page.ts';
import { parseFields, pickFields, searchProcesses } from './rtr-query.ts';

export interface SandboxOptions {
  /** The key the RTR API accepts: `Authorization: ApiKey <rtrApiKey>`. */
  rtrApiKey: string;
  /** The exact `Authorization` header value the Hostway API accepts. */
  hostwayAuthorization: string;
  clock: SandboxClock;
  /** Delay added to every API response (not the index page). Default 0. */
  latencyMs?: number;
  /** How long the slow fixtures (504001, slow-registry.com) take. Default 30000. */
  slowDelayMs?: number;
  /** Share (0–1) of API requests answered by an injected fault (faults.ts). Default 0. */
  faultRate?: number;
}

export const DEFAULT_SLOW_DELAY_MS = 30_000;

// RTR's own rule, deliberately wider than the console's (src/contract/process-id.ts): any long,
// signed, so the sandbox answers an id the console would refuse the way the real API does.
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function hostwayFault(
  fault: string,
  code: number,
  message: string,
  opts: { guid?: string; details?: string; headers?: Record<string, string> } = {},
): Response {
  return jsonResponse(
    { [fault]: { guid: opts.guid ?? '', message, code, details: opts.details ?? '' } },
    code,
    opts.headers,
  );
}

const NO_TRANSFER_ORDER = 'No transfer order found for this domain and account number.';

export function createSandboxApp(opts: SandboxOptions): Hono {
  const { clock } = opts;
  const epoch = clock.epoch ?? clock.now();
  const latencyMs = opts.latencyMs ?? 0;
  const slowDelayMs = opts.slowDelayMs ?? DEFAULT_SLOW_DELAY_MS;
  const fixtureContext = (): FixtureContext => ({ now: clock.now(), epoch });
  // Each moving-*.com / failing-*.com pair starts its lifecycle at its first ask, in this
  // instance only: two sandboxes (or a restarted one) never share a lifecycle.
  const lifecycles = createLifecycleStarts();

  const app = new Hono();

  // ---- catalogue --------------------------------------------------------------------------

  app.get('/', (c) => {
    const html = renderIndexPage({
      origin: new URL(c.req.url).origin,
      now: clock.now(),
      epoch,
      rtrApiKey: opts.rtrApiKey === SANDBOX_RTR_API_KEY ? opts.rtrApiKey : null,
      hostwayAuthorization:
        opts.hostwayAuthorization === SANDBOX_HOSTWAY_AUTHORIZATION
          ? opts.hostwayAuthorization
          : null,
    });
    return c.html(html);
  });

  app.get('/catalogue.json', () =>
    jsonResponse({ processes: processCatalogue(), transfers: transferCatalogue }),
  );

  app.get('/healthz', () => jsonResponse({ ok: true }));

  // ---- latency on every API response -------------------------------------------------------

  if (latencyMs > 0) {
    const delay = async (c: Context, next: () => Promise<void>) => {
      await pause(latencyMs, c.req.raw.signal);
      await next();
    };
    app.use('/rtr/*', delay);
    app.use('/hostway/*', delay);
  }

  // ---- injected faults (load tests only) ----------------------------------------------------

  if (opts.faultRate) {
    // One stream for both APIs, so a seeded run is the same whichever API is asked first.
    const faults = injectFaults(opts.faultRate, slowDelayMs);
    app.use('/rtr/*', faults);
    app.use('/hostway/*', faults);
  }

  // ---- Realtime Register: /rtr/v2/processes ------------------------------------------------

  app.use('/rtr/*', async (c, next) => {
    if (c.req.header('Authorization') !== `ApiKey ${opts.rtrApiKey}`) {
      return jsonResponse(
        {
          type: 'AuthenticationError',
          message: 'Authentication failed: missing or invalid API key',
        },
        401,
      );
    }
    await next();
  });

  app.get('/rtr/v2/processes', (c) => {
    const result = searchProcesses(
      listableProcesses(fixtureContext()),
      new URL(c.req.url).searchParams,
    );
    return result.ok ? jsonResponse(result.value) : jsonResponse(result.error, 400);
  });

  app.get('/rtr/v2/processes/:processId', async (c) => {
    const raw = c.req.param('processId');
    if (!/^-?\d{1,20}$/.test(raw) || BigInt(raw) < LONG_MIN || BigInt(raw) > LONG_MAX) {
      return jsonResponse(
        {
          type: 'ValidationError',
          message: `Invalid value for processId: '${raw}' is not an integer`,
          field: 'processId',
          value: raw,
        },
        400,
      );
    }
    const identifier = BigInt(raw).toString();
    const fields = parseFields(c.req.queries('fields') ?? []);
    if (!fields.ok) return jsonResponse(fields.error, 400);

    const fixture: ProcessFixture | undefined = processFixtures.get(Number(identifier));
    if (!fixture || String(Number(identifier)) !== identifier) {
      return jsonResponse(processNotFound(identifier), 400);
    }
    switch (fixture.kind) {
      case 'process':
        if (fixture.json !== undefined && fields.value === null) {
          return rawResponse(fixture.json, 200, { 'Content-Type': JSON_CONTENT_TYPE });
        }
        return jsonResponse(pickFields(fixture.build(fixtureContext()), fields.value));
      case 'slow':
        await pause(slowDelayMs, c.req.raw.signal);
        return jsonResponse(pickFields(fixture.build(fixtureContext()), fields.value));
      case 'error':
        return jsonResponse(fixture.body(fixtureContext()), fixture.status, fixture.headers);
      case 'empty':
        return rawResponse(null, fixture.status);
      case 'raw':
        return rawResponse(fixture.body, fixture.status, { 'Content-Type': fixture.contentType });
    }
  });

  // ---- Hostway: /hostway/accounts/{accountNumber}/domains/transfers/{domainName} -----------

  app.use('/hostway/*', async (c, next) => {
    if (c.req.header('Authorization') !== opts.hostwayAuthorization) {
      return hostwayFault(
        'unauthorized',
        401,
        'This request requires authentication: missing or invalid Authorization header.',
        { guid: stableGuid(`unauthorized ${c.req.path}`) },
      );
    }
    await next();
  });

  app.get('/hostway/accounts/:accountNumber/domains/transfers/:domainName', async (c) => {
    const account = c.req.param('accountNumber');
    const domainName = c.req.param('domainName');
    const guid = stableGuid(`${c.req.path}`);
    if (!ACCOUNT_NUMBER_PATTERN.test(account)) {
      return hostwayFault('badRequest', 400, 'Invalid account number.', {
        guid,
        details: `'${account}' is not a valid account number.`,
      });
    }
    const check = normaliseDomain(domainName);
    if (!check.ok) {
      return hostwayFault('badRequest', 400, 'The domain name is invalid or not registerable.', {
        guid,
        details: check.reason,
      });
    }
    const answer: TransferAnswer = resolveTransfer(
      account,
      check.domain,
      fixtureContext(),
      lifecycles,
    );
    switch (answer.kind) {
      case 'status':
        return jsonResponse(answer.body);
      case 'slow':
        await pause(slowDelayMs, c.req.raw.signal);
        return jsonResponse(answer.body);
      case 'not-found':
        return hostwayFault('itemNotFound', 404, NO_TRANSFER_ORDER);
      case 'fault':
        return hostwayFault(answer.fault, answer.status, answer.message, {
          guid,
          details: answer.details,
          headers: answer.headers,
        });
      case 'raw':
        return rawResponse(answer.body, answer.status, { 'Content-Type': answer.contentType });
    }
  });

  // ---- everything else ----------------------------------------------------------------------

  app.notFound((c) => {
    if (c.req.path.startsWith('/hostway/')) {
      return hostwayFault('itemNotFound', 404, 'Resource not found');
    }
    if (c.req.path.startsWith('/rtr/')) {
      return jsonResponse(
        { type: 'NotFound', message: `No such endpoint: ${c.req.method} ${c.req.path}` },
        404,
      );
    }
    return c.html(
      `<!doctype html><title>Not found</title><p>Nothing at ${escapeHtml(c.req.path)}. See <a href="/">the catalogue</a>.</p>`,
      404,
    );
  });

  app.onError((err, c) => {
    console.error('[sandbox] unexpected error', err);
    if (c.req.path.startsWith('/hostway/')) {
      return hostwayFault('internalServerError', 500, 'Sandbox error.', { details: String(err) });
    }
    return jsonResponse(
      { type: 'InternalSRSError', message: `Sandbox error: ${String(err)}` },
      500,
    );
  });

  return app;
}
