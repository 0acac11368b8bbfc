import type { AuditStore } from './audit-trail.ts';
import { message } from './database.ts';

/*
 * AUDIT_RETENTION_DAYS: entries older than that are deleted at start and then once a day. The
 * timer is unref'd (it never keeps the process alive) and stopped on close.
 */

export interface AuditPruneJob {
  start(): void;
  /** One pruning now; never throws. Returns how many entries went (0 when it failed). */
  runOnce(): Promise<number>;
  stop(): void;
}

export const PRUNE_INTERVAL_MS = 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export function createAuditPruneJob(options: {
  audit: Pick<AuditStore, 'prune'>;
  retentionDays: number;
  logger: (line: string) => void;
  intervalMs?: number;
  now?: () => Date;
}): AuditPruneJob {
  const { audit, retentionDays, logger, intervalMs = PRUNE_INTERVAL_MS } = options;
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  const runOnce = async () => {
    try {
      const removed = await audit.prune(new Date(now().getTime() - retentionDays * DAY_MS));
      if (removed > 0) {
        logger(`audit trail: removed ${removed} entries older than ${retentionDays} days`);
      }
      return removed;
    } catch (error) {
      logger(`audit trail pruning failed: ${message(error)}`);
      return 0;
    }
  };
  return {
    start() {
      if (timer) return;
      void runOnce();
      timer = setInterval(() => void runOnce(), intervalMs);
      timer.unref();
    },
    runOnce,
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
