import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The dev server proxies /api to a running console server (`npm start`),
// so `npm run dev` sees exactly what production sees.
const consoleUrl = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
    sourcemap: true,
    // Read by scripts/bundle-budget.ts to find what each route loads.
    manifest: true,
  },
});
