import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './app/query-client.ts';
import { AppRoutes, preloadPage } from './app/app-routes.tsx';
import { restoreFragmentAfterSignIn } from './lib/fragment-across-sign-in.ts';
import './index.css';

const queryClient = createQueryClient();

/**
 * A lazy section whose code could not be fetched (the connection dropped) is expected, caught
 * and retried by its boundary (components/lazy-section.tsx): a warning, not an error. Anything
 * else a boundary catches is a bug and is logged as React would.
 */
function onCaughtError(error: unknown, info: { componentStack?: string }) {
  const chunk = error instanceof TypeError && /dynamically imported module/i.test(error.message);
  if (chunk) console.warn(error.message);
  else console.error(error, info.componentStack);
}

// The page's chunk is already on its way (the server sends modulepreload hints): wait for it,
// and start the page's requests, so the first render shows the page rather than a spinner.
// (A promise, not top-level await: that would make the bundler split the entry into pieces.)
restoreFragmentAfterSignIn();
void preloadPage(window.location.pathname, queryClient)
  .catch(() => undefined)
  .then(() => {
    createRoot(document.getElementById('root')!, { onCaughtError }).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    );
  });
