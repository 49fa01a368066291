/**
 * What the emulator lets a publishable key (`pk_test_...`) do, and what it shows it, as Stripe does for Stripe.js.
 *
 * Why: the customer page runs the same Stripe.js calls against real Stripe and against this emulator (js.stripe.com
 * cannot be loaded here), so the emulator's API must accept Stripe.js's key for exactly what Stripe accepts it for,
 * refuse everything else the way Stripe does, answer browsers with Stripe's CORS headers, and never hand a browser
 * data that Stripe only shows to secret keys. A publishable key may create card PaymentMethods, and retrieve and confirm
 * a PaymentIntent or a SetupIntent whose client_secret comes with the request.
 */
import type Stripe from 'stripe';
import { StripeApiError, invalidRequest } from './stripe-api-error';

/** The publishable key the emulator accepts when none is configured (any `pk_test_...` key is accepted then). */
export const DEFAULT_PUBLISHABLE_KEY = 'pk_test_emulator';

/** A publishable key by its prefix; whether it is accepted is the emulator's configuration. */
export const isPublishableKey = (key: string | undefined): key is string => key?.startsWith('pk_') ?? false;

/** Accepts only `configured`, or any test-mode publishable key when none is configured. */
export function publishableKeyChecker(configured: string | undefined): (key: string) => boolean {
  return (key) => (configured ? key === configured : /^pk_test_\w+$/.test(key));
}

/** Stripe's answer to a publishable key calling anything but the few client-side endpoints: 403, as `StripePermissionError`. */
export function publishableKeyRefused(): StripeApiError {
  const message = 'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.';
  return new StripeApiError(403, { type: 'invalid_request_error', message });
}

/** A client_secret that is not the intent's. */
export function clientSecretMismatch(kind: 'PaymentIntent' | 'SetupIntent' = 'PaymentIntent'): StripeApiError {
  const code = kind === 'PaymentIntent' ? 'payment_intent_invalid_parameter' : 'setup_intent_invalid_parameter';
  return invalidRequest(`The client_secret provided does not match the client_secret associated with the ${kind}.`, 'client_secret', code);
}

/** The headers api.stripe.com sends on every response so browsers may read it from any origin. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Methods': 'GET, HEAD, PUT, PATCH, POST, DELETE',
  'Access-Control-Expose-Headers': 'Request-Id, Stripe-Manage-Version, Stripe-Should-Retry, X-Stripe-External-Auth-Required, X-Stripe-Privileged-Session-Required',
  'Access-Control-Max-Age': '300',
};

/** The answer to a CORS preflight: Stripe's headers, allowing whichever request headers the browser asks about. */
export function preflightHeaders(requestedHeaders: string | undefined): Record<string, string> {
  return { ...CORS_HEADERS, 'Access-Control-Allow-Headers': requestedHeaders || 'Authorization, Content-Type, Idempotency-Key, Stripe-Version' };
}

// The fields a publishable key sees: those Stripe.js's own types declare (@stripe/stripe-js types/api), plus (for intents) the two
// Stripe's API reference marks "retrievable with publishable key" beyond them. Metadata, the customer, charges and
// card fingerprints are secret-key data.
const INTENT_FIELDS = [
  'id', 'object', 'amount', 'automatic_payment_methods', 'canceled_at', 'cancellation_reason', 'capture_method', 'client_secret',
  'confirmation_method', 'created', 'currency', 'description', 'last_payment_error', 'livemode', 'next_action', 'payment_method',
  'payment_method_types', 'processing', 'receipt_email', 'setup_future_usage', 'shipping', 'status',
] as const satisfies ReadonlyArray<keyof Stripe.PaymentIntent>;
const METHOD_FIELDS = [
  'id', 'object', 'allow_redisplay', 'billing_details', 'card', 'created', 'customer', 'livemode', 'type',
] as const satisfies ReadonlyArray<keyof Stripe.PaymentMethod>;

const SETUP_INTENT_FIELDS = [
  'id', 'object', 'automatic_payment_methods', 'cancellation_reason', 'client_secret', 'created', 'description', 'last_setup_error', 'livemode',
  'next_action', 'payment_method', 'payment_method_types', 'status', 'usage',
] as const satisfies ReadonlyArray<keyof Stripe.SetupIntent>;

/** A PaymentMethod as a publishable key sees it. */
export type PublishablePaymentMethod = Omit<Pick<Stripe.PaymentMethod, (typeof METHOD_FIELDS)[number]>, 'card'> & {
  card?: Omit<Stripe.PaymentMethod.Card, 'fingerprint'>;
};

type LastPaymentError = Omit<Stripe.PaymentIntent.LastPaymentError, 'payment_method'> & { payment_method?: PublishablePaymentMethod };

/** A PaymentIntent as a publishable key sees it. */
export type PublishablePaymentIntent = Omit<Pick<Stripe.PaymentIntent, (typeof INTENT_FIELDS)[number]>, 'payment_method' | 'last_payment_error'> & {
  payment_method: string | PublishablePaymentMethod | null;
  last_payment_error: LastPaymentError | null;
};

type LastSetupError = Omit<Stripe.SetupIntent.LastSetupError, 'payment_method'> & { payment_method?: PublishablePaymentMethod };

/** A SetupIntent as a publishable key sees it. */
export type PublishableSetupIntent = Omit<Pick<Stripe.SetupIntent, (typeof SETUP_INTENT_FIELDS)[number]>, 'payment_method' | 'last_setup_error'> & {
  payment_method: string | PublishablePaymentMethod | null;
  last_setup_error: LastSetupError | null;
};

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((key) => key in object).map((key) => [key, object[key]])) as Pick<T, K>;
}

export function publishablePaymentMethod(pm: Stripe.PaymentMethod): PublishablePaymentMethod {
  const view: PublishablePaymentMethod = pick(pm, METHOD_FIELDS);
  if (pm.card) {
    const { fingerprint, ...card } = pm.card;
    view.card = card;
  }
  return view;
}

export function publishablePaymentIntent(pi: Stripe.PaymentIntent): PublishablePaymentIntent {
  const { payment_method: pm, last_payment_error: error, ...rest } = pick(pi, INTENT_FIELDS);
  return {
    ...rest,
    payment_method: pm && typeof pm === 'object' ? publishablePaymentMethod(pm) : pm,
    last_payment_error: error && { ...error, payment_method: error.payment_method && publishablePaymentMethod(error.payment_method) },
  };
}

export function publishableSetupIntent(si: Stripe.SetupIntent): PublishableSetupIntent {
  const { payment_method: pm, last_setup_error: error, ...rest } = pick(si, SETUP_INTENT_FIELDS);
  return {
    ...rest,
    payment_method: pm && typeof pm === 'object' ? publishablePaymentMethod(pm) : pm,
    last_setup_error: error && { ...error, payment_method: error.payment_method && publishablePaymentMethod(error.payment_method) },
  };
}

/** A response body (an object or `{ error }`) cut down to what a publishable key may see. */
export function publishableView(body: object): object {
  type ErrorBody = { payment_intent?: Stripe.PaymentIntent; setup_intent?: Stripe.SetupIntent; payment_method?: Stripe.PaymentMethod };
  const record = body as { object?: string; error?: ErrorBody };
  if (record.object === 'payment_intent') return publishablePaymentIntent(body as Stripe.PaymentIntent);
  if (record.object === 'setup_intent') return publishableSetupIntent(body as Stripe.SetupIntent);
  if (record.object === 'payment_method') return publishablePaymentMethod(body as Stripe.PaymentMethod);
  if (record.error) {
    const { payment_intent: pi, setup_intent: si, payment_method: pm, ...error } = record.error;
    return {
      error: {
        ...error, ...(pi && { payment_intent: publishablePaymentIntent(pi) }), ...(si && { setup_intent: publishableSetupIntent(si) }),
        ...(pm && { payment_method: publishablePaymentMethod(pm) }),
      },
    };
  }
  return body;
}
