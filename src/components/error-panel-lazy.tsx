import type { ComponentProps } from 'react';
import { LazySection } from './lazy-section.tsx';
import { lazyRetry } from './lazy-retry.tsx';
import { Alert } from './ui/alert.tsx';

// Only a failed request needs the error explanations; pages that work never download them.
const ErrorPanel = lazyRetry(() => import('./error-panel.tsx').then((m) => m.ErrorPanel));

const LOADING = 'The request failed; loading the explanation…';

export function LazyErrorPanel(props: ComponentProps<typeof ErrorPanel>) {
  return (
    <LazySection
      label={LOADING}
      fallback={
        <Alert as="p" role="status" tone="danger">
          {LOADING}
        </Alert>
      }
      failed="The request failed, and its explanation could not be loaded either: the console server may be unreachable."
    >
      <ErrorPanel {...props} />
    </LazySection>
  );
}
