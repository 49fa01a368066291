import Stripe from 'stripe';
import {
  InvalidWebhookError,
  ProviderRejectedError,
  ProviderUnavailableError,
  type CreateIntentRequest,
  type PaymentProvider,
  type ProviderCard,
  type ProviderEvent,
  type ProviderIntent,
  type ProviderIntentStatus,
  type ProviderRules,
  type RejectionReason,
} from '../payment-provider.port';
import { stripeRules } from './stripe-rules';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** e.g. http://127.0.0.1:12111 for the local emulator or stripe-mock; Stripe's own API when unset. */
  apiUrl?: string;
  /** Bounded, so an unresponsive Stripe becomes an error in seconds rather than the SDK's 80 s. */
  timeoutMs: number;
  maxNetworkRetries: number;
  webhookToleranceSeconds: number;
}

/** The one place Stripe's intent statuses become the domain's. */
const STATUS: Record<Stripe.PaymentIntent.Status, ProviderIntentStatus> = {
  requires_payment_method: 'REQUIRES_PAYMENT_METHOD',
  requires_confirmation: 'REQUIRES_CONFIRMATION',
  requires_action: 'REQUIRES_ACTION',
  requires_capture: 'PROCESSING',
  processing: 'PROCESSING',
  succeeded: 'SUCCEEDED',
  canceled: 'CANCELED',
};

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

function toIntent(pi: Stripe.PaymentIntent): ProviderIntent {
  const pm = typeof pi.payment_method === 'object' ? pi.payment_method : null;
  const error = pi.last_payment_error;
  return {
    id: pi.id,
    status: STATUS[pi.status] ?? 'PROCESSING',
    amount: pi.amount,
    amountReceived: pi.amount_received ?? 0,
    currency: pi.currency,
    clientSecret: pi.client_secret ?? null,
    customerId: idOf(pi.customer as string | { id: string } | null),
    metadata: { ...(pi.metadata ?? {}) },
    lastError: error ? { code: error.code ?? 'payment_failed', declineCode: error.decline_code ?? null, message: error.message ?? 'The payment failed.' } : null,
    nextAction: pi.next_action
      ? { type: pi.next_action.type, redirectUrl: pi.next_action.redirect_to_url?.url ?? null }
      : pi.status === 'requires_action'
        ? { type: 'use_stripe_sdk', redirectUrl: null }
        : null,
    paymentMethodId: idOf(pi.payment_method as string | { id: string } | null),
    card: pm?.card ? { brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year } : null,
  };
}

function toCard(pm: Stripe.PaymentMethod): ProviderCard {
  if (!pm.card) throw new ProviderRejectedError('INVALID_REQUEST', 'payment_method_not_card', 'Only cards can be saved.');
  return {
    id: pm.id,
    customerId: idOf(pm.customer as string | { id: string } | null),
    brand: pm.card.brand,
    last4: pm.card.last4,
    expMonth: pm.card.exp_month,
    expYear: pm.card.exp_year,
  };
}

/** The one place Stripe's error codes become the domain's reasons. */
function reasonOf(error: Stripe.errors.StripeError): RejectionReason {
  if (error instanceof Stripe.errors.StripeCardError) return 'DECLINED';
  if (error.code === 'amount_too_small') return 'AMOUNT_TOO_SMALL';
  if (error.code === 'amount_too_large') return 'AMOUNT_TOO_LARGE';
  if (error.code === 'payment_intent_unexpected_state') return 'UNEXPECTED_STATE';
  return 'INVALID_REQUEST';
}

/** Connection trouble, 5xx and 429 mean "unknown, try later"; anything else is Stripe's answer. */
function translate(error: unknown): never {
  if (error instanceof Stripe.errors.StripeError) {
    const unavailable =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      (error.statusCode ?? 0) >= 500 ||
      error.statusCode === 429;
    if (unavailable) throw new ProviderUnavailableError('The payment provider is unavailable.', error);
    throw new ProviderRejectedError(reasonOf(error), error.code ?? error.type, error.message, (error as Stripe.errors.StripeCardError).decline_code ?? null);
  }
  throw error;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    translate(error);
  }
}

/** The PaymentProvider port on the real `stripe` SDK. */
export class StripePaymentProvider implements PaymentProvider {
  readonly rules: ProviderRules = stripeRules;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    const target = options.apiUrl ? new URL(options.apiUrl) : null;
    this.stripe = new Stripe(options.secretKey, {
      timeout: options.timeoutMs,
      maxNetworkRetries: options.maxNetworkRetries,
      telemetry: false,
      ...(target && {
        host: target.hostname,
        port: target.port || (target.protocol === 'https:' ? 443 : 80),
        protocol: target.protocol.replace(':', '') as 'http' | 'https',
      }),
    });
  }

  createCustomer(input: { name: string; email: string | null; metadata: Record<string, string>; idempotencyKey: string }): Promise<string> {
    return call(async () => {
      const customer = await this.stripe.customers.create(
        { name: input.name, ...(input.email && { email: input.email }), metadata: input.metadata },
        { idempotencyKey: input.idempotencyKey },
      );
      return customer.id;
    });
  }

  createIntent(input: CreateIntentRequest): Promise<ProviderIntent> {
    return call(async () =>
      toIntent(
        await this.stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency,
            customer: input.providerCustomerId,
            allowed_payment_method_types: ['card'],
            ...(input.paymentMethodId && { payment_method: input.paymentMethodId }),
            ...(input.savePaymentMethod && { setup_future_usage: 'off_session' as const }),
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      ),
    );
  }

  retrieveIntent(id: string): Promise<ProviderIntent> {
    return call(async () => toIntent(await this.stripe.paymentIntents.retrieve(id, { expand: ['payment_method'] })));
  }

  cancelIntent(id: string, idempotencyKey: string): Promise<ProviderIntent> {
    return call(async () => toIntent(await this.stripe.paymentIntents.cancel(id, {}, { idempotencyKey })));
  }

  attachCard(paymentMethodId: string, providerCustomerId: string): Promise<ProviderCard> {
    return call(async () => toCard(await this.stripe.paymentMethods.attach(paymentMethodId, { customer: providerCustomerId })));
  }

  async detachCard(paymentMethodId: string): Promise<void> {
    try {
      await this.stripe.paymentMethods.detach(paymentMethodId);
    } catch (error) {
      // Already detached or deleted on Stripe's side: the goal is reached.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === 'resource_missing' || /not attached/i.test(error.message))) return;
      translate(error);
    }
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader ?? '', this.options.webhookSecret, this.options.webhookToleranceSeconds);
    } catch (error) {
      throw new InvalidWebhookError((error as Error).message);
    }
    // The SDK refuses a signature older than the tolerance but not one dated ahead: that one would stay replayable
    // until its date plus the tolerance. The same tolerance applies ahead (the header's t= is the signed timestamp).
    const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signatureHeader ?? '')?.[1]);
    if (!(signedAt <= Date.now() / 1000 + this.options.webhookToleranceSeconds)) throw new InvalidWebhookError('Signature timestamp is too far in the future.');
    const base = { id: event.id, created: new Date(event.created * 1000), type: event.type };
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled':
      case 'payment_intent.processing':
      case 'payment_intent.requires_action':
        return { ...base, kind: 'intent', intent: toIntent(event.data.object) };
      case 'payment_method.detached':
        return { ...base, kind: 'card_detached', card: toCard(event.data.object) };
      case 'payment_method.updated':
        return { ...base, kind: 'card_updated', card: toCard(event.data.object) };
      case 'charge.refunded': {
        const charge = event.data.object;
        const paymentIntentId = idOf(charge.payment_intent as string | { id: string } | null);
        if (!paymentIntentId) return { ...base, kind: 'ignored' };
        return { ...base, kind: 'refund', refund: { paymentIntentId, amountRefunded: charge.amount_refunded, currency: charge.currency } };
      }
      default:
        return { ...base, kind: 'ignored' };
    }
  }
}
