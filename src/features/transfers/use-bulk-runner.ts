import { startTransition, useLayoutEffect, useState } from 'react';
import { retryableLoad } from '../../lib/retryable-load.ts';
import type { BulkRunner } from './bulk-runner.ts';

/** The runner's code, loaded once; the bulk page preloads it as it opens (prefetchBulk). */
export const bulkRunnerCode = retryableLoad(() => import('./bulk-runner.ts'));

/**
 * The runner that looks up `domains` on `accountNumber`, started as soon as the page knows the
 * list: the results table is a lazy chunk, and React reveals a resolved lazy section up to
 * 300 ms late (its Suspense throttle), so the request is not left to wait for the table.
 * Undefined until the runner's code has loaded. Stopped when the list changes or the page goes.
 * Started in a layout effect: before the browser lays out and paints the new page (a list box
 * of 500 lines takes tens of milliseconds), which the lookups need not wait for.
 */
export function useBulkRunner(
  accountNumber: string,
  domains: readonly string[],
): BulkRunner | undefined {
  const [runner, setRunner] = useState<{ domains: readonly string[]; runner: BulkRunner }>();
  useLayoutEffect(() => {
    let current: BulkRunner | undefined;
    let gone = false;
    const start = ({ createBulkRunner }: typeof import('./bulk-runner.ts')) => {
      if (gone) return;
      const started = createBulkRunner({ accountNumber, domains });
      current = started;
      started.start();
      // The table's first render (500 rows' models, 40-50 ms of script) is a transition, which
      // React renders in slices: in the page's commit, or in one task, it held the main thread
      // for 60-100 ms.
      startTransition(() => setRunner({ domains, runner: started }));
    };
    // Preloaded (the usual case): started in this very task, not after the rest of the commit.
    const code = bulkRunnerCode.loaded();
    if (code) start(code);
    else void bulkRunnerCode.load().then(start);
    return () => {
      gone = true;
      current?.stop();
    };
  }, [accountNumber, domains]);
  return runner?.domains === domains ? runner.runner : undefined;
}
