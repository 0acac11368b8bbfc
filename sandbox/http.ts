/** Response helpers shared by the simulated APIs. */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
  });
}

export function rawResponse(
  body: string | null,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, { status, headers });
}

/**
 * Wait `ms`, or less if the client goes away (`signal` aborts). Never rejects, and never keeps
 * the process alive on its own, so closing the sandbox is prompt even with slow requests pending.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return;
  try {
    await sleep(ms, undefined, { signal, ref: false });
  } catch {
    // Aborted: the client disconnected. Whatever is answered now goes nowhere.
  }
}

/** A GUID-shaped string derived from `seed`: stable across runs, different per request path. */
export function stableGuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/** Escape text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
