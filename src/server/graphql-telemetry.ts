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
      // A run as a principal let in ahead of its check (AuthService.begin) that the check then refused is thrown away
      // and the request runs again (server/http-server.ts): only the run whose answer is sent is counted.
      const whenSent = (count: () => void) => (contextValue.confirmed ? void contextValue.confirmed.then((sent) => sent && count()) : count());
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
              return (error, result) => whenSent(() => metrics.paymentOutcome(info.fieldName, outcomeLabel(error, result)));
            },
          };
        },
        async willSendResponse({ response }) {
          const ok = response.body.kind !== 'single' || !response.body.singleResult.errors?.length;
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          whenSent(() => metrics.graphqlOperation(operation, type, ok, seconds));
        },
      };
    },
  };
}
