import { use, type ComponentType } from 'react';
import { retryableLoad } from '../lib/retryable-load.ts';

// Its own module, outside the page kit (vite.config.ts): a page that needs only this (the bulk
// page) does not fetch the kit for it.

/** React.lazy whose failed import is tried again on the next render (see retryable-load.ts). */
export function lazyRetry<P extends object>(load: () => Promise<ComponentType<P>>) {
  // Wrapped in an object like a page module: the component itself is loaded once and kept.
  const code = retryableLoad(() => load().then((Component) => ({ Component })));
  function Lazy(props: P) {
    // Unconditionally: React warns when a render that suspended in use() is retried without it.
    const { Component } = use(code.load());
    return <Component {...props} />;
  }
  /** Starts loading the code before the part is first shown. */
  Lazy.preload = code.load;
  return Lazy;
}
