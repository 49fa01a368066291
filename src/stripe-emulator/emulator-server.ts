/**
 * The emulator's HTTP server and its handle, `StripeEmulator`: Stripe's API under `/v1`, Stripe.js under `/v3`, and the
 * control API under `/_emulator` (control-routes.ts lists it; each route has a method on the handle).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { apiRoutes, expand, publishableApiRoutes } from './api-routes';
import { controlRoutes, latestCharge } from './control-routes';
import { isSettlementCurrency } from './currencies';
import type { DisputeChanges } from './disputes';
import { EmulatorState, type CardNetworkUpdate, type MetadataPatch } from './emulator-state';
import { FaultInjector } from './fault-injector';
import { decodeStripeForm, type FormParams, type FormValue } from './form-encoding';
import type { RefundFailureReason } from './refunds';
import {
  CORS_HEADERS, DEFAULT_PUBLISHABLE_KEY, isPublishableKey, preflightHeaders, publishableKeyChecker, publishableKeyRefused, publishableView,
} from './publishable-key';
import {
  StripeApiError, apiError, authenticationError, idempotencyError, invalidRequest, rateLimitError, throwError, unrecognizedUrl,
} from './stripe-api-error';
import { API_VERSION, newId } from './stripe-objects';
import { serveStripeJs } from './stripe-js/routes';
import { WebhookDispatcher, type WebhookDelivery, type WebhookEndpoint } from './webhook-dispatcher';

/** How to start the emulator. */
export interface StripeEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. The app uses 12111. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** The only secret key accepted. Without it, any `sk_test_...`/`rk_test_...` key is. */
  apiKey?: string;
  /**
   * The only publishable key accepted (what the page gives Stripe.js). Without it, any `pk_test_...` key is.
   * A publishable key may do only what Stripe lets it do: create card PaymentMethods, retrieve and confirm a
   * PaymentIntent or SetupIntent with its client_secret, and answer the 3-D Secure challenge.
   */
  publishableKey?: string;
  /** Where to POST signed events, and the `whsec_...` signing secret. */
  webhook?: WebhookEndpoint;
  /** The currency the account settles in; default `usd`. Stripe checks the minimum charge after converting to it. */
  settlementCurrency?: string;
  /** How long "later" is for what Stripe does some time after a request (a `pm_card_refundFail` refund failing); default 5000. */
  delayedChangeMs?: number;
  /** Waits before each webhook retry; default [100, 500, 2000]. Stripe itself retries for days. */
  webhookRetryDelaysMs?: number[];
  /** How long `reorderWebhooks` collects events before delivering them reversed; default 50. */
  webhookReorderWindowMs?: number;
  /** Receives request and delivery logs; never given keys or signatures. */
  logger?: (msg: string, data?: object) => void;
}

/** A running emulator. */
export interface StripeEmulator {
  url: string;
  host: string;
  port: number;
  /** The emulator's Stripe.js (`${url}/v3/`): load it where production loads https://js.stripe.com/v3/. */
  jsUrl: string;
  /** A publishable key the emulator accepts: `publishableKey` when configured, else `pk_test_emulator`. */
  publishableKey: string;
  /**
   * Fault injection. `faults.failAfterProcessingNext(n, status, { pathPrefix })` makes a request take effect (say, a
   * PaymentIntent is created) and then answer a 5xx `api_error`, stored under its idempotency key: every retry with
   * that key replays the 5xx until the key expires (24 hours, or `expireIdempotencyKeys()`), as Stripe does.
   */
  faults: FaultInjector;
  /** Sets where signed events go from now on (the app may start after the emulator, on a port it picks). */
  setWebhookEndpoint(endpoint: WebhookEndpoint): void;
  /** Resolves when all scheduled webhook deliveries (incl. retries) are done or given up. Held events are not waited for. */
  flushWebhooks(): Promise<void>;
  /** Every delivery attempt so far with its HTTP status, for tests. */
  deliveries: ReadonlyArray<WebhookDelivery>;
  /** Settles an intent as Stripe would on its side (e.g. a `processing` payment clears); emits events. */
  succeedOutOfBand(paymentIntentId: string): Promise<void>;
  /** Answers the 3-D Secure challenge of a PaymentIntent (`pi_...`) or SetupIntent (`seti_...`) as the customer would. */
  authenticate(intentId: string, outcome: 'succeed' | 'fail'): Promise<Stripe.PaymentIntent | Stripe.SetupIntent>;
  /** Refunds like a refund made in the Stripe dashboard; emits `charge.refunded` and `refund.created`. */
  refund(paymentIntentId: string, amount?: number): Promise<Stripe.Refund>;
  /** A pending or succeeded refund fails (default reason `unknown`): `charge.refund.updated`, `refund.updated`, `refund.failed`. */
  failRefund(refundId: string, reason?: RefundFailureReason): Promise<Stripe.Refund>;
  /** A pending refund is canceled: `charge.refund.updated`, `refund.updated`. */
  cancelRefund(refundId: string): Promise<Stripe.Refund>;
  /** A pending refund succeeds: `charge.refund.updated`, `refund.updated`. */
  succeedRefund(refundId: string): Promise<Stripe.Refund>;
  /**
   * The customer's bank disputes the charge of a PaymentIntent (`pi_...`) or a charge (`ch_...`): all of it unless
   * `amount` says less, as `fraudulent` unless `reason` says otherwise. `charge.dispute.created`, then `charge.dispute.funds_withdrawn`.
   */
  dispute(paymentIntentOrChargeId: string, options?: { amount?: number; reason?: string }): Promise<Stripe.Dispute>;
  /** Evidence submitted (`submit: true` puts it `under_review`) or the bank's status: `charge.dispute.updated`. */
  updateDispute(disputeId: string, changes: DisputeChanges): Promise<Stripe.Dispute>;
  /** Won: `charge.dispute.closed` (status `won`), then `charge.dispute.funds_reinstated`. Lost: `charge.dispute.closed`, funds stay withdrawn. */
  closeDispute(disputeId: string, outcome: 'won' | 'lost'): Promise<Stripe.Dispute>;
  /** The card network's updater changes a saved card (expiry, brand, last4): `payment_method.automatically_updated`. */
  updateCardFromNetwork(paymentMethodId: string, changes: CardNetworkUpdate): Promise<Stripe.PaymentMethod>;
  /** The card is updated through the API by someone else (expiry, billing details, metadata): `payment_method.updated`. */
  updatePaymentMethod(paymentMethodId: string, changes: {
    expMonth?: number; expYear?: number; billingDetails?: Partial<Stripe.PaymentMethod.BillingDetails>; metadata?: MetadataPatch;
  }): Promise<Stripe.PaymentMethod>;
  /** The card is detached from its customer outside the portal: `payment_method.detached`. */
  detachPaymentMethod(paymentMethodId: string): Promise<Stripe.PaymentMethod>;
  /** Runs now, in order, what Stripe does "later" (`delayedChangeMs`): a `pm_card_refundFail` refund fails, a `pm_card_pendingRefund` one succeeds. */
  runDelayed(): Promise<void>;
  /** Forgets every stored idempotency key, as Stripe does 24 hours after a key's first use. */
  expireIdempotencyKeys(): void;
  stop(): Promise<void>;
}

interface StoredResponse { endpoint: string; fingerprint: string; status: number; body: string; requestId: string; storedAt: number }

/** Idempotency results kept per emulator: for Stripe's 24 hours, and at most this many keys. */
const MAX_IDEMPOTENCY_KEYS = 10_000;
const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 3600_000;

/** Starts a Stripe-compatible HTTP server with in-memory state. */
export async function startStripeEmulator(opts: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const log = opts.logger ?? (() => undefined);
  if (opts.publishableKey !== undefined && !/^pk_(test|live)_\w+$/.test(opts.publishableKey)) {
    throw new Error(`publishableKey must be a publishable key (pk_test_...), got "${opts.publishableKey}"`);
  }
  const dispatcher: WebhookDispatcher = new WebhookDispatcher({
    endpoint: opts.webhook, retryDelaysMs: opts.webhookRetryDelaysMs ?? [100, 500, 2000],
    reorderWindowMs: opts.webhookReorderWindowMs ?? 50, faults: () => faults, logger: log,
  });
  const faults: FaultInjector = new FaultInjector(dispatcher);
  const settlementCurrency = opts.settlementCurrency ?? 'usd';
  if (!isSettlementCurrency(settlementCurrency)) throw new Error(`settlementCurrency must be a currency Stripe settles in, got "${settlementCurrency}"`);
  const idempotency = new Map<string, StoredResponse>();
  const acceptsPublishableKey = publishableKeyChecker(opts.publishableKey);
  const timers = new Set<NodeJS.Timeout>();
  /** What Stripe does "later", by timer, in the order scheduled. */
  const delayed = new Map<NodeJS.Timeout, () => void>();

  /** Runs a change Stripe makes on its own; one that no longer applies (say, the refund was failed by hand first) is skipped. */
  const runQuietly = (change: () => void, what: string) => {
    try {
      asStripe(change);
    } catch (error) {
      log(`${what} skipped`, { message: error instanceof Error ? error.message : String(error) });
    }
  };
  const state = new EmulatorState({
    pendingWebhooks: opts.webhook ? 1 : 0, takeProcessingFault: () => faults.takeProcessing(), settlementCurrency,
    later: (change) => {
      const timer = setTimeout(() => (delayed.delete(timer), runQuietly(change, 'delayed change')), opts.delayedChangeMs ?? 5000);
      delayed.set(timer, change);
    },
  });

  /**
   * Runs a state change outside any API request ("in the dashboard", or Stripe on its own), then what Stripe does right
   * after it (asynchronous capture, a test card's dispute), and delivers the events.
   */
  function asStripe<T>(change: () => T): T {
    const request = state.request;
    state.request = null;
    try {
      const result = structuredClone(change());
      for (let next = state.afterRequest.shift(); next; next = state.afterRequest.shift()) next();
      return result;
    } finally {
      state.request = request;
      dispatcher.send(state.outbox.splice(0));
    }
  }

  async function runDelayed(): Promise<void> {
    while (delayed.size > 0) {
      const [timer, change] = delayed.entries().next().value!;
      clearTimeout(timer);
      delayed.delete(timer);
      runQuietly(change, 'delayed change');
    }
  }

  const control = compileRoutes(controlRoutes({
    state, faults, asStripe, flushWebhooks: () => dispatcher.flush(), deliveries: dispatcher.deliveries, runDelayed,
    expireIdempotencyKeys: () => idempotency.clear(),
  }));
  const routes = compileRoutes(apiRoutes(state));
  const publishableRoutes = compileRoutes(publishableApiRoutes(state));
  /** The handler for a request; a publishable key reaching a secret-key route gets Stripe's 403. */
  const route = (method: string, path: string, publishable: boolean) =>
    (publishable ? publishableRoutes : routes)(method, path)
    ?? throwError(publishable && routes(method, path) ? publishableKeyRefused() : unrecognizedUrl(method, path));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const [requestId, method, url, body] = [newId('req', 14), req.method ?? 'GET', new URL(req.url ?? '/', 'http://emulator'), await readBody(req)];
    const path = url.pathname;
    if (path === '/v3' || path.startsWith('/v3/')) {
      const answer = serveStripeJs({ state, acceptsPublishableKey, asStripe, url: baseUrl }, req, url, body);
      log('request', { method, path, status: answer.status, requestId });
      return void res.writeHead(answer.status, answer.headers).end(answer.body);
    }
    // Browsers call the API from any origin, as they call api.stripe.com.
    const cors = path.startsWith('/v1/') ? CORS_HEADERS : {};
    if (method === 'OPTIONS' && path.startsWith('/v1/')) {
      log('request', { method, path, status: 204, requestId });
      return void res.writeHead(204, preflightHeaders(header(req, 'access-control-request-headers'))).end();
    }
    const apiVersion = header(req, 'stripe-version') ?? API_VERSION;
    const reply = (status: number, payload: object | string, headers: Record<string, string> = {}) => {
      log('request', { method, path, status, requestId });
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': requestId, 'Stripe-Version': apiVersion, ...cors, ...headers });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2));
    };
    const replyError = (error: StripeApiError) => reply(error.status, { error: error.body }, error.headers);
    const isControl = path.startsWith('/_emulator/');
    const fault = isControl ? undefined : await takeFault(path);
    if (fault) log('fault injected', { method, path, fault: fault.kind });
    if (fault?.kind === 'hang') return; // never answered; stop() closes the socket
    if (fault?.kind === 'drop' && !fault.afterProcessing) return void req.socket.destroy();
    if (fault?.kind === 'fail') return replyError(apiError(fault.status ?? 500));
    if (fault?.kind === 'rate_limit') return replyError(rateLimitError());

    const [scheme, credentials = ''] = (header(req, 'authorization') ?? '').split(/\s+/);
    const headerKey = /^bearer$/i.test(scheme) ? credentials : /^basic$/i.test(scheme) ? Buffer.from(credentials, 'base64').toString().split(':')[0] : undefined;
    const params: FormParams = isControl ? {} : { ...decodeStripeForm(url.search.slice(1)), ...decodeStripeForm(body) };
    // Stripe.js sends its publishable key as the `key` parameter, which spares browsers a CORS preflight.
    const paramKey = headerKey === undefined && typeof params.key === 'string' && isPublishableKey(params.key) ? params.key : undefined;
    if (paramKey) delete params.key;
    const apiKey = headerKey ?? paramKey;
    const publishable = isPublishableKey(apiKey);
    if (publishable ? !acceptsPublishableKey(apiKey) : opts.apiKey ? apiKey !== opts.apiKey : !/^(sk|rk)_test_\w+$/.test(apiKey ?? '')) {
      return replyError(authenticationError(apiKey));
    }
    if (publishable && isControl) return replyError(publishableKeyRefused());

    if (isControl) {
      try {
        const controlParams = header(req, 'content-type')?.includes('json') ? parseJson(body) : decodeStripeForm(body);
        const handler = control(method, path) ?? throwError(unrecognizedUrl(method, path));
        return reply(200, await handler(controlParams, apiVersion));
      } catch (error) {
        if (error instanceof StripeApiError) return replyError(error);
        throw error;
      }
    }

    const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : undefined;
    const keyHeaders: Record<string, string> = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
    const scopedKey = `${apiKey}\u0000${idempotencyKey}`;
    const [endpoint, fingerprint] = [`${method} ${path}`, canonicalJson(params)];
    const found = idempotencyKey ? idempotency.get(scopedKey) : undefined;
    if (found && Date.now() - found.storedAt > IDEMPOTENCY_KEY_LIFETIME_MS) idempotency.delete(scopedKey);
    const stored = found && idempotency.has(scopedKey) ? found : undefined;
    if (stored) {
      const hint = `Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`;
      if (stored.endpoint !== endpoint) {
        return replyError(idempotencyError(`Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.endpoint}' vs '${endpoint}'). ${hint}`));
      }
      if (stored.fingerprint !== fingerprint) {
        return replyError(idempotencyError(`Keys for idempotent requests can only be used with the same parameters they were first used with. ${hint}`));
      }
      if (fault?.kind === 'drop') return void req.socket.destroy();
      return reply(stored.status, stored.body, { ...keyHeaders, 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId });
    }

    let [status, payload]: [number, object] = [200, {}];
    state.request = { id: requestId, idempotency_key: idempotencyKey ?? null };
    try {
      payload = structuredClone(route(method, path, publishable)(params, apiVersion));
      expand(payload, strings(params.expand) ?? [], (id) => state.lookup(id));
      // A publishable key sees only what Stripe shows it: never metadata, customers, charges or card fingerprints.
      if (publishable) payload = publishableView(payload);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      [status, payload] = [error.status, publishable ? publishableView({ error: error.body }) : { error: error.body }];
      Object.assign(keyHeaders, error.headers);
    } finally {
      state.request = null;
    }
    const events = state.outbox.splice(0);
    const ran = status < 400 || status === 402;
    if (fault?.kind === 'fail_after_processing' && ran) {
      // Stripe failed after it started work: the request took effect, but its answer is a 5xx.
      const error = apiError(fault.status ?? 500);
      [status, payload] = [error.status, { error: error.body }];
    }
    // As in Stripe, results of requests that ran (successes, card declines, a 5xx after the work began) are kept; a
    // failed validation may be retried with the same key.
    if (idempotencyKey && ran) {
      if (idempotency.size >= MAX_IDEMPOTENCY_KEYS) idempotency.delete(idempotency.keys().next().value!);
      idempotency.set(scopedKey, { endpoint, fingerprint, status, body: JSON.stringify(payload, null, 2), requestId, storedAt: Date.now() });
    }
    if (fault?.kind === 'drop') req.socket.destroy();
    else reply(status, payload, keyHeaders);
    // Webhooks follow the API response, as with Stripe, then what Stripe does right after the request.
    setImmediate(() => {
      dispatcher.send(events);
      runQuietly(() => undefined, 'change after a request');
    });
  }

  /** Waits out `latencyMs`, then takes the fault for this request, if any. */
  async function takeFault(path: string) {
    if (faults.latencyMs > 0) await new Promise((resolve) => timers.add(setTimeout(resolve, faults.latencyMs)));
    return faults.take(path);
  }

  let baseUrl = '';
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log('emulator bug', { message: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: apiError(500).body }));
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(opts.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  baseUrl = url;
  state.baseUrl = url;
  log('stripe emulator listening', { url, jsUrl: `${url}/v3/`, webhookUrl: opts.webhook?.url });

  return {
    url, host, port, faults,
    jsUrl: `${url}/v3/`,
    publishableKey: opts.publishableKey ?? DEFAULT_PUBLISHABLE_KEY,
    deliveries: dispatcher.deliveries,
    setWebhookEndpoint: (endpoint) => dispatcher.setEndpoint(endpoint),
    flushWebhooks: () => dispatcher.flush(),
    succeedOutOfBand: async (id) => void asStripe(() => state.succeedOutOfBand(id)),
    authenticate: async (id, outcome) =>
      asStripe(() => (id.startsWith('seti_') ? state.setupIntents.authenticate(id, outcome === 'succeed') : state.authenticate(id, outcome === 'succeed'))),
    refund: async (id, amount) => asStripe(() => state.refunds.create({ paymentIntent: id }, amount, { reason: null, metadata: {} })),
    failRefund: async (id, reason) => asStripe(() => state.refunds.fail(id, reason)),
    cancelRefund: async (id) => asStripe(() => state.refunds.cancel(id)),
    succeedRefund: async (id) => asStripe(() => state.refunds.succeed(id)),
    dispute: async (id, options) => asStripe(() => state.disputes.open(id.startsWith('pi_') ? latestCharge(state, id) : id, options)),
    updateDispute: async (id, changes) => asStripe(() => state.disputes.update(id, changes)),
    closeDispute: async (id, outcome) => asStripe(() => state.disputes.close(id, outcome)),
    updateCardFromNetwork: async (id, changes) => asStripe(() => state.updateCardFromNetwork(id, changes)),
    updatePaymentMethod: async (id, changes) => asStripe(() => state.updatePaymentMethod(id, changes)),
    detachPaymentMethod: async (id) => asStripe(() => state.detachPaymentMethod(id)),
    runDelayed,
    expireIdempotencyKeys: () => idempotency.clear(),
    stop: async () => {
      dispatcher.stop();
      timers.forEach(clearTimeout);
      delayed.forEach((change, timer) => clearTimeout(timer));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Matches `METHOD /path/:id` patterns; the returned handler has the `:id` bound; undefined for unknown URLs. */
function compileRoutes<R>(
  table: Record<string, (params: FormParams, id: string, apiVersion: string) => R>,
): (method: string, path: string) => ((params: FormParams, apiVersion: string) => R) | undefined {
  const compiled = Object.entries(table).map(([route, handler]) => ({ handler, pattern: new RegExp(`^${route.replace(':id', '([^/]+)')}$`) }));
  return (method, path) => {
    for (const { handler, pattern } of compiled) {
      const match = pattern.exec(`${method} ${path}`);
      if (match) return (params, apiVersion) => handler(params, decodeURIComponent(match[1] ?? ''), apiVersion);
    }
    return undefined;
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  return [req.headers[name]].flat()[0];
}

/** Parameters as a string that ignores key order, to compare requests made with the same idempotency key. */
function canonicalJson(params: FormParams): string {
  return JSON.stringify(params, (key, value) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value));
}

function parseJson(body: string): FormParams {
  try {
    return body ? JSON.parse(body) : {};
  } catch {
    throw invalidRequest('Invalid JSON body.');
  }
}

function strings(value: FormValue | undefined): string[] | undefined {
  return value === undefined ? undefined : [value].flat().filter((v): v is string => typeof v === 'string');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
