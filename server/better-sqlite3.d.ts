// A minimal declaration of the part of better-sqlite3 (v12) the server uses; @types/better-sqlite3
// is not installed. Extend it when the server starts using more of the API.
declare module 'better-sqlite3' {
  namespace Database {
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      /** Busy timeout in milliseconds (default 5000). */
      timeout?: number;
    }

    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    /** `P` is the tuple of bind parameters, `R` the row type. */
    interface Statement<P extends unknown[] = unknown[], R = unknown> {
      run(...params: P): RunResult;
      get(...params: P): R | undefined;
      all(...params: P): R[];
    }

    interface PragmaOptions {
      simple?: boolean;
    }

    /** A function that runs in a transaction; the variants choose how it begins. */
    type Transaction<F> = F & { deferred: F; immediate: F; exclusive: F };
  }

  class Database {
    constructor(filename: string, options?: Database.Options);
    readonly name: string;
    readonly open: boolean;
    readonly readonly: boolean;
    readonly inTransaction: boolean;
    prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R>;
    exec(sql: string): this;
    pragma(source: string, options?: Database.PragmaOptions): unknown;
    transaction<A extends unknown[], T>(
      fn: (...args: A) => T,
    ): Database.Transaction<(...args: A) => T>;
    /** A consistent copy of the whole database (SQLite's online backup API). */
    backup(destination: string): Promise<{ totalPages: number; remainingPages: number }>;
    close(): this;
  }

  export = Database;
}
