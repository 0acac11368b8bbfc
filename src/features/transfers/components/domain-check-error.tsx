import { isApiError } from '../../../api/api-error.ts';
import { ErrorReference } from '../../../components/error-reference.tsx';
import { alertClass } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';

/**
 * The console server could not check the domain names, so nothing can be looked up yet.
 * Plain text and a Retry button, in the page's own chunk: it must show even when the server
 * is down and no other chunk can be fetched.
 */
export function DomainCheckError({
  error,
  onRetry,
  retrying,
  count = 1,
  headingLevel = 2,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
  /** How many names were being checked, for the wording. */
  count?: number;
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const what = count === 1 ? 'The domain name' : `The ${count} domain names`;
  return (
    <section
      role="alert"
      aria-labelledby="domain-check-error-title"
      className={alertClass({ tone: 'danger', size: 'lg' })}
    >
      <Heading id="domain-check-error-title" className="text-lg font-semibold">
        {what} could not be checked
      </Heading>
      <p className="mt-2">
        {describeCheckFailure(error)} Nothing was looked up: the console needs the check to know
        which registrable domain to ask about.
      </p>
      <ErrorReference error={error} />
      <Button variant="primary" onClick={onRetry} disabled={retrying} className="mt-3">
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </section>
  );
}

export function describeCheckFailure(error: unknown): string {
  // Not an answer at all: the page's code for the check could not be loaded either.
  if (!isApiError(error)) {
    return 'The page could not load what it needs for the check; the console server may be unreachable. Check your connection, then retry.';
  }
  switch (error.kind) {
    case 'network':
      return 'The console server could not be reached. Check your connection, then retry.';
    case 'timeout':
      return 'The console server did not answer in time.';
    case 'not-found':
      return 'This console server does not offer the domain check (POST /api/domain-names); it may be an older version.';
    case 'bad-response':
      return 'The console server answered the domain check in a way the page does not understand.';
    default:
      return `The console server refused the domain check: ${error.message}`;
  }
}
