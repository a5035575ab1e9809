// Builds the browser client into dist/web, which the api serves at / (apps/api/src/web).
// Development: `npm run dev:web` with the api on :3000 (proxied below).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  resolve: { alias: { '@tripartite/domain': here('../../libs/domain/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One small app: no inline assets (the production CSP allows scripts and images from 'self' only).
    assetsInlineLimit: 0,
    // The timing report is noise on a shared 2-core machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
      '/exports': { target: api },
    },
  },
});
