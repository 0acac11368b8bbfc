/**
 * A load (typically a dynamic import) done once and kept, except when it fails: a failed load
 * is kept only until `forgetFailedLoads()` (an error boundary's retry), then tried again.
 * React.lazy would keep a failed import forever, so a chunk that could not be fetched once
 * (the server restarting, the connection dropping) would stay broken until a reload. The
 * failure is kept until then because React renders a rejected component again to throw it:
 * starting a new load on that render would suspend for ever instead of showing the error.
 */
export function retryableLoad<T>(load: () => Promise<T>) {
  let pending: (Promise<T> & { status?: 'fulfilled'; value?: T }) | undefined;
  const forget = () => {
    pending = undefined;
  };
  return {
    /** The same promise while pending, after success and after a failure not yet forgotten. */
    load: (): Promise<T> => {
      if (pending) return pending;
      const promise: Promise<T> = load().then(
        (value) => {
          failuresInARow = 0;
          // React's use() reads a settled promise's `status` and `value` and does not suspend
          // on it again, so callers can call use(load()) on every render, unconditionally.
          Object.assign(promise, { status: 'fulfilled', value });
          return value;
        },
        (error: unknown) => {
          failed.add(forget);
          throw error;
        },
      );
      return (pending = promise);
    },
    /** The value, once loaded: for a caller that must not wait even a microtask for it. */
    loaded: (): T | undefined => (pending?.status === 'fulfilled' ? pending.value : undefined),
  };
}

const failed = new Set<() => void>();
let failuresInARow = 0;

/** Lets every failed load try again on its next use. */
export function forgetFailedLoads(): void {
  failed.forEach((forget) => forget());
  failed.clear();
}

/** Counts a failed load and says how many came before it, for backing off retries. */
export function countLoadFailure(): number {
  return failuresInARow++;
}
