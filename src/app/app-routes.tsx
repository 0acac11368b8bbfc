import { lazy, Suspense } from 'react';
import { Outlet, Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from 'react-error-boundary';
import { Layout } from './layout.tsx';
import { RouteError } from './route-error.tsx';
import { PageLoading } from '../components/page-loading.tsx';

/*
 * Declarative routes with React.lazy rather than the data router: the console has no loaders
 * or actions, and the data router costs about 16 KB gzip on every page (see BENCHMARKS.md).
 * Every page is its own chunk: a deep link downloads the shell and the one page it shows.
 */
const HomeRoute = lazy(() =>
  import('./routes/home-route.tsx').then((m) => ({ default: m.HomeRoute })),
);
const ProcessRoute = lazy(() =>
  import('./routes/process-route.tsx').then((m) => ({ default: m.ProcessRoute })),
);
const TransferRoute = lazy(() =>
  import('./routes/transfer-route.tsx').then((m) => ({ default: m.TransferRoute })),
);
const BulkTransfersRoute = lazy(() =>
  import('./routes/bulk-transfers-route.tsx').then((m) => ({ default: m.BulkTransfersRoute })),
);
const NotFoundRoute = lazy(() =>
  import('./routes/not-found-route.tsx').then((m) => ({ default: m.NotFoundRoute })),
);

export function AppRoutes() {
  const { pathname } = useLocation();
  return (
    <Routes>
      <Route
        element={
          <Layout>
            {/* Keyed by path: an error on one page is forgotten when the user moves on. */}
            <ErrorBoundary FallbackComponent={RouteError} resetKeys={[pathname]}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </Layout>
        }
      >
        <Route index element={<HomeRoute />} />
        <Route path="processes/:processId" element={<ProcessRoute />} />
        <Route path="transfers/:accountNumber" element={<BulkTransfersRoute />} />
        <Route path="transfers/:accountNumber/:domainName" element={<TransferRoute />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
