import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Property tests run 10,000 cases each: about 3 s on a quiet machine, over 5 s (the default
// limit) on a busy 2-core one. A test that hangs still fails. (Projects do not inherit it.)
const testTimeout = 30_000;

// Two projects: the SPA's tests run in jsdom, the server's and sandbox's in plain Node.
export default defineConfig({
  test: {
    restoreMocks: true,
    // Vitest's default leaves one core free: on CI's 2 cores that is one worker, and the run
    // takes about 1.4 times as long (206 s against 153 s here, the latter on a busier machine).
    maxWorkers: '100%',
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'spa',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout,
          setupFiles: ['src/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'node',
          include: ['server/**/*.test.ts', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          // One PostgreSQL server for the run: the store tests run against it too.
          globalSetup: ['server/test-postgres-setup.ts'],
          testTimeout,
        },
      },
    ],
  },
});
