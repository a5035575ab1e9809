import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { TokensService } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { Queues } from '@tripartite/queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'tripartite_admin';

function cookieToken(req: Request): string | null {
  const header = req.headers.cookie ?? '';
  const match = header
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return match ? decodeURIComponent(match.slice(COOKIE.length + 1)) : null;
}

/**
 * Bull Board for ADMIN tokens only. A browser cannot send a bearer header, so
 * `?token=<accessToken>` once sets an HttpOnly cookie scoped to the dashboard.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const tokens = app.get(TokensService);
  const config = app.get(AppConfig);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: app
      .get(Queues)
      .all()
      .map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
  });

  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : null;
    let token: string | null = null;
    try {
      token = fromQuery ?? tokens.fromHeader(req.headers.authorization) ?? cookieToken(req);
      // The session and roles as they stand now: a demoted or deactivated admin is out at once.
      const actor = token ? await tokens.authenticate(token) : null;
      if (!actor || !token) return res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in as an admin' } });
      if (!actor.roles.includes('ADMIN')) return res.status(403).json({ error: { code: 'FORBIDDEN', message: 'Admins only' } });
      if (fromQuery) {
        const maxAge = Math.max(0, Math.floor((tokens.verify(token).expiresAt.getTime() - Date.now()) / 1000));
        res.setHeader(
          'Set-Cookie',
          `${COOKIE}=${encodeURIComponent(fromQuery)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${config.isProduction ? '; Secure' : ''}`,
        );
        return res.redirect(303, QUEUE_DASHBOARD_PATH);
      }
      return next();
    } catch {
      return res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Invalid access token' } });
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, adapter.getRouter());
}
