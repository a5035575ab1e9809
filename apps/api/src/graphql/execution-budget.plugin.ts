import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@tripartite/common';
import type { GqlContext } from './context';

/**
 * Once a request's deadline has passed, every field still to run fails: the answer keeps what was
 * computed before and says so once, instead of one error per field.
 */
export function executionBudgetPlugin(): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const budget = contextValue.budget;
          if (!budget?.expired || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const others = (result.errors ?? []).filter((e) => e.extensions?.kind !== 'time');
          const timeout = {
            message: `The request ran longer than ${budget.timeoutMs} ms and was stopped`,
            extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, kind: 'time', limit: budget.timeoutMs, actual: budget.elapsedMs },
          };
          response.body.singleResult = { ...result, errors: [timeout, ...others] };
        },
      };
    },
  };
}
