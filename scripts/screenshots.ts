// `npm run screenshots`: the README's pictures of the console, light and dark, taken in Debian's
// Chromium from the built app served by the real server against its sandbox. Writes
// docs/screenshots/<page>-<theme>.png; run it again after a visible change and commit the files.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';

const OUT = 'docs/screenshots';
const PAGES = [
  { name: 'home', path: '/', ready: 'heading' },
  { name: 'process', path: '/processes/46069000', ready: 'heading' },
  { name: 'transfer', path: '/transfers/acct12345/test.com', ready: 'heading' },
  {
    name: 'bulk',
    path: '/transfers/acct12345?domains=test.com,active.com,moving-1.com,nope.com',
    ready: 'heading',
  },
] as const;
const THEMES = ['light', 'dark'] as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForServer(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The console did not answer at ${url} within 60 s.`);
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('Chromium is missing: run `npx tsx scripts/ensure-chromium.ts` first.');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'console-screenshots-'));
  const server = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/ensure-build.ts'],
    {
      stdio: 'inherit',
    },
  );
  await new Promise<void>((resolve, reject) =>
    server.once('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed')))),
  );
  const console_ = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    await waitForServer(base, Date.now() + 60_000);
    mkdirSync(OUT, { recursive: true });
    for (const theme of THEMES) {
      const context = await browser.newContext({
        colorScheme: theme,
        viewport: { width: 1280, height: 900 },
        timezoneId: 'UTC',
        locale: 'en-GB',
      });
      const page = await context.newPage();
      for (const { name, path } of PAGES) {
        await page.goto(base + path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const file = join(OUT, `${name}-${theme}.png`);
        await page.screenshot({ path: file, animations: 'disabled' });
        console.log(`  ${file}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    console_.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
