import { useCallback, useEffect, useSyncExternalStore } from 'react';
import * as z from 'zod/mini';
import { createLocalStore } from './local-store.ts';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

// public/theme.js reads the same entry before the first paint: keep the key and values in step.
const store = createLocalStore<ThemeChoice>('theme', z.enum(THEME_CHOICES), 'system');
const DARK_QUERY = '(prefers-color-scheme: dark)';

function apply(choice: ThemeChoice) {
  const dark = choice === 'dark' || (choice === 'system' && window.matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/**
 * Light, dark or the system's setting, remembered in this browser. The page is already in the
 * right theme when React starts (public/theme.js); this keeps it right when the choice or, for
 * "system", the system setting changes.
 */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore(store.subscribe, store.read, () => 'system' as const);

  useEffect(() => {
    apply(choice);
    if (choice !== 'system') return;
    const media = window.matchMedia(DARK_QUERY);
    const onChange = () => apply('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [choice]);

  const choose = useCallback((next: ThemeChoice) => store.write(next), []);
  return [choice, choose];
}
