import { lazy, Suspense, useRef, type ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { ErrorBoundary } from 'react-error-boundary';
import { ThemeSwitch } from '../components/theme-switch.tsx';
import { SearchBox } from '../features/search/components/search-box.tsx';
import { useFocusHeadingOnNavigate } from '../lib/use-focus-heading.ts';

/*
 * Who is signed in is not needed to show a page: its code and request come after the page's
 * (plain React.lazy: the shell has 0.2 KB to spare, and a header part that fails to load is
 * left out rather than retried). The same chunk shows the signed-out alert, below the header.
 */
const UserMenu = lazy(() => import('../features/session/components/user-menu.tsx'));

export function Layout({ children }: { children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigate(main);
  return (
    <div className="flex min-h-screen flex-col bg-canvas text-fg">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="text-lg font-semibold text-link">
            Registrar Console
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-4 text-sm">
              <li>
                <NavLink to="/" end className={navLinkClass}>
                  Lookup
                </NavLink>
              </li>
              <li>
                <NavLink to="/processes" end className={navLinkClass}>
                  Processes
                </NavLink>
              </li>
              <li>
                <NavLink to="/transfers" end className={navLinkClass}>
                  Transfers
                </NavLink>
              </li>
            </ul>
          </nav>
          <div className="ml-auto flex flex-wrap items-center gap-x-6 gap-y-2">
            <SearchBox />
            <ThemeSwitch />
            {/* Its place is held from the first paint (it arrives after the page), so the
                header wraps the same before and after and nothing below it moves. Nothing in
                its place if it cannot load: the header works without it. */}
            <div className="flex min-h-8 min-w-80 items-center justify-end">
              <ErrorBoundary fallback={null}>
                <Suspense fallback={null}>
                  <UserMenu />
                </Suspense>
              </ErrorBoundary>
            </div>
          </div>
        </div>
      </header>
      <main id="main" ref={main} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-line bg-surface px-4 py-3 text-center text-xs text-fg-muted">
        Registrar Console · reads the Realtime Register and Hostway APIs through its own server
      </footer>
    </div>
  );
}

function navLinkClass({ isActive }: { isActive: boolean }) {
  return isActive
    ? 'font-medium text-link underline underline-offset-4'
    : 'text-fg-muted hover:text-link hover:underline';
}
