import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { Redactor } from './redact.ts';

/*
 * The console's log: one line per request and a few diagnostics, as JSON lines (pino) for a log
 * shipper, or readable lines for a person at a terminal. Whatever the format, every line is
 * redacted as written, whole, so no field (a path, a request id, an e-mail) can carry a secret.
 */

export type LogLevel = 'info' | 'warn' | 'error';

/** What a line may say besides its message; JSON lines carry these as fields. */
export interface LogFields {
  level?: LogLevel;
  /** The request the line is about. Added by the app for every line logged while it runs. */
  requestId?: string;
  method?: string;
  /** The raw path, without the query (it may hold what a user typed). */
  path?: string;
  status?: number;
  ms?: number;
  upstreamMs?: number;
  /** The signed-in user's e-mail. */
  user?: string;
  /** The client's address (the forwarded one with TRUST_PROXY=1). */
  client?: string;
  /** How the client reached the console: http or https (X-Forwarded-Proto with TRUST_PROXY=1). */
  scheme?: 'http' | 'https';
}

/** Receives a line (its message) and its fields. Tests pass `(line) => lines.push(line)`. */
export type Logger = (line: string, fields?: LogFields) => void;

export type LogFormat = 'json' | 'pretty';

/**
 * LOG_FORMAT wins (`json` or `pretty`), then NODE_ENV=production means JSON (config.ts folds
 * both into `configured`); otherwise pretty when stdout is a terminal, JSON when it is not (a
 * pipe, a file, systemd's journal: something that parses).
 */
export function resolveLogFormat(configured: LogFormat | undefined, isTTY: boolean): LogFormat {
  return configured ?? (isTTY ? 'pretty' : 'json');
}

// The id of the request being handled, so that every line logged on its behalf carries it,
// whichever module logs it (routes, the history recorder, sign-in).
const requestScope = new AsyncLocalStorage<string>();

/** Runs `fn` as part of the request `id`: lines logged meanwhile carry it. */
export function inRequestScope<T>(id: string, fn: () => T): T {
  return requestScope.run(id, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore();
}

export interface LoggerOptions {
  format: LogFormat;
  /** Applied to every serialized line; must know every secret the console holds. */
  redact: Redactor;
  /** Where lines go (already terminated by a newline). */
  write: (text: string) => void;
  /** Pretty format: colours (a terminal). */
  colorize?: boolean;
}

/** A pino logger writing to `write`, in this thread (no worker: `write` does the batching). */
export function createLogger({ format, redact, write, colorize = false }: LoggerOptions): Logger {
  const pretty =
    format === 'pretty'
      ? prettyFactory({
          colorize,
          translateTime: 'SYS:HH:MM:ss.l',
          // The message says it all; the request id and user are what a reader may quote.
          hideObject: true,
          messageFormat: '{msg}{if requestId} [{requestId}]{end}{if user} {user}{end}',
        })
      : undefined;
  const logger = pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => redact.text(line) },
    },
    { write: pretty ? (line: string) => write(pretty(line)) : write },
  );
  return (line, fields) => {
    if (fields === undefined) return logger.info(line);
    const { level = 'info', ...rest } = fields;
    logger[level](rest, line);
  };
}

/**
 * Lines are gathered and written once per turn of the event loop: one write per request cost
 * about a third of the proxy's throughput under load. `write` must never throw (safeWrite).
 */
export function batchedWriter(write: (text: string) => void): {
  write: (text: string) => void;
  flush: () => void;
} {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    write(text);
  };
  return {
    write(text) {
      if (pending.length === 0) setImmediate(flush);
      pending.push(text);
    },
    flush,
  };
}

/**
 * `logger` for the lines of the app: the message and the fields that hold what a client sent
 * (the path, the user) redacted, so that an injected logger, e.g. a test's, sees them as a log
 * file would; and the id of the request being handled added to each line logged on its behalf.
 * (The request id was checked when it was assigned; the client is an IP address.)
 */
export function appLogger(logger: Logger, redact: Redactor): Logger {
  return (line, fields) => {
    const out: LogFields = { ...fields };
    out.requestId ??= currentRequestId();
    if (out.requestId === undefined) delete out.requestId;
    if (out.path !== undefined) out.path = redact.text(out.path);
    if (out.user !== undefined) out.user = redact.text(out.user);
    logger(redact.text(line), out);
  };
}
