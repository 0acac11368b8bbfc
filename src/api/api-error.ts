export type ApiErrorKind =
  | 'invalid-input'
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'upstream-error'
  | 'network'
  | 'timeout'
  | 'bad-response';

/** Who produced the failure: the upstream API, the console server in front of it, or the browser. */
export type ApiErrorSource = 'upstream' | 'console' | 'browser';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  source: ApiErrorSource;
  message: string;
  status?: number;
  /** Upstream error type (`ObjectDoesNotExist`, `itemNotFound`, …) or console error type. */
  errorType?: string;
  /** Milliseconds to wait before retrying, from Retry-After. */
  retryAfterMs?: number;
  /** The parsed error body, or for bad responses the raw payload, kept for display. */
  body?: unknown;
  /** For bad-response: which fields did not match the expected shape. */
  issues?: string;
  /** The console's id for the request (X-Request-Id), for a person to quote. */
  requestId?: string;
}

/** The one error type the HTTP client throws. It carries facts, never UI text decisions. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly source: ApiErrorSource;
  readonly status?: number;
  readonly errorType?: string;
  readonly retryAfterMs?: number;
  readonly body?: unknown;
  readonly issues?: string;
  readonly requestId?: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.source = init.source;
    this.status = init.status;
    this.errorType = init.errorType;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
    this.issues = init.issues;
    this.requestId = init.requestId;
  }

  /** Whether repeating the same request may succeed: network trouble, 5xx and rate limits. */
  get retryable(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.kind === 'rate-limited' ||
      this.kind === 'upstream-error'
    );
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
