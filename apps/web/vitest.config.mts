// Unit tests of the web client's logic (hooks, pure helpers) in a simulated DOM (happy-dom); the pages
// themselves are tested in Debian's chromium (test/web).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  resolve: { alias: { '@tripartite/domain': here('../../libs/domain/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    // English loaded before each file, as the page does before its first render (each language is a chunk of its own).
    setupFiles: ['src/i18n/vitest-setup.ts'],
  },
});
