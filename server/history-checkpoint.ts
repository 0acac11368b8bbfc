import type { HistoryStore } from './transfer-history.ts';

/*
 * Under lookup-only traffic nothing else moves the WAL into the database file: without this, the
 * WAL grows without bound beside a tiny database file, and copying the .sqlite file alone gives
 * an empty history. Every `intervalMs`, a TRUNCATE checkpoint empties it.
 */

export interface CheckpointJob {
  start(): void;
  /** One checkpoint now; never throws. */
  runOnce(): void;
  stop(): void;
}

export const CHECKPOINT_INTERVAL_MS = 60_000;

export function createCheckpointJob(options: {
  history: Pick<HistoryStore, 'checkpoint'>;
  logger: (line: string) => void;
  intervalMs?: number;
}): CheckpointJob {
  const { history, logger, intervalMs = CHECKPOINT_INTERVAL_MS } = options;
  let timer: NodeJS.Timeout | undefined;
  let busyRuns = 0;
  const runOnce = () => {
    try {
      const { busy } = history.checkpoint();
      // A reader holding an old snapshot can block it now and then; say so if it persists.
      busyRuns = busy ? busyRuns + 1 : 0;
      if (busyRuns === 5) logger('history checkpoint: busy 5 times in a row; the WAL is growing');
    } catch (error) {
      logger(
        `history checkpoint failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(runOnce, intervalMs);
      timer.unref();
    },
    runOnce,
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
