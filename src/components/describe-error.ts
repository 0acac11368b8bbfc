import { isApiError, type ApiError } from '../api/api-error.ts';

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
  /** What this API's documentation says about the failure, shown under the explanation. */
  note?: string;
  /** The API's own words, shown as text with its error type. */
  apiMessage?: string;
  /** Who said apiMessage, when not the upstream API: "The console server said". */
  speaker?: string;
  errorType?: string;
  /** A maintenance window, when ProviderUnavailable announces one. */
  maintenance?: { start?: string; end?: string };
  /** For answers of the wrong shape: which fields were wrong. */
  issues?: string;
  /** The raw body, to show under the explanation. */
  raw?: unknown;
  /** What the raw body is, when not the whole answer. */
  rawLabel?: string;
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
  if (error.source === 'console') {
    const own = describeConsoleError(error, context);
    if (own) return own;
  }
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
        // Hostway documents HTTP 500 as a registry error: say so beside the generic words.
        note:
          api === 'Hostway' && fromUpstream && error.status === 500
            ? 'Hostway answers HTTP 500 when the registry behind the domain reports an error. It is often temporary: retry in a moment.'
            : undefined,
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

/**
 * Errors the console server found itself, by type: each names who can fix it and how. Undefined
 * for types whose kind already says it all (validation, timeouts, unreachable upstreams).
 */
function describeConsoleError(
  error: ApiError,
  { api, notFound }: ErrorContext,
): ErrorDescription | undefined {
  const wait =
    error.retryAfterMs !== undefined ? ` for ${Math.ceil(error.retryAfterMs / 1000)} s` : '';
  const said = {
    apiMessage: error.message,
    errorType: error.errorType,
    speaker: 'The console server said',
  };
  switch (error.errorType) {
    case 'ConsoleMisdirectedRequest':
      return {
        ...said,
        title: 'The console was reached under a name it does not serve',
        explanation: `The console server refused this request (HTTP 421) because it arrived under a host name that is not one of its own, which protects it from other web pages. Open the console at its usual address; if this is its usual address, whoever runs the console must add this host name to ALLOWED_HOSTS or set PUBLIC_URL to it.`,
        canRetry: false,
      };
    case 'ConsoleForbiddenOrigin':
      return {
        ...said,
        title: 'A request from another site was refused',
        explanation: `The console server answers only its own pages (HTTP 403), and this request looked as if another site or origin sent it. Open the console directly at its own address, not from a link, frame or extension of another site; if the console runs behind a proxy under another address, whoever runs it must set PUBLIC_URL to that address.`,
        canRetry: false,
      };
    case 'UpstreamQueueFull':
      return {
        ...said,
        title: 'The console is busy',
        explanation: `Too many requests are already waiting for the ${api} API, so the console server turned this one away (HTTP 503) rather than let it wait too long. The page retried automatically${wait ? `, waiting${wait} as asked` : ''}; try again in a moment. If it keeps happening, fewer lookups at once (a smaller bulk list) will help.`,
        canRetry: true,
      };
    case 'UpstreamRateLimited':
      return {
        ...said,
        title: `The ${api} API asked the console to slow down`,
        explanation: `The ${api} API limited how fast the console may ask (HTTP 429), so the console paused all its requests to it${wait}. The page retried automatically; try again once the pause is over.`,
        canRetry: true,
      };
    case 'UpstreamBadResponse':
      // A bare 404 of the upstream: the resource does not exist.
      if (error.kind === 'not-found')
        return { title: 'Not found', explanation: notFound, canRetry: false };
      return {
        title: 'Unexpected answer from the API',
        explanation: error.message,
        raw: error.body,
        rawLabel: 'Raw answer (its start, as text)',
        openRaw: true,
        canRetry: true,
      };
    case 'ConsoleUnsupportedMediaType':
      return {
        ...said,
        title: 'The console server could not read the request',
        explanation: `The page sent its request in a form the console server does not accept (HTTP 415). Reload the page to get the current version of the console; if it persists, the console and its pages may be out of step after an upgrade.`,
        canRetry: false,
      };
    case 'ConsolePayloadTooLarge':
      return {
        ...said,
        title: 'Too much at once',
        explanation: `The request was larger than the console server accepts (HTTP 413). Split the list into smaller batches and look them up one batch at a time.`,
        canRetry: false,
      };
  }
  return undefined;
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
