import type Stripe from 'stripe';

/** The `error` member of a Stripe v1 error response body. */
export type StripeErrorBody = Omit<Stripe.StripeRawError, 'headers' | 'statusCode' | 'requestId' | 'detail' | 'exception'>;

/**
 * A failure answered with Stripe's error body and status. The SDK picks its `Stripe.errors.*` class from the status
 * and `type` (400/404 invalid_request_error or idempotency_error, 401, 402 card_error, 429, 5xx), so both must match Stripe.
 */
export class StripeApiError extends Error {
  constructor(readonly status: number, readonly body: StripeErrorBody, readonly headers: Record<string, string> = {}) {
    super(body.message);
  }

  /** Stripe's error code, e.g. `charge_disputed` (also for errors thrown by the emulator handle's methods). */
  get code(): string | undefined {
    return this.body.code;
  }

  /** The parameter the error is about, if any. */
  get param(): string | undefined {
    return this.body.param;
  }
}

const docUrl = (code?: string) => code && `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

/** 400 `invalid_request_error`, the shape of most validation failures. */
export function invalidRequest(message: string, param?: string, code?: string, extra: Partial<StripeErrorBody> = {}): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code, doc_url: docUrl(code), message, param, ...extra });
}

/** 404 `resource_missing`: `No such payment_intent: 'pi_123'`. */
export function resourceMissing(noun: string, id: string, param: string): StripeApiError {
  return new StripeApiError(404, { ...invalidRequest(`No such ${noun}: '${id}'`, param, 'resource_missing').body });
}

/** 404 for a path the emulator does not implement, in Stripe's wording. */
export function unrecognizedUrl(method: string, path: string): StripeApiError {
  const message = `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
  return new StripeApiError(404, { type: 'invalid_request_error', message });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

/** 400 `payment_intent_unexpected_state`, carrying the intent as Stripe does. */
export function unexpectedState(message: string, intent: Stripe.PaymentIntent): StripeApiError {
  return invalidRequest(message, undefined, 'payment_intent_unexpected_state', { payment_intent: structuredClone(intent) });
}

/** Confirming server-side without a `return_url` while automatic payment methods may redirect (PaymentIntents and SetupIntents). */
export function returnUrlRequired(): StripeApiError {
  const message = 'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.';
  return invalidRequest(message, 'return_url');
}

/** 402 `card_error`, e.g. a declined card. */
export function cardError(body: Omit<StripeErrorBody, 'type'>): StripeApiError {
  return new StripeApiError(402, { type: 'card_error', doc_url: docUrl(body.code), ...body });
}

/** 400 `idempotency_error` (`StripeIdempotencyError`). */
export function idempotencyError(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'idempotency_error', message });
}

/** An injected 5xx `api_error`. */
export function apiError(status: number): StripeApiError {
  return new StripeApiError(status, { type: 'api_error', message: 'An unknown error occurred (injected by the Stripe emulator).' });
}

/** An injected 429. */
export function rateLimitError(): StripeApiError {
  const message = 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.';
  return new StripeApiError(429, { type: 'rate_limit_error', code: 'rate_limit', doc_url: docUrl('rate_limit'), message }, { 'Retry-After': '1' });
}

/** 401; the key is masked, never echoed whole. */
export function authenticationError(key: string | undefined): StripeApiError {
  const masked = key && key.length > 16 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : '****';
  const message = key
    ? `Invalid API Key provided: ${masked}`
    : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
  return new StripeApiError(401, { type: 'invalid_request_error', message }, { 'WWW-Authenticate': 'Bearer realm="Stripe"' });
}

/** Throws `error`; lets `??` chains end in a Stripe error. */
export function throwError(error: StripeApiError): never {
  throw error;
}
