import { join } from 'node:path';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchemaHost } from '@nestjs/graphql';
import type { PinoLogger } from 'nestjs-pino';
import type { BoardLinkAuthenticator, TokensService } from '@tripartite/auth';
import { graphqlHeavyQueries } from '@tripartite/health';
import type { AppConfig } from '@tripartite/config';
import { liveWsOptions } from '../live/ws-server';
import './enums';
import type { GqlContext } from './context';
import { makeFormatError } from './format-error';
import type { LoadersFactory } from './loaders';
import { ConcurrencyGate } from './concurrency-gate';
import { ExecutionBudget, batchSchedule, withExecutionBudget } from './execution-budget';
import { executionBudgetPlugin } from './execution-budget.plugin';
import { metricsPlugin } from './metrics.plugin';
import { QueryLimits, queryLimitsPlugin } from './query-limits.plugin';

/** Also for the graphql-ws `onSubscribe` hook (limitsOnSubscribe). */
export const queryLimits = (config: AppConfig): QueryLimits => ({
  maxDepth: config.GRAPHQL_MAX_DEPTH,
  maxCost: config.GRAPHQL_MAX_COST,
  maxFirst: config.GRAPHQL_MAX_FIRST,
});

/** Heavy queries waiting for a slot beyond this many are refused at once (RATE_LIMITED). */
const HEAVY_QUEUE = 100;

/** Where the generated schema is written (and committed); production keeps it in memory. */
export const SCHEMA_FILE = join(process.cwd(), 'apps', 'api', 'schema.graphql');

export function graphqlOptions(
  config: AppConfig,
  logger: PinoLogger,
  loaders: LoadersFactory,
  schemaHost: GraphQLSchemaHost,
  tokens: TokensService,
  boards: BoardLinkAuthenticator,
): ApolloDriverConfig {
  const formatError = makeFormatError(logger, { hideSuggestions: config.isProduction, requestTimeoutMs: config.REQUEST_TIMEOUT_MS });
  return {
    path: '/graphql',
    autoSchemaFile: config.isProduction ? true : SCHEMA_FILE,
    sortSchema: true,
    introspection: !config.isProduction,
    // Without introspection, "Did you mean ...?" suggestions would still leak the schema.
    hideSchemaDetailsFromClientErrors: config.isProduction,
    playground: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Its protocol codes (PERSISTED_QUERY_NOT_FOUND) are not the contract's.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // Apollo's default pretty-prints (indents) every response: a third more bytes and CPU for the same JSON.
    stringifyResult: (result) => JSON.stringify(result),
    formatError,
    context: ({ req, res }: Pick<GqlContext, 'req' | 'res'>): GqlContext => {
      const budget = new ExecutionBudget(config.REQUEST_TIMEOUT_MS);
      return { req, res, budget, loaders: loaders.create({ batchScheduleFn: batchSchedule(budget) }) };
    },
    transformSchema: withExecutionBudget,
    subscriptions: {
      'graphql-ws': liveWsOptions({ config, tokens, boards, loaders, limits: queryLimits(config), schema: () => schemaHost.schema, formatError }),
    },
    plugins: [
      ...(config.isProduction ? [ApolloServerPluginLandingPageDisabled()] : []),
      // No cache hints are given, and its per-field hook costs every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(queryLimits(config), () => schemaHost.schema, {
        cost: config.GRAPHQL_HEAVY_COST,
        gate: new ConcurrencyGate(config.GRAPHQL_HEAVY_CONCURRENCY, HEAVY_QUEUE, (running, waiting) => {
          graphqlHeavyQueries.set({ state: 'running' }, running);
          graphqlHeavyQueries.set({ state: 'waiting' }, waiting);
        }),
      }),
      executionBudgetPlugin(),
      metricsPlugin(),
    ],
  };
}
