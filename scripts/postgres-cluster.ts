// A throw-away PostgreSQL server for tests: Debian's server binaries, a fresh cluster in a
// temporary directory, on a free loopback port, removed again on stop(). PostgreSQL refuses to
// run as root, so as root the cluster belongs to the `postgres` user the Debian package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSTALL_COMMAND = 'apt-get update && apt-get install -y postgresql';

/** The directory of initdb / pg_ctl / psql, newest major first, or undefined. */
export function findPostgresBin(): string | undefined {
  if (process.env.POSTGRES_BIN) {
    return existsSync(join(process.env.POSTGRES_BIN, 'pg_ctl'))
      ? process.env.POSTGRES_BIN
      : undefined;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * The server binaries, installed from Debian's package when missing and running as root;
 * otherwise an error whose message is the exact command to run.
 */
export function ensurePostgresBin(): string {
  const found = findPostgresBin();
  if (found) return found;
  if (!isRoot() || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
    throw new Error(
      `No PostgreSQL server binaries found (looked at $POSTGRES_BIN, /usr/lib/postgresql/*/bin). Install them with:\n\n  sudo sh -c '${INSTALL_COMMAND}'\n`,
    );
  }
  console.log(`No PostgreSQL server found: installing Debian's package (${INSTALL_COMMAND})…`);
  execFileSync('sh', ['-c', INSTALL_COMMAND], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = findPostgresBin();
  if (!installed) throw new Error('apt-get finished but no PostgreSQL server binaries were found.');
  return installed;
}

export interface PostgresCluster {
  /** postgres://console@127.0.0.1:<port>/console (trust authentication, loopback only). */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server at once and removes its directory; safe to call twice. */
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a new cluster with one database and one superuser, both named `console`. Without
 * `durable`, nothing is synced to disk (a throw-away server for tests, faster).
 */
export async function startPostgresCluster({
  durable = false,
}: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = ensurePostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'console-pg-'));
  const dataDir = join(dir, 'data');
  // As root, every PostgreSQL program runs as `postgres`, which must own the directory.
  const asOwner = (program: string, args: string[]) => {
    const [command, argv] = isRoot()
      ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
      : [join(bin, program), args];
    return execFileSync(command, argv, { stdio: 'pipe', encoding: 'utf8' });
  };
  if (isRoot()) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const stop = () => {
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      try {
        asOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: the directory still goes.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    asOwner('initdb', ['-D', dataDir, '-U', 'console', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const sync = durable ? '' : ' -c fsync=off';
    const port = await freePort();
    // Unix socket in the cluster's own directory; TCP on loopback only.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300${sync}`;
    asOwner('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
    asOwner('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'console', 'console']);
    return { url: `postgres://console@127.0.0.1:${port}/console`, port, dataDir, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** The `postgres` account the Debian package creates. */
function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}
