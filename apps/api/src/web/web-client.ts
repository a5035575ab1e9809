import { existsSync } from 'node:fs';
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
 * Serves the client: its hashed assets (cached for a year), and index.html (never cached) for the client's
 * routes, each as the build precompressed it (`.br`, then `.gz`, as Accept-Encoding allows; identity
 * otherwise) with `Vary: Accept-Encoding`. Source maps are not served (404). /graphql, /health, /metrics,
 * /admin and /exports are not client routes.
 */
export function mountWebClient(app: NestExpressApplication, root = webRoot()): void {
  if (!root) {
    new Logger('WebClient').warn('no built web client (dist/web): run `npm run build`; serving the API only');
    return;
  }
  const assets = join(root, 'assets');
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
        res.setHeader('Cache-Control', path.startsWith(assets + '/') ? IMMUTABLE : 'no-cache');
      },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (isHiddenFile(req.path)) return next();
    if (!isClientRoute(req.path)) return files(req, res, next);
    // A client route: index.html, compressed like the assets (the router in the page takes over).
    const url = req.url;
    req.url = '/index.html';
    files(req, res, (error?: unknown) => {
      req.url = url;
      next(error);
    });
  });
}
