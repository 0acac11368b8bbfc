import { isApiError } from '../api/api-error.ts';

export interface ErrorContext {
  /** The upstream's human name: "Realtime Register" or "Hostway". */
  api: string;
  /** What the page was looking for, e.g. "process 46069000". */
  subject: string;
  /** What "not found" means for this resource, in the user's words. */
  notFound: string;
}

export interface ErrorDescription {
  title: string;
  explanation: string;
  /** The API's own words, shown as text with its error type. */
  apiMessage?: string;
  errorType?: string;
  /** A maintenance window, when ProviderUnavailable announces one. */
  maintenance?: { start?: string; end?: string };
  /** For answers of the wrong shape: which fields were wrong. */
  issues?: string;
  /** The raw body, to show under the explanation. */
  raw?: unknown;
  /** Show the raw body unfolded: for an unexpected answer it is the only thing to read. */
  openRaw?: boolean;
  canRetry: boolean;
}

/** Turns any thrown value into words for the person at the screen. Pure: easy to test. */
export function describeError(error: unknown, context: ErrorContext): ErrorDescription {
  if (!isApiError(error)) {
    return {
      title: 'Something went wrong',
      explanation: error instanceof Error ? error.message : String(error),
      canRetry: true,
    };
  }
  const { api, subject } = context;
  const fromUpstream = error.source === 'upstream';
  const base = {
    // Only words the API itself sent; a bare status code has nothing to quote.
    apiMessage: fromUpstream && error.errorType ? error.message : undefined,
    errorType: fromUpstream ? error.errorType : undefined,
    raw: fromUpstream ? error.body : undefined,
    canRetry: error.retryable,
  };

  switch (error.kind) {
    case 'not-found':
      return { ...base, title: 'Not found', explanation: context.notFound };
    case 'invalid-input':
      return {
        ...base,
        title: 'Request refused as invalid',
        explanation: fromUpstream
          ? `The ${api} API refused the request for ${subject}.`
          : error.message,
      };
    case 'unauthorized':
      return {
        ...base,
        title: `The console's ${api} credentials were rejected`,
        explanation: `The ${api} API did not accept the credentials configured on the console server (HTTP 401). This is not about your own login: whoever runs the console must check its ${api} credentials.`,
      };
    case 'forbidden':
      return {
        ...base,
        title: `The console's ${api} account may not read this`,
        explanation: `The credentials configured on the console server are valid but not allowed to read ${subject} (HTTP 403). Check the account's permissions on the ${api} side.`,
      };
    case 'rate-limited':
      return {
        ...base,
        title: 'Too many requests',
        explanation: `The ${api} API is limiting how fast the console may ask${
          error.retryAfterMs !== undefined
            ? `; it asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s`
            : ''
        }. The console waited and retried; try again in a moment.`,
      };
    case 'upstream-error': {
      const maintenance = maintenanceWindow(error.body);
      return {
        ...base,
        maintenance,
        title:
          error.errorType === 'ProviderUnavailable'
            ? 'The registry is unavailable'
            : `The ${api} API had a problem`,
        explanation: maintenance
          ? `The registry behind ${subject} is in maintenance. Try again after it ends.`
          : `The ${api} API answered with an error (HTTP ${error.status ?? '?'}) while looking up ${subject}. This is usually temporary.`,
      };
    }
    case 'timeout':
      return {
        ...base,
        title: 'No answer in time',
        explanation:
          error.source === 'console' ? `${error.message} It may be overloaded.` : error.message,
      };
    case 'network':
      return {
        ...base,
        title: error.source === 'console' ? `The ${api} API is unreachable` : 'Connection problem',
        explanation:
          error.source === 'console'
            ? `The console server could not connect to the ${api} API. It may be down, or the server's network may be failing.`
            : 'Your browser could not reach the console server. Check your connection, then retry.',
      };
    case 'bad-response':
      return {
        title: 'Unexpected answer from the API',
        explanation:
          error.issues === undefined
            ? `The ${api} API answered, but not with valid JSON.`
            : `The ${api} API answered, but not in the shape the console expects, so it cannot be shown as usual. The raw answer is below.`,
        issues: error.issues,
        raw: error.body,
        openRaw: true,
        canRetry: true,
      };
  }
}

function maintenanceWindow(body: unknown): ErrorDescription['maintenance'] {
  if (typeof body !== 'object' || body === null) return undefined;
  const { startDate, endDate } = body as Record<string, unknown>;
  if (typeof startDate !== 'string' && typeof endDate !== 'string') return undefined;
  return {
    start: typeof startDate === 'string' ? startDate : undefined,
    end: typeof endDate === 'string' ? endDate : undefined,
  };
}
