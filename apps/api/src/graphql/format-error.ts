import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import type { PinoLogger } from 'nestjs-pino';
import { AppError, ErrorCode } from '@tripartite/common';
import { PG_QUERY_CANCELED, pgCode } from '@tripartite/database';

const PASS_THROUGH = new Set<string>(Object.values(ErrorCode));
// Apollo's own codes for a request that is malformed before any resolver runs.
const AS_BAD_INPUT = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** graphql-js names the nearest fields, arguments, types and enum values of the schema ("Did you mean ...?"). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export interface FormatErrorOptions {
  /** Production: no suggestion may reveal the schema (introspection is off there), over HTTP or the WebSocket. */
  hideSuggestions?: boolean;
  /** REQUEST_TIMEOUT_MS: a statement cancelled by statement_timeout is reported against it. */
  requestTimeoutMs?: number;
}

/** Maps every error to a contract code; anything unexpected becomes a generic INTERNAL_SERVER_ERROR. */
export function makeFormatError(logger: PinoLogger, options: FormatErrorOptions = {}) {
  const format = formatWith(logger, options.requestTimeoutMs ?? null);
  if (!options.hideSuggestions) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return result.message.includes('Did you mean') ? { ...result, message: result.message.replace(SUGGESTION, '') } : result;
  };
}

function formatWith(logger: PinoLogger, timeoutMs: number | null) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    while (original instanceof GraphQLError && original.originalError) original = original.originalError;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.extensions } };
    }
    if (pgCode(original) === PG_QUERY_CANCELED) {
      // The request's statement ran into REQUEST_TIMEOUT_MS (its transaction rolled back).
      return {
        ...base,
        message: 'The request ran longer than allowed and was stopped',
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, kind: 'time', limit: timeoutMs, actual: null },
      };
    }
    if (original instanceof HttpException) {
      const status = original.getStatus();
      const code =
        status === 401
          ? ErrorCode.UNAUTHENTICATED
          : status === 403
            ? ErrorCode.FORBIDDEN
            : status === 404
              ? ErrorCode.NOT_FOUND
              : status === 429
                ? ErrorCode.RATE_LIMITED
                : status < 500
                  ? ErrorCode.BAD_USER_INPUT
                  : undefined;
      if (code) return { ...base, message: original.message, extensions: code === ErrorCode.BAD_USER_INPUT ? { code, fields: [] } : { code } };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code && AS_BAD_INPUT.has(code)) {
      // Not about one input field; the list is there so every BAD_USER_INPUT has the same shape.
      return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [] } };
    }
    if (code && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions };
    }
    logger.error({ err: withoutParameters(original), path: formatted.path }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/** graphql-ws hooks: the same formatting for results sent over the WebSocket, which Apollo never sees. */
export function wsErrorHooks(format: ReturnType<typeof makeFormatError>): Pick<ServerOptions, 'onNext' | 'onError'> {
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));
  return {
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : undefined),
    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
  };
}

/** Driver errors carry the query's parameters (password hashes, personal data): the log keeps the rest. */
function withoutParameters(error: unknown): unknown {
  if (!(error instanceof Error) || !('parameters' in error)) return error;
  const { parameters: _omit, ...rest } = error as Error & Record<string, unknown>;
  return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as Error, rest, { message: error.message, stack: error.stack });
}
