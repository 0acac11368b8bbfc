import { lazy, type ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Params } from 'react-router';

/** What a page module offers: its component and, optionally, a way to warm the cache. */
export interface PageModule {
  Component: ComponentType;
  /** Starts the page's requests from the URL alone, before React renders anything. */
  prefetch?: (queryClient: QueryClient, params: Params) => void;
}

/**
 * React.lazy plus `preload()`: a page preloaded before the first render is rendered directly,
 * without suspending. That matters because React holds back content that follows a Suspense
 * fallback for about 300 ms (to avoid flicker), which would delay every cold deep link.
 */
export function lazyPage(load: () => Promise<PageModule>) {
  let loaded: PageModule | undefined;
  const loadAndKeep = () =>
    load().then((module) => {
      loaded = module;
      return module;
    });
  const Lazy = lazy(() => loadAndKeep().then((module) => ({ default: module.Component })));
  function Page() {
    const Component = loaded?.Component ?? Lazy;
    return <Component />;
  }
  Page.preload = loadAndKeep;
  return Page;
}
