import { isApiError } from '../api/api-error.ts';

/**
 * "Reference: <request id>", for a person to quote when reporting the failure: the console's
 * logs carry the same id. Nothing when the request got no answer (the browser's own failure).
 * One click selects the whole id. (No copy button: sharing CopyButton with this lazy code splits
 * it into a chunk of its own, which costs every page's first render half a kilobyte.)
 */
export function ErrorReference({
  error,
  className = 'mt-2',
}: {
  error: unknown;
  className?: string;
}) {
  const id = isApiError(error) ? error.requestId : undefined;
  if (!id) return null;
  return (
    <p className={`${className} text-sm`}>
      Reference: <code className="font-mono select-all">{id}</code>
    </p>
  );
}
