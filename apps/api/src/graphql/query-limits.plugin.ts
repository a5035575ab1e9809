import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  NoSchemaIntrospectionCustomRule,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  visit,
} from 'graphql';
import type { NextFunction, Request, Response } from 'express';
import { isBoardAuthorization } from '@tripartite/auth';
import { AppError, type FieldError } from '@tripartite/common';
import { checkBoardScope } from './board-scope';
import { ConcurrencyGate } from './concurrency-gate';
import type { GqlContext } from './context';
import { LIST_BOUNDS, type ListBound } from './list-bounds';
import { FirstTooLarge, NestedBackReference, TooManyNodes, operationCost } from './query-cost';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** The page size a `first` argument left null stands for (AppConfig.GRAPHQL_MAX_FIRST). */
  maxFirst: number;
  /** Characters of the document, checked before it is parsed (default MAX_DOCUMENT_LENGTH). */
  maxDocumentLength?: number;
  /** Aliased fields in the operation, fragments counted where spread (default MAX_ALIASES). */
  maxAliases?: number;
  /** How many elements each list can hold (default LIST_BOUNDS). */
  listBounds?: Record<string, ListBound>;
}

/** No screen needs a longer document; refusing it before parsing bounds the parsing and validation work. */
export const MAX_DOCUMENT_LENGTH = 50_000;
/**
 * Each alias of a field runs its resolver again, and cheap fields (`me`, `totalCount`, a list under
 * `first: 0`) cost next to nothing: without this, one request could run a thousand SQL statements.
 */
export const MAX_ALIASES = 100;

/** The deepest chain of fields with selections; introspection (`__schema`, `__type`) is not counted. Fragments are measured once each, so fragment "bombs" cost linear time. */
export function operationDepth(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  const depthOf = (set: SelectionSetNode): number => {
    let max = 0;
    for (const s of set.selections) {
      let d = 0;
      if (s.kind === Kind.FIELD) d = s.selectionSet && !s.name.value.startsWith('__') ? 1 + depthOf(s.selectionSet) : 0;
      else if (s.kind === Kind.INLINE_FRAGMENT) d = depthOf(s.selectionSet);
      else {
        const name = s.name.value;
        if (!memo.has(name)) {
          memo.set(name, 0); // a cycle (refused by validation anyway) ends here
          const fragment = fragments.get(name);
          memo.set(name, fragment ? depthOf(fragment.selectionSet) : 0);
        }
        d = memo.get(name)!;
      }
      if (d > max) max = d;
    }
    return max;
  };
  return depthOf(operation.selectionSet);
}

/** Aliased fields of the operation, a fragment counted each time it is spread (measured once each, like depth). */
export function operationAliases(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  const aliasesOf = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += (s.alias ? 1 : 0) + (s.selectionSet ? aliasesOf(s.selectionSet) : 0);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += aliasesOf(s.selectionSet);
      else {
        const name = s.name.value;
        if (!memo.has(name)) {
          memo.set(name, 0); // a cycle (refused by validation anyway) ends here
          const fragment = fragments.get(name);
          memo.set(name, fragment ? aliasesOf(fragment.selectionSet) : 0);
        }
        n += memo.get(name)!;
      }
    }
    return n;
  };
  return aliasesOf(operation.selectionSet);
}

/** A document longer than the limit, as a QUERY_TOO_COMPLEX error (checked before parsing); null otherwise. */
export function checkDocumentLength(limits: QueryLimits, source: string): AppError | null {
  const max = limits.maxDocumentLength ?? MAX_DOCUMENT_LENGTH;
  return source.length > max ? AppError.queryTooComplex('size', max, source.length) : null;
}

/**
 * PostgreSQL text cannot hold U+0000: a string argument carrying it would fail in the driver (an
 * INTERNAL_SERVER_ERROR). Refused as BAD_USER_INPUT naming the argument, before any resolver runs.
 */
export function checkNulCharacters(document: DocumentNode, variables: Record<string, unknown> | null | undefined): AppError | null {
  const fields = new Set<string>();
  const inValue = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (value.includes('\u0000')) fields.add(path);
    } else if (Array.isArray(value)) value.forEach((v, i) => inValue(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) inValue(v, `${path}.${k}`);
  };
  const inNode = (node: ValueNode, path: string): void => {
    if (node.kind === Kind.STRING) inValue(node.value, path);
    else if (node.kind === Kind.LIST) node.values.forEach((v, i) => inNode(v, `${path}[${i}]`));
    else if (node.kind === Kind.OBJECT) node.fields.forEach((f) => inNode(f.value, `${path}.${f.name.value}`));
    else if (node.kind === Kind.VARIABLE) inValue(variables?.[node.name.value], path);
  };
  visit(document, {
    Argument: (node) => inNode(node.value, node.name.value),
    VariableDefinition: (node) => void (node.defaultValue && inNode(node.defaultValue, `$${node.variable.name.value}`)),
  });
  if (!fields.size) return null;
  // The wording AdminService already uses for a NUL in a name.
  const errors: FieldError[] = [...fields].map((field) => ({ field, message: 'may not contain control characters' }));
  return AppError.badInput(errors);
}

/** The error Apollo sends as it is: the AppError's code and extensions (formatError unwraps it), HTTP 400. */
function asGraphQLError(error: AppError, http = true): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, ...error.extensions, ...(http ? { http: { status: 400 } } : {}) },
  });
}

/** Depth, cost, then aliases: the first limit exceeded as a QUERY_TOO_COMPLEX error; null when the operation may run. */
export function checkQueryLimits(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): AppError | null {
  return assessQuery(limits, schema, document, operation, variables).error;
}

/** checkQueryLimits, with the operation's cost when it may run (0 when it is refused or its variables do not coerce). */
export function assessQuery(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): { error: AppError | null; cost: number } {
  const refused = (error: AppError) => ({ error, cost: 0 });
  // Variables that do not coerce stop the operation before any resolver runs; Apollo reports them.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return { error: null, cost: 0 };
  const depth = operationDepth(operation, document);
  if (depth > limits.maxDepth) return refused(AppError.queryTooComplex('depth', limits.maxDepth, depth));
  // Bounds the work of counting; a document past it is far above the cost limit too.
  const maxNodes = Math.max(10_000, limits.maxCost * 3);
  let cost: number;
  try {
    cost = operationCost(schema, document, operation, coerced.coerced, { bounds: limits.listBounds ?? LIST_BOUNDS, maxFirst: limits.maxFirst, maxNodes });
  } catch (error) {
    if (error instanceof TooManyNodes) return refused(AppError.queryTooComplex('cost', limits.maxCost, maxNodes));
    if (error instanceof FirstTooLarge) return refused(AppError.badInput([{ field: 'first', message: `must be at most ${error.max}` }]));
    if (error instanceof NestedBackReference) {
      return refused(AppError.queryTooComplex('nesting', 1, 2, `${error.path}: a list may not be selected again inside a list of the same kind`));
    }
    // An argument that cannot be coerced: refuse the whole operation rather than run it unmeasured.
    if (error instanceof GraphQLError) return refused(AppError.badInput([], error.message));
    throw error;
  }
  if (cost > limits.maxCost) return refused(AppError.queryTooComplex('cost', limits.maxCost, cost));
  const maxAliases = limits.maxAliases ?? MAX_ALIASES;
  const aliases = operationAliases(operation, document);
  if (aliases > maxAliases) return refused(AppError.queryTooComplex('aliases', maxAliases, aliases));
  return { error: null, cost };
}

/**
 * Express middleware for the GraphQL path: a document longer than the limit is answered at once, as Apollo
 * would answer an error (Apollo turns an error thrown by a plugin before parsing into a 500).
 */
export function documentLengthGuard(limits: QueryLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const query: unknown = req.method === 'GET' ? req.query?.query : (req.body as { query?: unknown } | undefined)?.query;
    const error = typeof query === 'string' ? checkDocumentLength(limits, query) : null;
    if (!error) return next();
    res.status(400).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] });
  };
}

/**
 * Refuses a query deeper, costlier or with more aliases than the limits, and NUL characters in its strings,
 * after validation and before any resolver runs. Queries costing `heavyCost` or more then wait for one of a
 * few slots (`heavy`), so that a flood of the largest allowed queries never holds the whole event loop.
 */
export function queryLimitsPlugin(
  limits: QueryLimits,
  schemaOf: () => GraphQLSchema,
  heavy?: { cost: number; gate: ConcurrencyGate },
): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
      let release: (() => void) | undefined;
      return {
        // Thrown here, a GraphQLError reaches the client with its code and this HTTP status.
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return; // Apollo has already refused it
          // A room's board link: its board's fields only, decided on the document (before the link is even looked up).
          const board = isBoardAuthorization(contextValue.req?.headers?.authorization) ? checkBoardScope(schemaOf(), document) : null;
          const { error, cost } = board ? { error: board, cost: 0 } : assessQuery(limits, schemaOf(), document, operation, request.variables);
          const refusal = error ?? checkNulCharacters(document, request.variables);
          if (refusal) throw asGraphQLError(refusal);
          if (heavy && cost >= heavy.cost && operation.operation !== 'subscription') {
            const budget = contextValue.budget;
            try {
              release = await heavy.gate.enter(budget ? budget.timeoutMs - budget.elapsedMs : 10_000);
            } catch (wait) {
              if (wait instanceof AppError) throw asGraphQLError(wait);
              throw wait;
            }
          }
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}

/**
 * graphql-ws `onSubscribe`: the same checks for operations sent over the WebSocket, which Apollo's
 * plugins never see (pass `introspection: false` in production). Errors carry Apollo's codes, which
 * formatError maps as it does over HTTP.
 * Returning nothing lets graphql-ws run the operation.
 */
export function limitsOnSubscribe(
  limits: QueryLimits,
  schemaOf: () => GraphQLSchema,
  { introspection = true, boardOnly = (_ctx: unknown) => false }: { introspection?: boolean; boardOnly?: (ctx: unknown) => boolean } = {},
) {
  const rules = introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const withCode = (code: string, errors: readonly GraphQLError[]) =>
    errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code } }));
  return (
    ctx: unknown,
    _id: string,
    payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  ): readonly GraphQLError[] | void => {
    const tooLong = checkDocumentLength(limits, payload.query);
    if (tooLong) return [asGraphQLError(tooLong, false)];
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      if (error instanceof GraphQLError) return withCode('GRAPHQL_PARSE_FAILED', [error]);
      throw error;
    }
    const schema = schemaOf();
    const invalid = validate(schema, document, rules);
    if (invalid.length) return withCode('GRAPHQL_VALIDATION_FAILED', invalid);
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = payload.operationName
      ? operations.find((o) => o.name?.value === payload.operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
    if (!operation)
      return withCode('OPERATION_RESOLUTION_FAILURE', [new GraphQLError('The operation to run is missing or ambiguous; name it with operationName')]);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
    if (coerced.errors) return withCode('BAD_USER_INPUT', coerced.errors);
    const error =
      (boardOnly(ctx) ? checkBoardScope(schema, document) : null) ??
      checkQueryLimits(limits, schema, document, operation, payload.variables ?? undefined) ??
      checkNulCharacters(document, payload.variables);
    return error ? [asGraphQLError(error, false)] : undefined;
  };
}
