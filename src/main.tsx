import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './app/query-client.ts';
import { AppRoutes, preloadPage } from './app/app-routes.tsx';
import './index.css';

const queryClient = createQueryClient();

// The page's chunk is already on its way (the server sends modulepreload hints): wait for it
// so the first render shows the page itself rather than a loading state.
await preloadPage(window.location.pathname).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
