import type Stripe from 'stripe';
import {
  allow, bool, currencyParam, hash, int, list, metadata, nullable, offSession, paymentMethodTypes, required, str, strings, type RouteHandler,
} from './api-params';
import { checkChargeAmount } from './currencies';
import type { EmulatorState } from './emulator-state';
import type { FormParams } from './form-encoding';
import { clientSecretMismatch, publishableKeyRefused } from './publishable-key';
import { disputeAndRefundRoutes } from './refund-and-dispute-routes';
import { publishableSetupIntentRoutes, setupIntentRoutes } from './setup-intent-routes';
import { cardError, invalidRequest, missingParam, resourceMissing, throwError } from './stripe-api-error';
import type { PaymentIntentFields } from './stripe-objects';
import { cardBrand, passesLuhn, testCardForNumber } from './test-cards';

export { expand } from './api-params';

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
      checkChargeAmount(amount, currency, state.settlementCurrency);
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
      if (currency !== undefined || amount !== undefined) checkChargeAmount(amount ?? current.amount, currency ?? current.currency, state.settlementCurrency);
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
    ...disputeAndRefundRoutes(state),
    ...setupIntentRoutes(state),
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
    ...publishableSetupIntentRoutes(state),
  };
}
