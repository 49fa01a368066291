import type { ApolloServerPlugin } from '@apollo/server';
import type { ApiContext } from '../api/context';
import { outcomeLabel } from '../api/result-boundary';
import type { RequestMeta } from '../domain/principal';
import type { Metrics } from './metrics';

const operationNames = new WeakMap<RequestMeta, string>();

/** The GraphQL operation a request ran, once Apollo has resolved it (for the request's log line). */
export function operationOf(meta: RequestMeta): string | undefined {
  return operationNames.get(meta);
}

const PAYMENT_MUTATIONS = new Set(['createPaymentIntent', 'confirmPayment']);

/**
 * Times every operation by name and type, counts payment mutation outcomes, and counts authentication
 * refused by the failed-attempts limit (a context failure, which no request-level hook sees).
 */
export function telemetryPlugin(metrics: Metrics): ApolloServerPlugin<ApiContext> {
  return {
    async contextCreationDidFail({ error }) {
      if ((error as { extensions?: { code?: unknown } }).extensions?.code === 'RATE_LIMITED') metrics.rateLimited('authentication');
    },
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      // Until Apollo resolves an operation, the document did not parse or validate.
      let operation = '(invalid)';
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: definition }) {
          operation = operationName ?? '(anonymous)';
          type = definition?.operation ?? 'unknown';
          operationNames.set(contextValue.meta, operation);
        },
        async executionDidStart() {
          // Only mutations get a per-field hook, so queries pay nothing for it.
          if (type !== 'mutation') return;
          return {
            willResolveField({ info }) {
              if (info.parentType.name !== 'Mutation' || !PAYMENT_MUTATIONS.has(info.fieldName)) return;
              return (error, result) => metrics.paymentOutcome(info.fieldName, outcomeLabel(error, result));
            },
          };
        },
        async willSendResponse({ response }) {
          const ok = response.body.kind !== 'single' || !response.body.singleResult.errors?.length;
          metrics.graphqlOperation(operation, type, ok, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
