/**
 * The Stripe API routes for SetupIntents: with a secret key, create, list, retrieve, confirm and cancel; with a
 * publishable key (Stripe.js), retrieve and confirm one whose client_secret comes with the request.
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state, so the emulator answers these itself.
 * Approximation: card PaymentMethods only, and no `payment_method_data`, `mandate_data` or `single_use`.
 */
import type Stripe from 'stripe';
import { allow, bool, hash, list, nullable, paymentMethodTypes, str, type RouteHandler } from './api-params';
import type { EmulatorState } from './emulator-state';
import type { FormParams } from './form-encoding';
import { clientSecretMismatch, publishableKeyRefused } from './publishable-key';
import { invalidRequest } from './stripe-api-error';

const USAGES = ['off_session', 'on_session'];

export function setupIntentRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return {
    'POST /v1/setup_intents': (p, id, apiVersion) => {
      allow(p, 'customer', 'payment_method', 'allowed_payment_method_types', 'payment_method_types', 'automatic_payment_methods', 'usage',
        'metadata', 'description', 'confirm', 'return_url');
      const types = paymentMethodTypes(p, apiVersion);
      const apm = p.automatic_payment_methods as FormParams | undefined;
      if (types && apm) throw invalidRequest('You may only specify one of these parameters: allowed_payment_method_types, automatic_payment_methods.', 'automatic_payment_methods');
      const usage = str(p, 'usage') ?? 'off_session';
      if (!USAGES.includes(usage)) throw invalidRequest(`Invalid usage: must be one of ${USAGES.join(', ')}`, 'usage');
      const confirm = bool(p, 'confirm');
      if (!confirm && p.return_url !== undefined) throw invalidRequest('You can only pass return_url when confirm=true.', 'confirm');
      return state.setupIntents.create({
        customer: nullable(p, 'customer'), payment_method: nullable(p, 'payment_method'), description: nullable(p, 'description'),
        metadata: hash(p, 'metadata') ?? {}, usage, ...(types ?? { allowed_payment_method_types: null, payment_method_types: ['card'] }),
        // Since API version 2023-08-16 Stripe enables automatic payment methods unless told otherwise.
        automatic_payment_methods: types ? null : { enabled: apm ? bool(apm, 'enabled') ?? false : true, allow_redirects: (apm && str(apm, 'allow_redirects')) || 'always' },
      }, confirm ? { returnUrl: str(p, 'return_url') } : undefined);
    },
    'GET /v1/setup_intents': (p) => list('/v1/setup_intents', state.setupIntents.list(str(allow(p, 'customer', 'limit', 'starting_after'), 'customer')), p),
    'GET /v1/setup_intents/:id': (p, id) => state.setupIntents.get((allow(p), id)),
    'POST /v1/setup_intents/:id/confirm': (p, id) =>
      state.setupIntents.confirm(id, { paymentMethod: str(allow(p, 'payment_method', 'return_url'), 'payment_method'), returnUrl: str(p, 'return_url') }),
    'POST /v1/setup_intents/:id/cancel': (p, id) =>
      state.setupIntents.cancel(id, str(allow(p, 'cancellation_reason'), 'cancellation_reason') as Stripe.SetupIntent.CancellationReason | undefined),
  };
}

/** What Stripe.js may do with a SetupIntent's client_secret and the publishable key. */
export function publishableSetupIntentRoutes(state: EmulatorState): Record<string, RouteHandler> {
  /** The SetupIntent's client_secret must come with the request; the other parameters are returned. */
  const withClientSecret = (p: FormParams, id: string): FormParams => {
    const intent = state.setupIntents.get(id);
    const { client_secret: secret, ...rest } = p;
    if (secret === undefined) throw publishableKeyRefused();
    if (secret !== intent.client_secret) throw clientSecretMismatch('SetupIntent');
    return rest;
  };
  return {
    'GET /v1/setup_intents/:id': (p, id) => state.setupIntents.get((allow(withClientSecret(p, id)), id)),
    'POST /v1/setup_intents/:id/confirm': (p, id) => {
      const rest = allow(withClientSecret(p, id), 'payment_method', 'return_url', 'use_stripe_sdk');
      return state.setupIntents.confirm(id, { paymentMethod: str(rest, 'payment_method'), returnUrl: str(rest, 'return_url'), useStripeSdk: bool(rest, 'use_stripe_sdk') });
    },
  };
}
