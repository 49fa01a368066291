import type Stripe from 'stripe';
import type { EmulatorState, MetadataPatch } from './emulator-state';
import type { FormParams } from './form-encoding';
import { clientSecretMismatch, publishableKeyRefused } from './publishable-key';
import { cardError, invalidRequest, missingParam, resourceMissing, throwError } from './stripe-api-error';
import { CURRENCIES, formatAmount, type PaymentIntentFields } from './stripe-objects';
import { cardBrand, passesLuhn, testCardForNumber } from './test-cards';

/** Handles one Stripe API route; `id` is the path's `:id`. */
export type RouteHandler = (params: FormParams, id: string, apiVersion: string) => object;

/** API version 2026-09-30.endive replaced `payment_method_types` with `allowed_payment_method_types` (stripe-node 23.0.0 changelog). */
const ALLOWED_TYPES_SINCE = '2026-09-30';

// Parameter readers: like Stripe, malformed values are rejected with `param` naming the field.
const str = (p: FormParams, key: string): string | undefined => {
  if (p[key] === undefined || typeof p[key] === 'string') return p[key] as string | undefined;
  throw invalidRequest(`Invalid string: ${JSON.stringify(p[key])}`, key);
};
const required = (p: FormParams, key: string): string => str(p, key) || throwError(missingParam(key));
/** An empty value unsets a field, as the SDK encodes `null`. */
const nullable = (p: FormParams, key: string): string | null => (p[key] === '' ? null : str(p, key) ?? null);
const int = (p: FormParams, key: string): number | undefined => {
  const value = str(p, key);
  if (value !== undefined && !/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, key, 'parameter_invalid_integer');
  return value === undefined ? undefined : Number(value);
};
const bool = (p: FormParams, key: string): boolean | undefined => {
  const value = str(p, key);
  if (value !== undefined && value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, key);
  return value === undefined ? undefined : value === 'true';
};
const hash = (p: FormParams, key: string): Record<string, string> | undefined => {
  const value = p[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) return value as Record<string, string>;
  throw invalidRequest('Invalid hash', key);
};
const metadata = (p: FormParams): MetadataPatch | undefined => (p.metadata === '' ? '' : hash(p, 'metadata'));
const strings = (p: FormParams, key: string): string[] | undefined =>
  p[key] === undefined ? undefined : [p[key]].flat().filter((v): v is string => typeof v === 'string');
const offSession = (p: FormParams): boolean | undefined => (['one_off', 'recurring'].includes(p.off_session as string) || bool(p, 'off_session'));

/** Stripe rejects parameters it does not know; the emulator also rejects the ones it does not implement. */
function allow(p: FormParams, ...keys: string[]): FormParams {
  const unknown = Object.keys(p).find((key) => key !== 'expand' && !keys.includes(key));
  if (unknown) throw invalidRequest(`Received unknown parameter: ${unknown} (the Stripe emulator implements a subset of Stripe's parameters)`, unknown, 'parameter_unknown');
  return p;
}

function currencyParam(p: FormParams): string | undefined {
  const currency = str(p, 'currency')?.toLowerCase();
  if (currency === undefined || CURRENCIES[currency]) return currency;
  throw invalidRequest(`Invalid currency: ${p.currency}. The Stripe emulator supports these currencies: ${Object.keys(CURRENCIES).join(', ')}`, 'currency');
}

function checkAmount(amount: number, currency: string): void {
  const { min } = CURRENCIES[currency];
  if (amount < 1) throw invalidRequest('This value must be greater than or equal to 1.', 'amount', 'parameter_invalid_integer');
  if (amount < min) throw invalidRequest(`Amount must be at least ${formatAmount(min, currency)} ${currency}`, 'amount', 'amount_too_small');
  if (amount > 99_999_999) throw invalidRequest(`Amount must be no more than ${formatAmount(99_999_999, currency)} ${currency}`, 'amount', 'amount_too_large');
}

/** The intent's payment method types, from whichever parameter the request's API version has; the emulator can only pay by card. */
function paymentMethodTypes(p: FormParams, apiVersion: string): Pick<PaymentIntentFields, 'allowed_payment_method_types' | 'payment_method_types'> | undefined {
  const allowed = strings(p, 'allowed_payment_method_types');
  if (p.payment_method_types !== undefined && apiVersion >= ALLOWED_TYPES_SINCE) {
    throw invalidRequest(`Received unknown parameter: payment_method_types. API version ${apiVersion} uses allowed_payment_method_types instead.`, 'payment_method_types', 'parameter_unknown');
  }
  const types = allowed ?? strings(p, 'payment_method_types');
  if (types && !types.includes('card')) throw invalidRequest(`The Stripe emulator supports only card payments, not ${types.join(', ')}.`, allowed ? 'allowed_payment_method_types' : 'payment_method_types');
  return types && { allowed_payment_method_types: (allowed ?? null) as PaymentIntentFields['allowed_payment_method_types'], payment_method_types: ['card'] };
}

/** Stripe's list envelope over newest-first items, paginated with `limit` and `starting_after`. */
function list<T extends { id: string }>(url: string, items: T[], p: FormParams): Stripe.ApiList<T> {
  const limit = int(p, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest(`This value must be between 1 and 100 (it currently is ${limit}).`, 'limit');
  const after = str(p, 'starting_after');
  const start = after === undefined ? 0 : items.findIndex((item) => item.id === after) + 1;
  if (start === 0 && after !== undefined) throw resourceMissing('object', after, 'starting_after');
  return { object: 'list', url, has_more: start + limit < items.length, data: items.slice(start, start + limit) };
}

/** Replaces ids at `expand[]` paths (`latest_charge`, `data.customer`, ...) in a response with the objects. */
export function expand(body: object, paths: string[], lookup: (id: string) => object | undefined): void {
  const walk = (target: unknown, [head, ...rest]: string[], path: string): void => {
    if (Array.isArray(target)) return target.forEach((item) => walk(item, [head, ...rest], path));
    const record = target as Record<string, unknown>;
    if (!record || typeof record !== 'object' || !(head in record)) throw invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
    if (typeof record[head] === 'string') record[head] = structuredClone(lookup(record[head] as string)) ?? record[head];
    if (rest.length > 0 && record[head] !== null) walk(record[head], rest, path);
  };
  paths.forEach((path) => walk(body, path.split('.'), path));
}

/** The Stripe API routes the emulator implements, keyed `METHOD /path/:id`. */
export function apiRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return {
    'POST /v1/customers': (p) => {
      allow(p, 'email', 'name', 'description', 'phone', 'metadata');
      const [email, name, description, phone] = ['email', 'name', 'description', 'phone'].map((key) => nullable(p, key));
      return state.createCustomer({ email, name, description, phone, metadata: hash(p, 'metadata') ?? {} });
    },
    'GET /v1/customers/:id': (p, id) => state.getCustomer((allow(p), id)),
    'GET /v1/payment_methods': (p) => {
      allow(p, 'customer', 'type', 'limit', 'starting_after');
      return list('/v1/payment_methods', state.listPaymentMethods(required(p, 'customer'), str(p, 'type')), p);
    },
    'GET /v1/payment_methods/:id': (p, id) => state.paymentMethod((allow(p), id)),
    'POST /v1/payment_methods/:id': (p, id) => {
      allow(p, 'billing_details', 'metadata', 'card');
      const card = (p.card ?? {}) as FormParams;
      const details = Object.entries(p.billing_details ?? {}).map(([key, value]) => [key, value === '' ? null : value]);
      return state.updatePaymentMethod(id, {
        billingDetails: Object.fromEntries(details), metadata: metadata(p), expMonth: int(card, 'exp_month'), expYear: int(card, 'exp_year'),
      });
    },
    'POST /v1/payment_methods/:id/attach': (p, id) => state.attachPaymentMethod(id, required(allow(p, 'customer'), 'customer')),
    'POST /v1/payment_methods/:id/detach': (p, id) => state.detachPaymentMethod((allow(p), id)),
    'GET /v1/payment_intents': (p) => {
      const customer = str(allow(p, 'customer', 'limit', 'starting_after'), 'customer');
      return list('/v1/payment_intents', [...state.paymentIntents.values()].reverse().filter((pi) => !customer || pi.customer === customer), p);
    },
    'POST /v1/payment_intents': (p, id, apiVersion) => {
      allow(p, 'amount', 'currency', 'customer', 'payment_method', 'allowed_payment_method_types', 'payment_method_types', 'automatic_payment_methods',
        'setup_future_usage', 'metadata', 'confirm', 'off_session', 'description', 'receipt_email', 'statement_descriptor_suffix', 'return_url');
      const currency = currencyParam(p) ?? throwError(missingParam('currency'));
      const amount = int(p, 'amount') ?? throwError(missingParam('amount'));
      checkAmount(amount, currency);
      const types = paymentMethodTypes(p, apiVersion);
      const apm = p.automatic_payment_methods as FormParams | undefined;
      if (types && apm) throw invalidRequest('You may only specify one of these parameters: allowed_payment_method_types, automatic_payment_methods.', 'automatic_payment_methods');
      const confirm = bool(p, 'confirm');
      if (!confirm && (p.off_session ?? p.return_url) !== undefined) throw invalidRequest('You can only pass off_session and return_url when confirm=true.', 'confirm');
      return state.createPaymentIntent({
        amount, currency, customer: nullable(p, 'customer'), payment_method: nullable(p, 'payment_method'),
        ...(types ?? { allowed_payment_method_types: null, payment_method_types: ['card'] }),
        // Since API version 2023-08-16 Stripe enables automatic payment methods unless told otherwise.
        automatic_payment_methods: types ? null : { enabled: apm ? bool(apm, 'enabled') ?? false : true, allow_redirects: (apm && str(apm, 'allow_redirects')) || 'always' },
        setup_future_usage: nullable(p, 'setup_future_usage') as PaymentIntentFields['setup_future_usage'], metadata: hash(p, 'metadata') ?? {},
        description: nullable(p, 'description'), receipt_email: nullable(p, 'receipt_email'), statement_descriptor_suffix: nullable(p, 'statement_descriptor_suffix'),
      }, confirm ? { returnUrl: str(p, 'return_url'), offSession: offSession(p) } : undefined);
    },
    'GET /v1/payment_intents/:id': (p, id) => state.getPaymentIntent((allow(p), id)),
    'POST /v1/payment_intents/:id': (p, id, apiVersion) => {
      allow(p, 'amount', 'currency', 'customer', 'payment_method', 'allowed_payment_method_types', 'payment_method_types', 'setup_future_usage',
        'metadata', 'description', 'receipt_email');
      const current = state.getPaymentIntent(id);
      const [currency, amount] = [currencyParam(p), int(p, 'amount')];
      if (currency !== undefined || amount !== undefined) checkAmount(amount ?? current.amount, currency ?? current.currency);
      const changes: Partial<PaymentIntentFields> = { ...(amount !== undefined && { amount }), ...(currency && { currency }), ...paymentMethodTypes(p, apiVersion) };
      for (const key of ['customer', 'payment_method', 'description', 'receipt_email', 'setup_future_usage'] as const) {
        if (p[key] !== undefined) Object.assign(changes, { [key]: nullable(p, key) });
      }
      return state.updatePaymentIntent(id, changes, metadata(p));
    },
    'POST /v1/payment_intents/:id/confirm': (p, id) => {
      allow(p, 'payment_method', 'return_url', 'off_session', 'setup_future_usage');
      const setupFutureUsage = p.setup_future_usage === undefined ? undefined : nullable(p, 'setup_future_usage') as PaymentIntentFields['setup_future_usage'];
      return state.confirmPaymentIntent(id, { paymentMethod: str(p, 'payment_method'), returnUrl: str(p, 'return_url'), offSession: offSession(p), setupFutureUsage });
    },
    'POST /v1/payment_intents/:id/cancel': (p, id) =>
      state.cancelPaymentIntent(id, str(allow(p, 'cancellation_reason'), 'cancellation_reason') as Stripe.PaymentIntent.CancellationReason | undefined),
    'GET /v1/charges/:id': (p, id) => state.charges.get(id) ?? throwError(resourceMissing('charge', id, 'id')),
    'POST /v1/refunds': (p) => {
      allow(p, 'payment_intent', 'charge', 'amount', 'reason', 'metadata');
      const target = { paymentIntent: str(p, 'payment_intent'), charge: str(p, 'charge') };
      if (!target.paymentIntent && !target.charge) throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
      return state.createRefund(target, int(p, 'amount'), { reason: nullable(p, 'reason') as Stripe.Refund.Reason | null, metadata: hash(p, 'metadata') ?? {} });
    },
    'GET /v1/refunds/:id': (p, id) => state.refunds.get(id) ?? throwError(resourceMissing('refund', id, 'id')),
    'GET /v1/events': (p) => {
      allow(p, 'type', 'types', 'limit', 'starting_after');
      // `type` may use `*` as a wildcard, e.g. `payment_intent.*`.
      const patterns = (strings(p, 'types') ?? strings(p, 'type') ?? ['*']).map((t) => new RegExp(`^${t.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`));
      return list('/v1/events', [...state.events].reverse().filter((e) => patterns.some((re) => re.test(e.type))), p);
    },
    'GET /v1/events/:id': (p, id) => state.events.find((e) => e.id === id) ?? throwError(resourceMissing('event', id, 'id')),
  };
}

/** Billing details as sent (`billing_details[address][city]`, ...); empty values are null, as Stripe stores them. */
function billingDetails(p: FormParams): Partial<Stripe.PaymentMethod.BillingDetails> | undefined {
  const details = p.billing_details;
  if (details === undefined) return undefined;
  if (typeof details !== 'object' || Array.isArray(details)) throw invalidRequest('Invalid hash', 'billing_details');
  allow(details, 'name', 'email', 'phone', 'address');
  const value = (params: FormParams, key: string) => (params[key] === '' ? null : str(params, key) ?? null);
  const address = details.address as FormParams | undefined;
  if (address !== undefined) allow(address, 'line1', 'line2', 'city', 'state', 'postal_code', 'country');
  return {
    name: value(details, 'name'), email: value(details, 'email'), phone: value(details, 'phone'),
    address: address ? { line1: value(address, 'line1'), line2: value(address, 'line2'), city: value(address, 'city'),
      state: value(address, 'state'), postal_code: value(address, 'postal_code'), country: value(address, 'country') } : null,
  };
}

/**
 * The card details Stripe.js sends, checked as Stripe's API checks them (402 card errors naming the field).
 * Declining test numbers are accepted here: like Stripe's, they only decline when charged.
 */
function cardDetails(p: FormParams) {
  const card = p.card;
  if (card === undefined) throw missingParam('card');
  if (typeof card !== 'object' || Array.isArray(card)) throw invalidRequest('Invalid hash', 'card');
  allow(card, 'number', 'exp_month', 'exp_year', 'cvc');
  const number = (str(card, 'number') ?? throwError(missingParam('card[number]'))).replace(/[\s-]/g, '');
  const month = int(card, 'exp_month') ?? throwError(missingParam('card[exp_month]'));
  const yearEntered = int(card, 'exp_year') ?? throwError(missingParam('card[exp_year]'));
  const year = yearEntered < 100 ? 2000 + yearEntered : yearEntered;
  const cvc = str(card, 'cvc');
  const now = new Date();
  if (!/^\d{12,19}$/.test(number) || !passesLuhn(number) || !cardBrand(number)) {
    throw cardError({ code: 'incorrect_number', message: 'Your card number is incorrect.', param: 'card[number]' });
  }
  if (month < 1 || month > 12) throw cardError({ code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", param: 'card[exp_month]' });
  if (year < now.getFullYear() || year > now.getFullYear() + 50 || (year === now.getFullYear() && month < now.getMonth() + 1)) {
    throw cardError({ code: 'invalid_expiry_year', message: "Your card's expiration year is invalid.", param: 'card[exp_year]' });
  }
  if (cvc !== undefined && !(cardBrand(number) === 'amex' ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) {
    throw cardError({ code: 'invalid_cvc', message: "Your card's security code is invalid.", param: 'card[cvc]' });
  }
  return { card: testCardForNumber(number), expMonth: month, expYear: year };
}

/**
 * The routes a publishable key may call, as Stripe allows them: create a card PaymentMethod from card details, and
 * retrieve or confirm a PaymentIntent when the request carries the intent's client_secret. Responses are cut down to
 * what a publishable key may see by the server (publishableView).
 */
export function publishableApiRoutes(state: EmulatorState): Record<string, RouteHandler> {
  /** The intent's client_secret must come with the request; the other parameters are returned. */
  const withClientSecret = (p: FormParams, id: string): FormParams => {
    const intent = state.getPaymentIntent(id);
    const { client_secret: secret, ...rest } = p;
    // Approximation: without a client_secret the emulator refuses as for any call a publishable key may not make.
    if (secret === undefined) throw publishableKeyRefused();
    if (secret !== intent.client_secret) throw clientSecretMismatch();
    return rest;
  };
  return {
    'POST /v1/payment_methods': (p) => {
      allow(p, 'type', 'card', 'billing_details');
      const type = required(p, 'type');
      if (type !== 'card') throw invalidRequest(`The Stripe emulator creates only card PaymentMethods, not ${type}.`, 'type');
      const { card, expMonth, expYear } = cardDetails(p);
      return state.createCardPaymentMethod(card, { expMonth, expYear, billingDetails: billingDetails(p) });
    },
    'GET /v1/payment_intents/:id': (p, id) => state.getPaymentIntent((allow(withClientSecret(p, id)), id)),
    'POST /v1/payment_intents/:id/confirm': (p, id) => {
      const rest = allow(withClientSecret(p, id), 'payment_method', 'return_url', 'setup_future_usage', 'use_stripe_sdk');
      const setupFutureUsage = rest.setup_future_usage === undefined ? undefined : nullable(rest, 'setup_future_usage') as PaymentIntentFields['setup_future_usage'];
      return state.confirmPaymentIntent(id, {
        paymentMethod: str(rest, 'payment_method'), returnUrl: str(rest, 'return_url'), setupFutureUsage, useStripeSdk: bool(rest, 'use_stripe_sdk'),
      });
    },
  };
}
