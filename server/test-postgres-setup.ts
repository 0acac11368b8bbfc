import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../scripts/postgres-cluster.ts';

/**
 * Vitest's global setup: one throw-away PostgreSQL server for the whole run (the store tests run
 * against it and against SQLite), stopped and removed at the end, whether the tests pass or not.
 * Each test gets a database of its own on it (test-databases.ts).
 */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  // Also when the run is interrupted: the cluster is a server process and a directory.
  const stop = () => cluster.stop();
  process.once('exit', stop);
  project.provide('postgresUrl', cluster.url);
  return () => {
    process.removeListener('exit', stop);
    stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
