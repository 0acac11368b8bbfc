// Makes sure PostgreSQL's server binaries exist for the tests that run against a real server:
// installs Debian's package when running as root, otherwise stops with the exact command to run.
import { ensurePostgresBin } from './postgres-cluster.ts';

try {
  ensurePostgresBin();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
