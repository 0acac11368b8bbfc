/** One upstream API as the console talks to it. */
export interface Upstream {
  /** Human name used in messages, e.g. "Realtime Register API". */
  name: string;
  /** Absolute base URL without a trailing slash. */
  baseUrl: string;
  /** The complete Authorization header value (a secret). */
  authorization: string;
}

export type ForwardResult =
  | {
      kind: 'response';
      status: number;
      /** Only the headers the console passes on (content-type, retry-after). */
      headers: Record<string, string>;
      body: Uint8Array;
      durationMs: number;
    }
  | { kind: 'timeout'; durationMs: number }
  | { kind: 'unreachable'; summary: string; detail: string; durationMs: number };

const PASSED_HEADERS = ['content-type', 'retry-after'] as const;

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  UND_ERR_SOCKET: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/**
 * GETs `upstream.baseUrl + pathAndQuery` with the upstream's credentials and reads the whole
 * body, all within `timeoutMs`. Never throws for network trouble: it classifies it instead.
 */
export async function forward(
  upstream: Upstream,
  pathAndQuery: string,
  timeoutMs: number,
): Promise<ForwardResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(upstream.baseUrl + pathAndQuery, {
      method: 'GET',
      headers: { Authorization: upstream.authorization, Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = new Uint8Array(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { kind: 'response', status: res.status, headers, body, durationMs: elapsed() };
  } catch (error) {
    if (isTimeout(error)) return { kind: 'timeout', durationMs: elapsed() };
    return { kind: 'unreachable', ...describeNetworkError(error), durationMs: elapsed() };
  }
}

function isTimeout(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * `summary` is safe to show to a browser ("connection refused"); `detail` adds the error's own
 * text (which may name the host, never a credential) for the server log.
 */
export function describeNetworkError(error: unknown): { summary: string; detail: string } {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  // Happy-eyeballs failures arrive as an AggregateError whose parts carry the code.
  const code =
    (cause as { code?: unknown } | undefined)?.code ??
    (cause as { errors?: { code?: unknown }[] } | undefined)?.errors?.[0]?.code;
  const known = typeof code === 'string' ? UNREACHABLE_CODES[code] : undefined;
  const text = cause instanceof Error ? cause.message : String(cause);
  return {
    summary: known ?? 'network error',
    detail: typeof code === 'string' ? `${code}: ${text}` : text,
  };
}
