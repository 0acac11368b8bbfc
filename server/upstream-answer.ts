/*
 * What of an upstream answer may reach the browser: only JSON. Whatever the upstream sends (a
 * login page, a script, a gzip stream, half a document, a status HTTP does not have), the browser
 * gets either valid UTF-8 JSON labelled `application/json; charset=utf-8`, or a console error
 * saying what was wrong. With nosniff and the API's sandbox CSP, no answer can run as a script or
 * a document in the console's origin.
 */

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface UpstreamAnswer {
  status: number;
  /** Lower-case names: at least content-type, content-encoding and retry-after when sent. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export type Verdict =
  | { ok: true; status: number; retryAfter: string | undefined }
  /** `problem` completes "The <API> answered …". */
  | { ok: false; problem: string; upstreamStatus: number };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Whether the answer may be relayed, and if not, what was wrong with it. */
export function judgeUpstreamAnswer(answer: UpstreamAnswer): Verdict {
  const { status, headers, body } = answer;
  const refuse = (problem: string): Verdict => ({ ok: false, problem, upstreamStatus: status });
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return refuse(`with HTTP status ${status}, which is not a status it may answer with`);
  }
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return refuse(
      `${describe(encoding)}-encoded, although the console asked for an uncompressed answer`,
    );
  }
  const contentType = headers['content-type'];
  if (contentType === undefined || contentType.trim() === '') {
    return refuse(
      body.length === 0 ? `HTTP ${status} with no body, not JSON` : 'without a Content-Type',
    );
  }
  const [media = '', ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (!/^application\/(?:[a-z0-9.+-]+\+)?json$/.test(media)) {
    return refuse(`${describe(media)}, not JSON`);
  }
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && !/^"?utf-8"?$/.test(charset)) {
    return refuse(`JSON in ${describe(charset)}, not UTF-8`);
  }
  if (body.length === 0) return refuse(`HTTP ${status} with an empty body, not JSON`);
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return refuse('bytes that are not valid UTF-8');
  }
  try {
    JSON.parse(text);
  } catch {
    return refuse('invalid JSON');
  }
  return { ok: true, status, retryAfter: validRetryAfter(headers['retry-after']) };
}

/** How much of a refused answer the console error body quotes, in characters. */
export const EXCERPT_MAX_CHARS = 2000;

/**
 * The start of a refused answer, as text, so a person can see what the upstream sent (a gateway
 * page, half a document). `body` must already be redacted. None for an encoded body: its bytes
 * are not its text, and redaction cannot see inside them.
 */
export function upstreamExcerpt(answer: UpstreamAnswer): string | undefined {
  const encoding = answer.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return undefined;
  // A UTF-8 character is at most 4 bytes: never decode more of a 5 MB body than can be quoted.
  const head = answer.body.subarray(0, EXCERPT_MAX_CHARS * 4);
  const text = [...new TextDecoder('utf-8').decode(head)].slice(0, EXCERPT_MAX_CHARS).join('');
  return text.trim() === '' ? undefined : text;
}

/** delta-seconds or an IMF-fixdate, as HTTP defines Retry-After; anything else is dropped. */
export function validRetryAfter(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d{1,9}$/.test(v)) return v;
  if (/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) {
    return Number.isNaN(Date.parse(v)) ? undefined : v;
  }
  return undefined;
}

/** Seconds until a valid Retry-After value, at least 0; undefined when there is none. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  const v = validRetryAfter(value);
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  return Math.max(0, Math.ceil((Date.parse(v) - now) / 1000));
}

/** An upstream-chosen token, safe and short enough to quote in a message. */
function describe(value: string): string {
  const clean = value.replace(/[^a-z0-9.+/_-]/gi, '?').slice(0, 60);
  return clean || '(empty)';
}
