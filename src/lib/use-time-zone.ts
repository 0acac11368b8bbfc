import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { createLocalStore } from './local-store.ts';
import type { TimeZoneChoice } from './time.ts';

const timeZoneSchema = z.enum(['local', 'utc']);
const store = createLocalStore<TimeZoneChoice>('time-zone', timeZoneSchema, 'local');

/**
 * Local time or UTC. The URL (`?tz=utc`) wins so a shared link shows what its sender saw; the
 * last choice is remembered for links without it.
 */
export function useTimeZone(): [TimeZoneChoice, (choice: TimeZoneChoice) => void] {
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const remembered = useSyncExternalStore(store.subscribe, store.read, () => 'local' as const);
  const fromUrl = timeZoneSchema.safeParse(searchParams.get('tz'));
  const current = fromUrl.success ? fromUrl.data : remembered;

  useEffect(() => {
    if (fromUrl.success && fromUrl.data !== store.read()) store.write(fromUrl.data);
  }, [fromUrl.success, fromUrl.data]);

  const choose = useCallback(
    (choice: TimeZoneChoice) => {
      store.write(choice);
      const params = new URLSearchParams(location.search);
      params.set('tz', choice);
      // Not setSearchParams: it would drop the `#section`, and a copied link would lose it.
      void navigate(
        { search: `?${params}`, hash: location.hash },
        { replace: true, preventScrollReset: true },
      );
    },
    [location.search, location.hash, navigate],
  );

  return [current, choose];
}
