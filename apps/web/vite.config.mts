// Builds the browser client into dist/web, which the api serves at / (apps/api/src/web).
// Development: `npm run dev:web` with the api on :3000 (proxied below).
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  resolve: { alias: { '@tripartite/domain': here('../../libs/domain/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [
    // Every script, stylesheet and index.html also as .br and .gz, made once here at their best levels: the api
    // sends the one the browser accepts (apps/api/src/web/web-client.ts) and never compresses on the fly.
    compression({
      include: /\.(js|css|html|svg|json)$/,
      threshold: 0,
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
      skipIfLargerOrEqual: false,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Maps for whoever holds the build (dist/web/assets/*.map), named by no bundle and never served by the api.
    sourcemap: 'hidden',
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
