import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { GraphQLError, GraphQLNonNull, GraphQLSchema, isListType, validate, type GraphQLOutputType } from 'graphql';
import { ComplexityEstimatorArgs, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppError } from '@tripartite/common';

/** How many elements a list without `first` is assumed to hold. */
export const UNBOUNDED_LIST_SIZE = 10;

function isList(type: GraphQLOutputType): boolean {
  return isListType(type instanceof GraphQLNonNull ? type.ofType : type);
}

/** Lists cost their size times their children: `first` when given, otherwise a fixed guess. */
function listEstimator({ args, field, childComplexity }: ComplexityEstimatorArgs): number | void {
  if (typeof args.first === 'number') return 1 + Math.max(0, args.first) * childComplexity;
  if (isList(field.type)) return 1 + UNBOUNDED_LIST_SIZE * childComplexity;
}

/** Refuses a query deeper or costlier than the limits before any resolver runs. */
export function queryLimitsPlugin(limits: { maxDepth: number; maxCost: number }, schemaOf: () => GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<object>> {
      return {
        async didResolveOperation({ request, document, operationName }) {
          let depth = 0;
          validate(schemaOf(), document, [
            depthLimit(Number.MAX_SAFE_INTEGER, {}, (depths: Record<string, number>) => {
              depth = operationName && depths[operationName] !== undefined ? depths[operationName] : Math.max(0, ...Object.values(depths));
            }),
          ]);
          if (depth > limits.maxDepth) throw asRequestError(AppError.queryTooComplex('depth', limits.maxDepth, depth));
          const cost = getComplexity({
            schema: schemaOf(),
            query: document,
            variables: request.variables ?? {},
            operationName: operationName ?? undefined,
            estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxCost) throw asRequestError(AppError.queryTooComplex('cost', limits.maxCost, cost));
        },
      };
    },
  };
}

/** Errors thrown by plugins bypass resolvers: give Apollo a GraphQLError with the code and a 400 status. */
function asRequestError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, ...error.extensions, http: { status: 400 } } });
}
