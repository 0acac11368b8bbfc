import type { Handler } from 'hono';
import type { Readiness } from '../../src/contract/readiness.ts';
import type { ConsoleMetrics } from '../metrics.ts';
import type { HistoryStore } from '../transfer-history.ts';

/** `GET /readyz`: the database's state (ok / read-only / missing / corrupt): 200 or 503. */
export function readyz(history: Pick<HistoryStore, 'health'>, metrics: ConsoleMetrics): Handler {
  return (c) => {
    const database = history.health();
    const body: Readiness = {
      ready: database.state === 'ok',
      database,
      counters: { historyWritesFailed: metrics.historyWritesFailed.value },
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body, body.ready ? 200 : 503);
  };
}
