import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 8181);
const DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';
/** A second console with sign-in (AUTH_MODE=oidc, the development provider): e2e/sign-in.spec.ts. */
const SIGN_IN_PORT = PORT + 1;

/**
 * The e2e tests run the built SPA through the real console server against the real sandbox,
 * over loopback HTTP, in Debian's headless Chromium.
 */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // A test loads several pages and runs axe on a 2-core machine that also runs the servers.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, grepInvert: /@pauses-upstream/ },
    // An upstream 429 pauses that upstream for every request: those tests run alone, last.
    {
      name: 'upstream-pause',
      use: { browserName: 'chromium' },
      grep: /@pauses-upstream/,
      dependencies: ['chromium'],
    },
  ],
  webServer: [
    {
      command: 'node node_modules/tsx/dist/cli.mjs server/main.ts',
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATA_DIR,
        STATIC_DIR: process.env.E2E_STATIC_DIR ?? 'dist',
        // Short timeouts so the timeout fixtures answer quickly in tests.
        UPSTREAM_TIMEOUT_MS: '1500',
        SANDBOX_SLOW_DELAY_MS: '4000',
      },
    },
    {
      command: 'node node_modules/tsx/dist/cli.mjs server/main.ts',
      // The probe needs no sign-in; every page would redirect to it.
      url: `http://127.0.0.1:${SIGN_IN_PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      env: {
        PORT: String(SIGN_IN_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: `${DATA_DIR}-sign-in`,
        STATIC_DIR: process.env.E2E_STATIC_DIR ?? 'dist',
        AUTH_MODE: 'oidc',
        AUTH_ALLOWED_DOMAINS: 'example.com',
        TRANSFER_WATCH_INTERVAL_S: '0',
      },
    },
  ],
});
