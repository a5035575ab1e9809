import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AdminService, AuthService, Public, type RefreshResult } from '@tripartite/auth';
import { AppError, ErrorCode } from '@tripartite/common';
import { effectiveLanguage, type Language } from '@tripartite/domain';
import { clearRefreshCookie, readRefreshCookie, requireCsrfHeader, setRefreshCookie } from './refresh-cookie';

/** What POST /auth/refresh answers: login's payload, as JSON. */
export interface RefreshBody {
  accessToken: string;
  expiresAt: string;
  sessionExpiresAt: string;
  user: {
    id: string;
    email: string;
    displayName: string;
    roles: string[];
    organization: { id: string; name: string; group: string } | null;
    language: Language;
  };
}

/**
 * The web client's session cookie: POST /auth/refresh trades it for a new access token (and rotates it), POST
 * /auth/logout ends its session. Both need the X-Requested-With header; neither reads a body.
 */
@Controller('auth')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly admin: AdminService,
  ) {}

  /** 200 with a new access token; 204 when no cookie was sent (nobody to refresh); 401 when its session has ended. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RefreshBody | undefined> {
    requireCsrfHeader(req);
    res.setHeader('Cache-Control', 'no-store');
    const token = readRefreshCookie(req);
    if (!token) {
      res.status(204);
      return undefined;
    }
    let result: RefreshResult;
    try {
      result = await this.auth.refresh(token);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) clearRefreshCookie(req, res);
      throw error;
    }
    if (result.refreshToken) setRefreshCookie(req, res, result.refreshToken);
    const { user } = result;
    const [organization] = user.organizationId ? await this.admin.organizationsByIds([user.organizationId]) : [];
    return {
      accessToken: result.accessToken,
      expiresAt: result.expiresAt.toISOString(),
      sessionExpiresAt: result.sessionExpiresAt.toISOString(),
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        roles: user.roles,
        organization: organization ? { id: organization.id, name: organization.name, group: organization.group } : null,
        language: effectiveLanguage(user.language, organization?.defaultLanguage),
      },
    };
  }

  /** Ends the session of the cookie and of the bearer token (expired or not), and clears the cookie. Always 204. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    requireCsrfHeader(req);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
    await this.auth.logoutWith({ refreshToken: readRefreshCookie(req), accessToken: bearer });
    clearRefreshCookie(req, res);
  }
}
