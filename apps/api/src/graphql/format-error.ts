import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import type { PinoLogger } from 'nestjs-pino';
import { AppError, ErrorCode } from '@tripartite/common';

const PASS_THROUGH = new Set<string>(Object.values(ErrorCode));
// Apollo's own codes for a request that is malformed before any resolver runs.
const AS_BAD_INPUT = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** Maps every error to a contract code; anything unexpected becomes a generic INTERNAL_SERVER_ERROR. */
export function makeFormatError(logger: PinoLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    while (original instanceof GraphQLError && original.originalError) original = original.originalError;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.extensions } };
    }
    if (original instanceof HttpException) {
      const status = original.getStatus();
      const code = status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : status === 404 ? ErrorCode.NOT_FOUND : status === 429 ? ErrorCode.RATE_LIMITED : status < 500 ? ErrorCode.BAD_USER_INPUT : undefined;
      if (code) return { ...base, message: original.message, extensions: { code } };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code && AS_BAD_INPUT.has(code)) {
      return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (code && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return { ...base, extensions: { ...formatted.extensions } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
