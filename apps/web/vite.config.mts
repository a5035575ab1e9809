// Builds the browser client into dist/web, which the api serves at / (apps/api/src/web).
// Development: `npm run dev:web` with the api on :3000 (proxied below).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

/**
 * Each graphql(`...`) call of the pages replaced, at build, by the document codegen made of it (src/gql/graphql.ts),
 * as the client preset advises for production (its babel plugin's work): every chunk carries its own operations
 * only, and src/gql/gql.ts, the map of all of them, drops out of the sign-in page's bundle. A call the map lacks
 * is left as it is (and still works through the map). The lines stay where they were (the maps stay true).
 */
function inlineDocuments(): Plugin {
  let documents = new Map<string, string>();
  return {
    name: 'tripartite:inline-graphql-documents',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      const asts = new Map<string, string>();
      for (const [, name, ast] of readFileSync(here('src/gql/graphql.ts'), 'utf8').matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode</gm)) {
        asts.set(name!, ast!);
      }
      const map = readFileSync(here('src/gql/gql.ts'), 'utf8').split('const documents')[1] ?? '';
      documents = new Map();
      for (const [, source, name] of map.matchAll(/^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),?$/gm)) {
        const ast = asts.get(name!);
        if (ast) documents.set(JSON.parse(source!) as string, ast);
      }
      if (!documents.size) this.warn('no GraphQL documents found in src/gql: the pages keep graphql() calls');
    },
    transform(code, id) {
      if (!/[\\/]apps[\\/]web[\\/]src[\\/].*\.tsx?$/.test(id) || /[\\/]src[\\/]gql[\\/]/.test(id) || !code.includes('graphql(')) return null;
      let inlined = 0;
      const out = code.replace(/\bgraphql\(\s*`((?:[^`\\$]|\$(?!\{))*)`\s*\)/g, (call, source: string) => {
        const ast = documents.get(source);
        if (!ast) return call;
        inlined += 1;
        return `(${ast})${'\n'.repeat(call.split('\n').length - 1)}`;
      });
      return inlined ? { code: out, map: null } : null;
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  resolve: { alias: { '@tripartite/domain': here('../../libs/domain/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [
    inlineDocuments(),
    // Every script, stylesheet and index.html also as .br and .gz, made once here at their best levels: the api
    // sends the one the browser accepts (apps/api/src/web/web-client.ts) and never compresses on the fly.
    compression({
      include: /\.(js|css|html|svg)$/,
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
    // dist/web/.vite/manifest.json: the api finds the languages' chunks in it (a Link header for their readers).
    manifest: true,
    // Maps for whoever holds the build (dist/web/assets/*.map), named by no bundle and never served by the api.
    sourcemap: 'hidden',
    // One small app: no inline assets (the production CSP allows scripts and images from 'self' only).
    assetsInlineLimit: 0,
    // The timing report is noise on a shared 2-core machine.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      output: { codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] } },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
      '/exports': { target: api },
    },
  },
});
