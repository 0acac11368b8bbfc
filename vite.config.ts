import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The dev server proxies /api to a running console server (`npm start`),
// so `npm run dev` sees exactly what production sees.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: { '/api': process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080' },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Read by scripts/bundle-budget.ts to find what each route loads.
    manifest: true,
  },
});
