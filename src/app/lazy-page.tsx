import { use, type ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Params } from 'react-router';
import { retryableLoad } from '../lib/retryable-load.ts';

/** What a page module offers: its component and, optionally, a way to warm the cache. */
export interface PageModule {
  Component: ComponentType;
  /** Starts the page's requests from the URL alone, before React renders anything. */
  prefetch?: (queryClient: QueryClient, params: Params) => void;
}

/**
 * A lazily loaded page plus `preload()`: a page preloaded before the first render is rendered
 * directly, without suspending. That matters because React holds back content that follows a
 * Suspense fallback for about 300 ms (to avoid flicker), which would delay every cold deep link.
 * A page whose code failed to load is fetched again the next time it is shown.
 */
export function lazyPage(load: () => Promise<PageModule>) {
  const page = retryableLoad(load);
  function Page() {
    // use() returns a preloaded page at once (retryable-load.ts marks the settled promise), and
    // is called on every render: React warns when a retried render skips it.
    const { Component } = use(page.load());
    return <Component />;
  }
  Page.preload = page.load;
  return Page;
}
