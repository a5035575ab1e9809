import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@tripartite/domain';
import type { Actor } from '@tripartite/common';

export const ACCESS_KEY = 'tripartite:access';

/** Who may call an operation. An operation with none of these is refused (deny by default). */
export type Access = { kind: 'public' } | { kind: 'roles'; roles: Role[] } | { kind: 'authenticated' };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies Access);
/** Any signed-in user; the service decides finer rules (own organization, meeting moderator...). */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies Access);

export interface RequestWithActor {
  actor?: Actor | null;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

export function requestOf(context: ExecutionContext): RequestWithActor {
  if (context.getType<string>() === 'graphql') {
    const ctx = GqlExecutionContext.create(context).getContext<{ req: RequestWithActor }>();
    return ctx.req;
  }
  return context.switchToHttp().getRequest<RequestWithActor>();
}

/** The signed-in actor (the guard has checked there is one where the operation needs it). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => requestOf(context).actor ?? null);
