import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { isClientRoute } from './client-routes';

/**
 * Where `npm run build` put the browser client: dist/web beside the built api (dist/apps/api/src/web),
 * or, when the api runs from its sources (tests), the repository's dist/web.
 */
export function webRoot(): string | null {
  const candidates = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the client: its hashed assets (cached for a year), and index.html (never cached) for the
 * client's routes. /graphql, /health, /metrics, /admin and /exports are not client routes.
 */
export function mountWebClient(app: NestExpressApplication, root = webRoot()): void {
  if (!root) {
    new Logger('WebClient').warn('no built web client (dist/web): run `npm run build`; serving the API only');
    return;
  }
  const index = join(root, 'index.html');
  app.useStaticAssets(root, {
    index: false,
    redirect: false,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isClientRoute(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (error) => error && next(error));
  });
}
