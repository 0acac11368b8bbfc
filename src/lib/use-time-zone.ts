import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { createLocalStore } from './local-store.ts';
import { browserTimeZone, parseTimeZoneChoice, type TimeZoneChoice } from './time.ts';

/**
 * `?tz=`: `local`, `utc` or an IANA zone name. Anything else (a typo, a zone this browser
 * does not know) reads as undefined, so the page falls back to the remembered choice.
 */
export const timeZoneParamSchema = z.pipe(
  z.string(),
  z.transform((value) => parseTimeZoneChoice(value)),
);

/** Only the viewer's own choices are remembered, not a zone that came with a colleague's link. */
const rememberedSchema = z.enum(['local', 'utc']);
const store = createLocalStore<'local' | 'utc'>('time-zone', rememberedSchema, 'local');
const isRememberable = (choice: TimeZoneChoice | undefined): choice is 'local' | 'utc' =>
  choice === 'local' || choice === 'utc';

/** The viewer's remembered choice, for code outside React (what most pages will show). */
export const rememberedTimeZone = (): 'local' | 'utc' => store.read();

/**
 * Where times are shown. The URL (`?tz=`) wins so a shared link shows what its sender saw; a
 * zone that is the viewer's own reads as local. The last local/UTC choice is remembered for
 * links without it.
 */
export function useTimeZone(): [TimeZoneChoice, (choice: TimeZoneChoice) => void] {
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const remembered = useSyncExternalStore(store.subscribe, store.read, () => 'local' as const);
  const tz = searchParams.get('tz');
  const fromUrl = tz === null ? undefined : timeZoneParamSchema.parse(tz);
  const own = fromUrl !== undefined && fromUrl === browserTimeZone();
  const current = own ? 'local' : (fromUrl ?? remembered);

  useEffect(() => {
    if (isRememberable(fromUrl) && fromUrl !== store.read()) {
      store.write(fromUrl);
    }
  }, [fromUrl]);

  const choose = useCallback(
    (choice: TimeZoneChoice) => {
      if (isRememberable(choice)) store.write(choice);
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
