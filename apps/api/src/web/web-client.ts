import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { isClientRoute } from './client-routes';

/**
 * Where `npm run build` put the browser client: dist/web beside the built api (dist/apps/api/src/web),
 * or, when the api runs from its sources (tests), the repository's dist/web.
 */
export function webRoot(): string | null {
  const candidates = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** Hashed file names (the bundler's): the same name always holds the same bytes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * What the build leaves beside the files but nobody outside may ask for by name: source maps (they would
 * publish the sources) and the precompressed variants (sent in place of their original, never as files).
 */
export function isHiddenFile(path: string): boolean {
  return /\.(map|br|gz)$/i.test(path);
}

/**
 * Helmet's headers that govern a document (what it may load, frame, refer, sniff for XSS): on a script or a
 * stylesheet they do nothing but cost bytes, about 570 per answer, which a slow link pays for each asset. An asset
 * keeps X-Content-Type-Options (nosniff matters for scripts), Cross-Origin-Resource-Policy and HSTS.
 */
export const DOCUMENT_ONLY_HEADERS = [
  'Content-Security-Policy',
  'Cross-Origin-Opener-Policy',
  'Origin-Agent-Cluster',
  'Referrer-Policy',
  'X-DNS-Prefetch-Control',
  'X-Download-Options',
  'X-Frame-Options',
  'X-Permitted-Cross-Domain-Policies',
  'X-XSS-Protection',
] as const;

/** The cookie the client mirrors the reader's language choice in (apps/web/src/i18n/language-choice.ts). */
export const LANGUAGE_COOKIE = 'tripartite.language';

type Language = 'EN' | 'FR' | 'ES';
const LANGUAGES: readonly string[] = ['EN', 'FR', 'ES'];

/**
 * The chunk of each language's words, from the build's manifest
 * (dist/web/.vite/manifest.json, never served: serve-static ignores dot directories).
 */
export function languageChunks(root: string): Partial<Record<Language, string>> {
  try {
    const manifest = JSON.parse(readFileSync(join(root, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file?: string; src?: string }>;
    const chunks: Partial<Record<Language, string>> = {};
    for (const [key, entry] of Object.entries(manifest)) {
      const language = /(?:^|\/)src\/i18n\/(en|fr|es)\.ts$/.exec(entry.src ?? key)?.[1]?.toUpperCase() as Language | undefined;
      if (language && entry.file) chunks[language] = `/${entry.file}`;
    }
    return chunks;
  } catch {
    return {};
  }
}

/**
 * The language the page will start in, as the client decides it (initialLanguage): the choice kept in this browser
 * (mirrored in a cookie), else the first of the browser's languages (Accept-Language, by preference) that is ours,
 * else English.
 */
export function readerLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  const kept = /(?:^|;)\s*tripartite\.language=(EN|FR|ES)\s*(?:;|$)/.exec(cookie ?? '')?.[1];
  if (kept) return kept as Language;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';').map((x) => x.trim());
      const q = params.find((x) => x.startsWith('q='));
      return { tag, order, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0]!.toUpperCase();
    if (LANGUAGES.includes(primary)) return primary as Language;
  }
  return 'EN';
}

/**
 * Serves the client: its hashed assets (cached for a year), and index.html (never cached) for the client's
 * routes, each as the build precompressed it (`.br`, then `.gz`, as Accept-Encoding allows; identity
 * otherwise) with `Vary: Accept-Encoding`. Source maps are not served (404). /graphql, /health, /metrics,
 * /admin and /exports are not client routes. index.html names the chunk of the reader's language (each
 * language's words are a chunk of their own) in a `Link: rel=modulepreload` header: it comes beside the main
 * bundle instead of after it (one round trip less on a slow link).
 */
export function mountWebClient(app: NestExpressApplication, root = webRoot()): void {
  if (!root) {
    new Logger('WebClient').warn('no built web client (dist/web): run `npm run build`; serving the API only');
    return;
  }
  const assets = join(root, 'assets');
  const chunks = languageChunks(root);
  const files = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false,
      // The api's own routes answer what is not a file here.
      fallthrough: true,
      setHeaders(res, path) {
        // A precompressed file's type, set by express-static-gzip, in the spelling the others have ("charset=utf-8").
        const type = res.getHeader('Content-Type');
        if (typeof type === 'string') res.setHeader('Content-Type', type.replace(/charset=UTF-8$/, 'charset=utf-8'));
        const asset = path.startsWith(assets + '/');
        res.setHeader('Cache-Control', asset ? IMMUTABLE : 'no-cache');
        if (asset) for (const header of DOCUMENT_ONLY_HEADERS) res.removeHeader(header);
        // What a client route's index.html carries depends on the reader's language too (its Link header).
        if (/[\\/]index\.html(\.br|\.gz)?$/.test(path)) res.setHeader('Vary', 'Accept-Encoding, Accept-Language, Cookie');
      },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (isHiddenFile(req.path)) return next();
    if (!isClientRoute(req.path)) return files(req, res, next);
    // A client route: index.html, compressed like the assets (the router in the page takes over).
    const chunk = chunks[readerLanguage(req.headers.cookie, req.headers['accept-language'])];
    if (chunk) res.setHeader('Link', `<${chunk}>; rel=modulepreload`);
    const url = req.url;
    req.url = '/index.html';
    files(req, res, (error?: unknown) => {
      req.url = url;
      next(error);
    });
  });
}
