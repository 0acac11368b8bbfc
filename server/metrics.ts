/*
 * The console's counters. One module, so that a metrics library (prom-client) can take them over
 * without touching the code that counts.
 */

export interface Counter {
  inc(): void;
  readonly value: number;
}

export interface ConsoleMetrics {
  /** Transfer statuses answered to a browser but not stored (the database write failed). */
  historyWritesFailed: Counter;
  /** Lookups answered but not written to the audit trail (the database write failed). */
  auditWritesFailed: Counter;
}

function counter(): Counter {
  let value = 0;
  return {
    inc() {
      value++;
    },
    get value() {
      return value;
    },
  };
}

export function createMetrics(): ConsoleMetrics {
  return { historyWritesFailed: counter(), auditWritesFailed: counter() };
}
