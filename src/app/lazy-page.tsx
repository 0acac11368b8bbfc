import { lazy, type ComponentType } from 'react';

/**
 * React.lazy plus `preload()`: a page preloaded before the first render is rendered directly,
 * without suspending. That matters because React holds back content that follows a Suspense
 * fallback for about 300 ms (to avoid flicker), which would delay every cold deep link.
 */
export function lazyPage(load: () => Promise<ComponentType>) {
  let loaded: ComponentType | undefined;
  const loadAndKeep = () =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const Lazy = lazy(() => loadAndKeep().then((component) => ({ default: component })));
  function Page() {
    const Component = loaded ?? Lazy;
    return <Component />;
  }
  Page.preload = loadAndKeep;
  return Page;
}
