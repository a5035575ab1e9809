import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, ErrorCode } from '@tripartite/common';

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DEADLINE_PASSED: 409,
  TRANSITION_BLOCKED: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  INTERNAL_SERVER_ERROR: 500,
};

/** Expected errors: handed back to GraphQL as they are (formatError maps them), or answered as JSON on HTTP routes. */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter {
  catch(error: AppError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return error;
    const res = host.switchToHttp().getResponse<Response>();
    res.status(HTTP_STATUS[error.code]).json({ error: { code: error.code, message: error.message, ...error.extensions } });
    return undefined;
  }
}
