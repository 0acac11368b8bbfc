/**
 * A load (typically a dynamic import) done once and kept, except when it fails: a failure is
 * forgotten so the next call tries again. (React.lazy keeps a failed import forever, so a chunk
 * that could not be fetched once, while the server restarted or the connection dropped, would
 * stay broken until a reload.)
 */
export function retryableLoad<T>(load: () => Promise<T>) {
  let loaded: { value: T } | undefined;
  let pending: Promise<T> | undefined;
  return {
    /** The value, once loaded. */
    get: (): T | undefined => loaded?.value,
    /** The same promise while one is pending or after success; a new attempt after a failure. */
    load: (): Promise<T> =>
      (pending ??= load().then(
        (value) => {
          loaded = { value };
          onLoaded();
          return value;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      )),
  };
}

let failuresInARow = 0;
function onLoaded() {
  failuresInARow = 0;
}

/** Counts a failed load and says how many came before it, for backing off retries. */
export function countLoadFailure(): number {
  return failuresInARow++;
}
