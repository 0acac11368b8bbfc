import * as z from 'zod/mini';

/**
 * Small typed wrapper over localStorage: values are validated on the way out (a corrupt or
 * outdated entry reads as the fallback) and storage failures (private mode, quota) are ignored,
 * because remembering is a convenience, never a requirement.
 */
export function createLocalStore<T>(key: string, schema: z.ZodMiniType<T>, fallback: T) {
  const fullKey = `registrar-console:${key}`;
  const listeners = new Set<() => void>();
  let cachedRaw: string | null | undefined;
  let cachedValue: T = fallback;

  function read(): T {
    let raw: string | null;
    try {
      raw = window.localStorage.getItem(fullKey);
    } catch {
      return fallback;
    }
    if (raw === cachedRaw) return cachedValue;
    cachedRaw = raw;
    try {
      const parsed = schema.safeParse(raw === null ? undefined : JSON.parse(raw));
      cachedValue = parsed.success ? parsed.data : fallback;
    } catch {
      cachedValue = fallback;
    }
    return cachedValue;
  }

  function write(value: T) {
    try {
      window.localStorage.setItem(fullKey, JSON.stringify(value));
    } catch {
      // Not remembered this time; the page works the same.
    }
    listeners.forEach((listener) => listener());
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === fullKey) listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  }

  return { read, write, subscribe };
}
