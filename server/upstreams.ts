/*
 * The upstream APIs and their credentials: where each upstream's Authorization header is built
 * and the headers every request to an upstream carries (proxy.ts sends them). The sandbox is an
 * upstream like any other; its credentials come from sandbox/credentials.ts.
 */

/** One upstream API as the console talks to it. */
export interface Upstream {
  /** Human name used in messages, e.g. "Realtime Register API". */
  name: string;
  /** Absolute base URL without a trailing slash. */
  baseUrl: string;
  /** The complete Authorization header value (a secret). */
  authorization: string;
}

/** Realtime Register API: `Authorization: ApiKey <key>`. */
export function rtrUpstream(baseUrl: string, apiKey: string): Upstream {
  return { name: 'Realtime Register API', baseUrl, authorization: `ApiKey ${apiKey}` };
}

/** Hostway API: the configured value is the whole header (e.g. `Basic …`), sent verbatim. */
export function hostwayUpstream(baseUrl: string, authorization: string): Upstream {
  return { name: 'Hostway API', baseUrl, authorization };
}

/**
 * The request headers of every upstream call: its credential, JSON only, and no compression (a
 * compressed body could hide an echoed secret from redaction and a size from the cap).
 */
export function upstreamHeaders(upstream: Upstream): Record<string, string> {
  return {
    authorization: upstream.authorization,
    accept: 'application/json',
    'accept-encoding': 'identity',
  };
}

/** The Authorization values, for the redactor: none of them may ever reach a browser or a log. */
export function upstreamSecrets(upstreams: Iterable<Upstream>): string[] {
  return [...upstreams].map((upstream) => upstream.authorization);
}
