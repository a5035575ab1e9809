import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { Actor, AppError } from '@tripartite/common';
import { ACCESS_KEY, Access, RequestWithActor, requestOf } from './auth.decorators';
import { BOARD_READABLE_KEY, BoardLinkAuthenticator, isBoardActor, isBoardToken } from './board-credentials';
import { SessionActor, TokensService } from './tokens.service';

const BOARD_ONLY = "A board link only reads its meeting's board";

/**
 * Global guard: authenticates the bearer token (and its session, as it stands now) and applies the operation's declared
 * access. A board link (`tbl_` token) passes only operations declared @BoardReadable, whatever else they allow.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const req = requestOf(context);
    if (!access) throw AppError.forbidden('This operation is not open to anyone');
    const boardReadable = () => this.reflector.getAllAndOverride<boolean | undefined>(BOARD_READABLE_KEY, [context.getHandler(), context.getClass()]) === true;
    if (access.kind === 'public') {
      // A stale token must not stop anyone from signing in again or probing health.
      if (req.actor === undefined) req.actor = await this.authenticate(req).catch(() => null);
      if (isBoardActor(req.actor) && !boardReadable()) throw AppError.forbidden(BOARD_ONLY);
      return true;
    }
    if (req.actor === undefined) req.actor = await this.authenticate(req);
    if (!req.actor) throw AppError.unauthenticated();
    if (isBoardActor(req.actor)) {
      if (boardReadable()) return true;
      throw AppError.forbidden(BOARD_ONLY);
    }
    if (access.kind === 'authenticated') return true;
    if (req.actor.roles.some((r) => access.roles.includes(r))) return true;
    throw AppError.forbidden(`Requires one of the roles ${access.roles.join(', ')}`);
  }

  private async authenticate(req: RequestWithActor): Promise<SessionActor | Actor | null> {
    const header = req.headers['authorization'];
    const token = this.tokens.fromHeader(Array.isArray(header) ? header[0] : header);
    if (!token) return null;
    if (isBoardToken(token)) {
      // A process without the meetings capability knows no board link.
      let boards: BoardLinkAuthenticator | null = null;
      try {
        boards = this.moduleRef.get(BoardLinkAuthenticator, { strict: false });
      } catch {
        boards = null;
      }
      const actor = boards ? await boards.authenticate(token) : null;
      if (!actor) throw AppError.unauthenticated("This board link is not valid: revoked, expired, or its meeting's report adopted");
      return actor;
    }
    return this.tokens.authenticate(token);
  }
}
