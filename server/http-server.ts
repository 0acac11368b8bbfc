import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { ConsoleErrorBody } from '../src/contract/console-error.ts';
import { REQUEST_ID_HEADER } from '../src/contract/session.ts';
import { API_SECURITY_HEADERS } from './security-headers.ts';

type Fetch = Parameters<typeof getRequestListener>[0];

/*
 * The HTTP server around the app. Requests Node or the adapter cannot make sense of (malformed
 * request line, headers too large, a Host that is not a host) never reach the app; they are
 * answered here, as console error bodies with the same security headers as every API answer.
 */

/*
 * These requests never reached the app, so their id is made here (an incoming one cannot be
 * read from a request that could not be parsed), answered like every other one.
 */
function errorBody(status: number, requestId: string): string {
  const message =
    status === 431
      ? 'The request headers are too large.'
      : status === 408
        ? 'The request took too long to arrive.'
        : status === 413
          ? 'The request is too large.'
          : 'The request is not valid HTTP (or its Host header is not a host name).';
  const body: ConsoleErrorBody = {
    type: 'ConsoleInvalidInput',
    message,
    source: 'console',
    requestId,
  };
  return JSON.stringify(body);
}

/** The response for the adapter's own failures (e.g. "Invalid host header"): 400. */
export function requestErrorResponse(): Response {
  const requestId = randomUUID();
  return new Response(errorBody(400, requestId), {
    status: 400,
    headers: {
      ...API_SECURITY_HEADERS,
      [REQUEST_ID_HEADER]: requestId,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}

/** Node's `clientError` answers (400, 408, 413, 431), with the security headers. */
export function onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const started = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || started?.headersSent) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? 413
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
  const requestId = randomUUID();
  const body = errorBody(status, requestId);
  const headers = {
    ...API_SECURITY_HEADERS,
    [REQUEST_ID_HEADER]: requestId,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
}

/** A node:http server for `fetch` (the Hono app), not yet listening. */
export function createConsoleServer(fetch: Fetch): Server {
  // Without Host, Node would answer a bare 400 itself; the adapter's refusal has our headers.
  const server = createServer(
    { requireHostHeader: false },
    getRequestListener(fetch, { errorHandler: requestErrorResponse }),
  );
  server.on('clientError', onClientError);
  return server;
}
