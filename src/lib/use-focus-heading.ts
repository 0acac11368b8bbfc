import { useEffect, useRef, type RefObject } from 'react';
import { useLocation, useNavigationType } from 'react-router';

/** How long after a navigation a heading that appears late (lazy page, loading state) is focused. */
const WATCH_MS = 5_000;

/**
 * After a client-side navigation to another page, moves focus to the new page's main heading,
 * so keyboard and screen reader users start there (as a page load would) rather than on
 * whatever link they left. Not on the first load, not for `replace` navigations (a canonical
 * redirect, a filter or time-zone change) and not to a `#section` (the page scrolls there).
 * A page that swaps its heading (loading → loaded) keeps focus on the new one.
 */
export function useFocusHeadingOnNavigate(container: RefObject<HTMLElement | null>) {
  const { pathname, hash } = useLocation();
  const navigationType = useNavigationType();
  const firstPath = useRef(pathname);

  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    const root = container.current;
    if (!root || navigationType === 'REPLACE' || hash) return;
    let focused: HTMLElement | undefined;
    const focusHeading = () => {
      if (focused?.isConnected) return;
      // The person moved on (typed, clicked): leave their focus alone.
      if (focused && document.activeElement && document.activeElement !== document.body) return;
      const heading = root.querySelector('h1');
      if (!heading) return;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      focused = heading;
    };
    focusHeading();
    const observer = new MutationObserver(focusHeading);
    observer.observe(root, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), WATCH_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [pathname, hash, navigationType, container]);
}
