import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlDuration } from '@tripartite/health';
import { KNOWN_OPERATIONS } from './known-operations';

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** The label of an operation: its name when the web client defines it, else "anonymous" or "other", so clients cannot add series. */
export function operationLabel(name: string | null | undefined): string {
  if (name === null || name === undefined) return 'anonymous';
  return KNOWN_OPERATIONS.has(name) ? name : 'other';
}

/** Records each operation's duration by (bounded) name, type and outcome. */
export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          const type = operation?.operation;
          end({
            operation: operationLabel(operationName),
            type: type && OPERATION_TYPES.has(type) ? type : 'unknown',
            outcome: errors?.length ? 'error' : 'ok',
          });
        },
      };
    },
  };
}
