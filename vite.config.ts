import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';

// The dev server proxies /api to a running console server (`npm start`),
// so `npm run dev` sees exactly what production sees.
const consoleUrl = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig(({ command }) => ({
  plugins: [react(), tailwindcss()],
  resolve: {
    // React Router 7's package exports always point at its development build (with its dev-only
    // warnings; remix-run/react-router#12532, #14102). Builds take the production one it ships.
    alias:
      command === 'build'
        ? [
            {
              find: /^react-router$/,
              replacement: fileURLToPath(
                new URL('node_modules/react-router/dist/production/index.mjs', import.meta.url),
              ),
            },
          ]
        : [],
  },
  server: {
    proxy: {
      '/api': {
        target: consoleUrl,
        // The console answers only its own Host and Origin (server/host-check.ts): the dev
        // server's requests are presented as the console's own.
        changeOrigin: true,
        configure: (proxy) =>
          proxy.on('proxyReq', (req) => {
            if (req.getHeader('origin')) req.setHeader('origin', new URL(consoleUrl).origin);
          }),
      },
    },
  },
  build: {
    target: 'es2022',
    // Maps are written for debugging but not linked from the files: the comment costs every page.
    sourcemap: 'hidden',
    // Read by scripts/bundle-budget.ts to find what each route loads.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The libraries every page needs before it renders, in one chunk: left to itself the
          // bundler splits them into four (react, zod, parts of TanStack Query), and each split
          // costs every page its imports, exports and a gzip stream of its own (0.9 KB).
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-error-boundary|zod|@tanstack[\\/]query-core|@tanstack[\\/]react-query)[\\/]/,
            },
            // What the detail pages and the audit page share: one chunk, not three small ones.
            {
              name: 'page-common',
              test: /src[\\/](lib[\\/](time|use-time-zone)\.ts|components[\\/](copy-button|copy-link-button|time-zone-toggle|lazy-section|error-panel-lazy)\.tsx|app[\\/]routes[\\/]invalid-param\.tsx)$/,
            },
          ],
        },
      },
    },
  },
}));
