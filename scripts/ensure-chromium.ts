// Makes sure a Chromium exists for the e2e tests: installs Debian's package when running as root,
// otherwise stops with the exact command to run.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium.ts';

const found = findChromium();
if (found) {
  process.exit(0);
}

const command = 'apt-get update && apt-get install -y chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasAptGet = true;
try {
  execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
} catch {
  hasAptGet = false;
}

if (!isRoot || !hasAptGet) {
  console.error(
    'No Chromium found for the end-to-end tests (looked at $CHROMIUM_PATH, /usr/bin/chromium).\n' +
      (hasAptGet
        ? `Install it with:\n\n  sudo sh -c '${command}'\n`
        : 'Install Chromium and set CHROMIUM_PATH to its executable.\n'),
  );
  process.exit(1);
}

console.log(`No Chromium found: installing Debian's chromium package (${command})…`);
execSync(command, {
  stdio: 'inherit',
  shell: '/bin/sh',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (!findChromium()) {
  console.error('apt-get finished but /usr/bin/chromium is still missing.');
  process.exit(1);
}
