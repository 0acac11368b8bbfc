import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './app/query-client.ts';
import { AppRoutes, preloadPage } from './app/app-routes.tsx';
import './index.css';

const queryClient = createQueryClient();

// The page's chunk is already on its way (the server sends modulepreload hints): wait for it,
// and start the page's requests, so the first render shows the page rather than a spinner.
// (A promise, not top-level await: that would make the bundler split the entry into pieces.)
void preloadPage(window.location.pathname, queryClient)
  .catch(() => undefined)
  .then(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    );
  });
