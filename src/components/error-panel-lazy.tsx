import { lazy, Suspense, type ComponentProps } from 'react';

// Only a failed request needs the error explanations; pages that work never download them.
const ErrorPanel = lazy(() => import('./error-panel.tsx').then((m) => ({ default: m.ErrorPanel })));

export function LazyErrorPanel(props: ComponentProps<typeof ErrorPanel>) {
  return (
    <Suspense
      fallback={
        <p role="status" className="rounded border border-red-300 bg-red-50 p-4 text-red-950">
          The request failed; loading the explanation…
        </p>
      }
    >
      <ErrorPanel {...props} />
    </Suspense>
  );
}
