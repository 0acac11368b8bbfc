import { createBrowserRouter } from 'react-router';
import { Layout } from './layout.tsx';
import { RouteError } from './route-error.tsx';
import { PageLoading } from '../components/page-loading.tsx';

/**
 * Every page but the shell is its own chunk: a deep link downloads the layout and the one page
 * it shows, nothing else.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    children: [
      {
        index: true,
        lazy: () => import('./routes/home-route.tsx').then((m) => ({ Component: m.HomeRoute })),
      },
      {
        path: 'processes/:processId',
        lazy: () =>
          import('./routes/process-route.tsx').then((m) => ({ Component: m.ProcessRoute })),
      },
      {
        path: 'transfers/:accountNumber/:domainName',
        lazy: () =>
          import('./routes/transfer-route.tsx').then((m) => ({ Component: m.TransferRoute })),
      },
      {
        path: '*',
        lazy: () =>
          import('./routes/not-found-route.tsx').then((m) => ({ Component: m.NotFoundRoute })),
      },
    ],
  },
]);
