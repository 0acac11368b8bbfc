import { Suspense } from 'react';
import { matchPath, Outlet, Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from 'react-error-boundary';
import { Layout } from './layout.tsx';
import { RouteError } from './route-error.tsx';
import { PageLoading } from '../components/page-loading.tsx';
import type { QueryClient } from '@tanstack/react-query';
import { lazyPage } from './lazy-page.tsx';
import { forgetFailedLoads } from '../lib/retryable-load.ts';

/*
 * Declarative routes with React.lazy rather than the data router: the console has no loaders
 * or actions, and the data router costs about 16 KB gzip on every page (see BENCHMARKS.md).
 * Every page is its own chunk: a deep link downloads the shell and the one page it shows.
 */
const HomeRoute = lazyPage(() =>
  import('./routes/home-route.tsx').then((m) => ({ Component: m.HomeRoute })),
);
const ProcessRoute = lazyPage(() =>
  import('./routes/process-route.tsx').then((m) => ({
    Component: m.ProcessRoute,
    prefetch: m.prefetchProcess,
  })),
);
const ProcessListRoute = lazyPage(() =>
  import('./routes/process-list-route.tsx').then((m) => ({
    Component: m.ProcessListRoute,
    prefetch: m.prefetchProcessList,
  })),
);
const TransferRoute = lazyPage(() =>
  import('./routes/transfer-route.tsx').then((m) => ({
    Component: m.TransferRoute,
    prefetch: m.prefetchTransfer,
  })),
);
const OverviewRoute = lazyPage(() =>
  import('./routes/overview-route.tsx').then((m) => ({
    Component: m.OverviewRoute,
    prefetch: m.prefetchOverview,
  })),
);
const BulkTransfersRoute = lazyPage(() =>
  import('./routes/bulk-transfers-route.tsx').then((m) => ({
    Component: m.BulkTransfersRoute,
    prefetch: m.prefetchBulk,
  })),
);
const DomainRoute = lazyPage(() =>
  import('./routes/domain-route.tsx').then((m) => ({
    Component: m.DomainRoute,
    prefetch: m.prefetchDomain,
  })),
);
const AuditRoute = lazyPage(() =>
  import('./routes/audit-route.tsx').then((m) => ({ Component: m.AuditRoute })),
);
const NotFoundRoute = lazyPage(() =>
  import('./routes/not-found-route.tsx').then((m) => ({ Component: m.NotFoundRoute })),
);

const PAGES = [
  { path: '/', Page: HomeRoute },
  { path: '/processes', Page: ProcessListRoute },
  { path: '/processes/:processId', Page: ProcessRoute },
  { path: '/transfers', Page: OverviewRoute },
  { path: '/transfers/:accountNumber', Page: BulkTransfersRoute },
  { path: '/transfers/:accountNumber/:domainName', Page: TransferRoute },
  { path: '/domains/:domainName', Page: DomainRoute },
  { path: '/audit', Page: AuditRoute },
] as const;

/**
 * Before the first render: loads the page for `pathname` (see lazy-page.tsx) and starts its
 * requests, so a cold deep link renders its content in the first paint it can.
 */
export async function preloadPage(pathname: string, queryClient: QueryClient): Promise<void> {
  for (const { path, Page } of PAGES) {
    const match = matchPath(path, pathname);
    if (match) {
      const module = await Page.preload();
      module.prefetch?.(queryClient, match.params);
      return;
    }
  }
  await NotFoundRoute.preload();
}

export function AppRoutes() {
  const { pathname } = useLocation();
  return (
    <Routes>
      <Route
        element={
          <Layout>
            {/* Keyed by path: an error on one page is forgotten when the user moves on, and a
                page whose code failed to load is fetched again. */}
            <ErrorBoundary
              FallbackComponent={RouteError}
              resetKeys={[pathname]}
              onReset={forgetFailedLoads}
            >
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </Layout>
        }
      >
        {PAGES.map(({ path, Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
