import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { ProcessLookup } from '../features/processes/components/process-lookup.tsx';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="text-lg font-semibold text-blue-900">
            Registrar Console
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-4 text-sm">
              <li>
                <NavLink to="/" end className={navLinkClass}>
                  Lookup
                </NavLink>
              </li>
            </ul>
          </nav>
          <div className="ml-auto">
            <ProcessLookup compact />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white px-4 py-3 text-center text-xs text-slate-600">
        Registrar Console · reads the Realtime Register and Hostway APIs through its own server
      </footer>
    </div>
  );
}

function navLinkClass({ isActive }: { isActive: boolean }) {
  return isActive
    ? 'font-medium text-blue-800 underline underline-offset-4'
    : 'text-slate-700 hover:text-blue-800 hover:underline';
}
