import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlDuration } from '@tripartite/health';

/** Records each operation's duration by name (anonymous ones as "anonymous"). */
export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          end({ operation: operationName ?? 'anonymous', type: operation?.operation ?? 'unknown', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
