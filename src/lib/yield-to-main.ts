/**
 * Lets the browser handle input and paint before going on: `scheduler.yield()` where the browser
 * has it (the rest of the work keeps its place at the front of the queue), else a new task.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * For a loop that may run long: `due()` once it has held the main thread for `budgetMs` since
 * it started or last yielded, `next()` yields and starts a new slice. A task stays well under
 * the 50 ms that the browser counts as a long task.
 */
export function timeSlices(budgetMs = 10) {
  let start = performance.now();
  return {
    due: () => performance.now() - start >= budgetMs,
    async next() {
      await yieldToMain();
      start = performance.now();
    },
  };
}
