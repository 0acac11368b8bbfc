// Helpers for the server's tests: a real recording upstream and a raw HTTP client.
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppOptions } from './app.ts';
import { createConsoleServer } from './http-server.ts';
import type { LogFields } from './log.ts';
import { limitForward } from './proxy.ts';
import { auditStore, type AuditStore } from './audit-trail.ts';
import { openDatabase } from './database.ts';
import { historyStore, type HistoryStore } from './transfer-history.ts';
import { hostwayUpstream, rtrUpstream } from './upstreams.ts';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RecordingUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Sets how the next requests are answered (default: 200 `{"ok":true}`). */
  respond(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

const defaultHandler: UpstreamHandler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{"ok":true}');
};

/** A tiny node:http server on a free port that records every request it gets. */
export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  const requests: RecordedRequest[] = [];
  let handler = defaultHandler;
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * Sends `path` exactly as given (fetch would normalise `..` and `%2e`), without keep-alive and
 * without compression unless asked. A `body` given as a list of parts is sent chunked, without
 * a Content-Length.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer | Buffer[],
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method, path, headers: { Connection: 'close', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString(),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const part of body) req.write(part);
      req.end();
    } else {
      req.end(body);
    }
  });
}

export interface TestApp {
  url: string;
  port: number;
  logs: string[];
  /** The same lines with their fields (request id, status, user …). */
  entries: ({ line: string } & LogFields)[];
  history: HistoryStore;
  /** The audit trail, on the same database as the history. */
  audit: AuditStore;
  get(path: string, headers?: Record<string, string>): Promise<RawResponse>;
  request(method: string, path: string, headers?: Record<string, string>): Promise<RawResponse>;
  close(): Promise<void>;
}

export const TEST_RTR_KEY = 'rtr-SECRET-key-123';
export const TEST_HOSTWAY_AUTH = 'Bearer hw-SECRET-token-456';

/**
 * createApp served on a free loopback port, with a fresh history and audit trail in a temporary DATA_DIR and the
 * RTR API at `${upstreamUrl}/rtr`, the Hostway API at `${upstreamUrl}/hw`.
 */
export async function startTestApp(
  upstreamUrl: string,
  overrides: Partial<AppOptions> = {},
): Promise<TestApp> {
  const logs: string[] = [];
  const entries: TestApp['entries'] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'console-test-app-'));
  const database = await openDatabase(dataDir);
  const history = historyStore(database);
  const audit = auditStore(database);
  const app = createApp({
    upstreams: {
      rtr: rtrUpstream(`${upstreamUrl}/rtr`, TEST_RTR_KEY),
      hostway: hostwayUpstream(`${upstreamUrl}/hw`, TEST_HOSTWAY_AUTH),
    },
    timeoutMs: 2000,
    staticDir: join(tmpdir(), 'registrar-console-does-not-exist'),
    history,
    audit,
    forward: { rtr: limitForward(8), hostway: limitForward(6) },
    logger: (line, fields) => {
      logs.push(line);
      entries.push({ line, ...fields });
    },
    ...overrides,
  });
  const server = createConsoleServer(app.fetch);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const request = (method: string, path: string, headers?: Record<string, string>) =>
    rawRequest(url, method, path, headers);
  return {
    url,
    port,
    logs,
    entries,
    history,
    audit,
    request,
    get: (path, headers) => request('GET', path, headers),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await history.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The JSON body of `res`; a console error body's requestId is checked against the answer's
 * X-Request-Id (they must be the same) and left out, so that tests compare the rest.
 */
export function jsonWithoutRequestId(res: RawResponse): unknown {
  const body: unknown = JSON.parse(res.text);
  if (body && typeof body === 'object' && 'source' in body && body.source === 'console') {
    const { requestId, ...rest } = body as { requestId?: unknown };
    if (requestId !== res.headers['x-request-id']) {
      throw new Error(
        `requestId ${String(requestId)} is not X-Request-Id ${String(res.headers['x-request-id'])}`,
      );
    }
    return rest;
  }
  return body;
}

/** A fetch handler (a Hono app's) served on a free loopback port, as the console serves its own. */
export async function serveFetch(
  fetch: Parameters<typeof createConsoleServer>[0],
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createConsoleServer(fetch);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The JSON body of a fetch Response. A console error body's requestId must be the answer's
 * X-Request-Id; it is left out, so that tests compare the rest.
 */
export async function fetchedJson(res: Response): Promise<Record<string, unknown>> {
  if (!/^application\/json/.test(res.headers.get('content-type') ?? '')) {
    throw new Error(`not JSON: ${res.headers.get('content-type')}`);
  }
  const body = (await res.json()) as Record<string, unknown>;
  if (body.source === 'console') {
    if (body.requestId !== res.headers.get('x-request-id')) {
      throw new Error(`requestId ${String(body.requestId)} is not the answer's X-Request-Id`);
    }
    delete body.requestId;
  }
  return body;
}
