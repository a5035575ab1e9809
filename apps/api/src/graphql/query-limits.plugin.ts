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
  getNullableType,
  getVariableValues,
  isListType,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { ComplexityEstimatorArgs, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppError } from '@tripartite/common';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** The page size a `first` argument left null stands for (AppConfig.GRAPHQL_MAX_FIRST). */
  maxFirst: number;
}

/** How many elements a list without `first` is assumed to hold. */
export const UNBOUNDED_LIST_SIZE = 10;

/**
 * Lists cost their size times their children: `first` when the field takes it, otherwise a fixed guess.
 * A connection's `edges` are already sized by the connection's own `first`.
 */
function listEstimator(maxFirst: number) {
  return ({ args, field, type, childComplexity }: ComplexityEstimatorArgs): number | void => {
    if (field.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' ? args.first : maxFirst;
      return 1 + Math.max(0, first) * childComplexity;
    }
    if (!isListType(getNullableType(field.type))) return;
    const size = type.name.endsWith('Connection') ? 1 : UNBOUNDED_LIST_SIZE;
    return 1 + size * childComplexity;
  };
}

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

/** Depth, then cost: the first limit exceeded as a QUERY_TOO_COMPLEX error; null when the operation may run. */
export function checkQueryLimits(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): AppError | null {
  // Variables that do not coerce stop the operation before any resolver runs; Apollo reports them.
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return null;
  const depth = operationDepth(operation, document);
  if (depth > limits.maxDepth) return AppError.queryTooComplex('depth', limits.maxDepth, depth);
  // Bounds the work of counting (fragments are re-expanded); a document past it is far above the cost limit too.
  const maxQueryNodes = Math.max(10_000, limits.maxCost * 3);
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operation.name?.value,
      estimators: [fieldExtensionsEstimator(), listEstimator(limits.maxFirst), simpleEstimator({ defaultComplexity: 1 })],
      maxQueryNodes,
    });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      return AppError.queryTooComplex('cost', limits.maxCost, maxQueryNodes);
    }
    // An argument that cannot be coerced: refuse the whole operation rather than run it unmeasured.
    if (error instanceof GraphQLError) return AppError.badInput([], error.message);
    throw error;
  }
  if (cost > limits.maxCost) return AppError.queryTooComplex('cost', limits.maxCost, cost);
  return null;
}

/** Refuses a query deeper or costlier than the limits, after validation and before any resolver runs. */
export function queryLimitsPlugin(limits: QueryLimits, schemaOf: () => GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<object>> {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation) return; // Apollo has already refused it
          const error = checkQueryLimits(limits, schemaOf(), document, operation, request.variables);
          // Thrown here, a GraphQLError reaches the client with its code and this HTTP status.
          if (error) throw new GraphQLError(error.message, { extensions: { code: error.code, ...error.extensions, http: { status: 400 } } });
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
export function limitsOnSubscribe(limits: QueryLimits, schemaOf: () => GraphQLSchema, { introspection = true } = {}) {
  const rules = introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const withCode = (code: string, errors: readonly GraphQLError[]) => errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code } }));
  return (_ctx: unknown, _id: string, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): readonly GraphQLError[] | void => {
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
    const operation = payload.operationName ? operations.find((o) => o.name?.value === payload.operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) return withCode('OPERATION_RESOLUTION_FAILURE', [new GraphQLError('The operation to run is missing or ambiguous; name it with operationName')]);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
    if (coerced.errors) return withCode('BAD_USER_INPUT', coerced.errors);
    const error = checkQueryLimits(limits, schema, document, operation, payload.variables ?? undefined);
    return error ? [new GraphQLError(error.message, { extensions: { code: error.code, ...error.extensions } })] : undefined;
  };
}
