import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@tripartite/common';

/** The JSON body limit of every route (GraphQL documents are further bounded by MAX_DOCUMENT_LENGTH). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  length?: number;
}

/**
 * body-parser's refusals (malformed JSON, a body over the limit, an unsupported charset) answered with a
 * contract code: in the GraphQL error shape on /graphql, in the shape of the other HTTP routes elsewhere.
 * Nothing of the parser's own message (positions, internals) beyond the kind of problem.
 */
export function bodyErrors() {
  return (error: BodyParserError, req: Request, res: Response, next: NextFunction): void => {
    const known = bodyError(error);
    if (!known) return next(error);
    const { status, appError } = known;
    if (req.path === '/graphql' || req.originalUrl.startsWith('/graphql')) {
      res.status(status).json({ errors: [{ message: appError.message, extensions: { code: appError.code, ...appError.extensions } }] });
    } else {
      res.status(status).json({ error: { code: appError.code, message: appError.message, ...appError.extensions } });
    }
  };
}

function bodyError(error: BodyParserError): { status: number; appError: AppError } | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, appError: AppError.badInput([], 'The request body is not valid JSON') };
    case 'entity.too.large':
      return {
        status: 413,
        appError: AppError.queryTooComplex('size', BODY_LIMIT_BYTES, error.length ?? BODY_LIMIT_BYTES + 1, 'The request body is larger than 1 MB'),
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, appError: AppError.badInput([], 'The request body must be UTF-8 JSON') };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, appError: AppError.badInput([], 'The request body could not be read') };
    default:
      return null;
  }
}
