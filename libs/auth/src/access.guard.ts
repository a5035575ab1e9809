import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@tripartite/common';
import { ACCESS_KEY, Access, RequestWithActor, requestOf } from './auth.decorators';
import { SessionActor, TokensService } from './tokens.service';

/** Global guard: authenticates the bearer token (and its session, as it stands now) and applies the operation's declared access. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const req = requestOf(context);
    if (!access) throw AppError.forbidden('This operation is not open to anyone');
    if (access.kind === 'public') {
      // A stale token must not stop anyone from signing in again or probing health.
      if (req.actor === undefined) req.actor = await this.authenticate(req).catch(() => null);
      return true;
    }
    if (req.actor === undefined) req.actor = await this.authenticate(req);
    if (!req.actor) throw AppError.unauthenticated();
    if (access.kind === 'authenticated') return true;
    if (req.actor.roles.some((r) => access.roles.includes(r))) return true;
    throw AppError.forbidden(`Requires one of the roles ${access.roles.join(', ')}`);
  }

  private async authenticate(req: RequestWithActor): Promise<SessionActor | null> {
    const header = req.headers['authorization'];
    const token = this.tokens.fromHeader(Array.isArray(header) ? header[0] : header);
    return token ? this.tokens.authenticate(token) : null;
  }
}
