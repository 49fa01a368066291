import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one server, served at GET /metrics. Each app has its own registry, so several apps
 * in one process (the tests) never share counts. Every label takes values from a bounded set: route keys,
 * schema coordinates, result type names, error codes, Stripe event types, and the names of the GraphQL operations
 * the project ships (see shipped-operations.ts); any other operation name, which a client chooses, is "other".
 */
export interface Metrics {
  registry: Registry;
  /** One finished HTTP request. `route` is a route key ("POST /graphql"), or "unmatched". */
  httpRequest(route: string, status: number, seconds: number): void;
  /** One GraphQL operation answered: its name, its type (query, mutation) and whether it carried errors. */
  graphqlOperation(operation: string, type: string, ok: boolean, seconds: number): void;
  /** A request refused by a rate limit, by the field (or "authentication") whose budget ran out. */
  rateLimited(field: string): void;
  /** What a payment mutation came to: `intent_created`, `succeeded`, `declined`, `requires_action`, an error code… */
  paymentOutcome(operation: string, outcome: string): void;
  /** A Stripe webhook handled, and how long after Stripe created the event it was processed. */
  webhook(type: string, outcome: string, lagSeconds?: number): void;
  /** A connection closed on arrival: over HTTP_MAX_CONNECTIONS_PER_IP ("per_ip") or HTTP_MAX_CONNECTIONS ("total"). */
  connectionRefused(cap: 'per_ip' | 'total'): void;
}

/** The label of every GraphQL operation whose name the project does not ship. */
export const OTHER_OPERATION = 'other';

/** `shippedOperations`: the operation names that keep a label of their own; the rest are {@link OTHER_OPERATION}. */
export function createMetrics(shippedOperations: ReadonlySet<string> = new Set()): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({ name: 'portal_http_requests_total', help: 'HTTP requests answered, by route and status.', labelNames: ['route', 'status'], registers: [registry] });
  const httpDuration = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'Time from request to response, by route.',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'portal_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name, type and result (ok, or error when the response carries errors).',
    labelNames: ['operation', 'type', 'result'],
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'portal_graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation, parsing to response, by operation name and type.',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const rateLimits = new Counter({ name: 'portal_rate_limit_hits_total', help: 'Requests refused by a rate limit, by field.', labelNames: ['field'], registers: [registry] });
  const payments = new Counter({
    name: 'portal_payment_outcomes_total',
    help: 'Results of createPaymentIntent and confirmPayment, by outcome (a result type or an error code).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const webhooks = new Counter({ name: 'portal_webhook_events_total', help: 'Stripe webhook events handled, by type and outcome.', labelNames: ['type', 'outcome'], registers: [registry] });
  const webhookLag = new Histogram({
    name: 'portal_webhook_lag_seconds',
    help: 'Time from Stripe creating an event to this server having processed it, by event type.',
    labelNames: ['type'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });

  const refusedConnections = new Counter({
    name: 'portal_http_connections_refused_total',
    help: 'Connections closed on arrival, by the cap they were over (per_ip, total).',
    labelNames: ['cap'],
    registers: [registry],
  });

  // "(anonymous)" and "(invalid)" are the telemetry's own names, not a client's.
  const operationLabel = (name: string) => (name.startsWith('(') || shippedOperations.has(name) ? name : OTHER_OPERATION);

  return {
    registry,
    httpRequest(route, status, seconds) {
      httpRequests.inc({ route, status: String(status) });
      httpDuration.observe({ route }, seconds);
    },
    graphqlOperation(operation, type, ok, seconds) {
      const label = operationLabel(operation);
      operations.inc({ operation: label, type, result: ok ? 'ok' : 'error' });
      operationDuration.observe({ operation: label, type }, seconds);
    },
    rateLimited: (field) => rateLimits.inc({ field }),
    paymentOutcome: (operation, outcome) => payments.inc({ operation, outcome }),
    webhook(type, outcome, lagSeconds) {
      webhooks.inc({ type, outcome });
      if (lagSeconds !== undefined) webhookLag.observe({ type }, Math.max(lagSeconds, 0));
    },
    connectionRefused: (cap) => refusedConnections.inc({ cap }),
  };
}
