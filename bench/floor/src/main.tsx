// The floor: a hello-world using the console's runtime dependencies the way the console does
// (declarative routes, one query, a zod/mini schema, Tailwind's base). The console's bundle is
// compared against this.
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import * as z from 'zod/mini';
import './index.css';

const schema = z.object({ id: z.int(), status: z.string() });

function Page() {
  const query = useQuery({
    queryKey: ['process'],
    queryFn: async () => schema.parse(await (await fetch('/api/rtr/v2/processes/46069000')).json()),
  });
  return <p className="p-4">{query.data?.status ?? 'Loading…'}</p>;
}

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={new QueryClient()}>
    <BrowserRouter>
      <Routes>
        <Route path="*" element={<Page />} />
      </Routes>
    </BrowserRouter>
  </QueryClientProvider>,
);
