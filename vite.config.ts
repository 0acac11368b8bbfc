import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { pureReactRouterComponents } from './scripts/vite-pure-react-router.ts';

// The dev server proxies /api to a running console server (`npm start`),
// so `npm run dev` sees exactly what production sees.
const consoleUrl = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080';

// The libraries every page needs before it renders (see codeSplitting below).
const VENDOR =
  /node_modules[\\/](react|react-dom|scheduler|react-router|react-error-boundary|zod|@tanstack[\\/]query-core|@tanstack[\\/]react-query)[\\/]/;
// Parts of those libraries only some pages use: left to the chunks of the pages that do.
// useMutation (the overview's actions alone): 0.5 KB gzip off every other page.
const VENDOR_EXCEPT =
  /[\\/]@tanstack[\\/](query-core|react-query)[\\/].*[\\/](mutationObserver|useMutation)\.js$/;

export default defineConfig(({ command }) => ({
  // pureReactRouterComponents: unused React Router components out of the build (1.3 KB gzip).
  plugins: [react(), tailwindcss(), pureReactRouterComponents()],
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
    // Browsers without <link rel=modulepreload> (Safari before 17, Firefox before 115) load the
    // same modules, only not ahead of time: the polyfill would cost every page 0.2 KB gzip.
    modulePreload: { polyfill: false },
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
              test: (id) => VENDOR.test(id) && !VENDOR_EXCEPT.test(id),
            },
            {
              // What the detail pages share (badges, sections, live status, error and retry
              // notices), in one chunk: left to the bundler, every page that uses part
              // of it (the process list) splits it into pieces, and each piece costs every page.
              name: 'page-kit',
              test: /src[\\/](components[\\/](ui[\\/]badge|section|live-status|lazy-section|error-panel-lazy|refresh-failed-banner|timestamp|retry-notice)|lib[\\/](use-now|use-live-refresh))\.tsx?$/,
              // Only these modules: what they import stays where it was (the shell, time.ts).
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
}));
