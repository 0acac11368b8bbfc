import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

describe('a throw-away PostgreSQL cluster', () => {
  let cluster: PostgresCluster | undefined;
  afterEach(() => cluster?.stop());

  it('answers on its loopback port and is gone, directory and all, after stop()', async () => {
    cluster = await startPostgresCluster();
    expect(cluster.url).toMatch(/^postgres:\/\/console@127\.0\.0\.1:\d+\/console$/);
    const psql = join(findPostgresBin()!, 'psql');
    const ask = () =>
      execFileSync(psql, [cluster!.url, '-tAc', 'SELECT current_user, current_database()'], {
        encoding: 'utf8',
        stdio: 'pipe',
      }).trim();
    expect(ask()).toBe('console|console');

    cluster.stop();
    expect(existsSync(cluster.dataDir)).toBe(false);
    expect(ask).toThrow();
  });
});
