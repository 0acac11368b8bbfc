import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook receiver on loopback for tests (server and e2e): it records every request and
 * answers `status` (200 by default), or holds the request unanswered with `hang`. It can be
 * stopped and started again on the same port, like a receiver that is down for a while.
 */
export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  /** The raw body, as sent (the signature is over these bytes). */
  body: Buffer;
  json: Record<string, unknown>;
}

export interface TestReceiver {
  /** e.g. http://127.0.0.1:PORT/hook */
  readonly url: string;
  readonly received: ReceivedHook[];
  status: number;
  hang: boolean;
  /** Resolves once `count` requests have arrived (checked on each arrival). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedHook[]>;
  /** Stops listening (connections refused); held requests are cut. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startTestReceiver(port = 0): Promise<TestReceiver> {
  const received: ReceivedHook[] = [];
  const waiters = new Set<() => void>();
  let server: Server | undefined;
  let boundPort = port;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          } catch {
            // kept as {}: the test sees the raw body
          }
          received.push({ headers: req.headers, body, json });
          for (const waiter of waiters) waiter();
          if (receiver.hang) return;
          res.writeHead(receiver.status, { 'content-type': 'text/plain' }).end('ok');
        });
      });
      s.once('error', reject);
      s.listen(boundPort, '127.0.0.1', () => {
        boundPort = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const receiver: TestReceiver = {
    get url() {
      return `http://127.0.0.1:${boundPort}/hook`;
    },
    received,
    status: 200,
    hang: false,
    waitFor(count, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${received.length} webhook(s) received, waited for ${count}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      const s = server;
      server = undefined;
      if (!s) return Promise.resolve();
      return new Promise((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
    start: listen,
  };
  await listen();
  return receiver;
}
