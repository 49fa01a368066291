import Stripe from 'stripe';
import {
  InvalidWebhookError,
  ProviderRejectedError,
  ProviderReplayedFailureError,
  ProviderUnavailableError,
  UnreadableWebhookError,
  type CreateIntentRequest,
  type CreateRefundRequest,
  type ProviderDispute,
  type ProviderDisputeStatus,
  type ProviderRefund,
  type ProviderRefundStatus,
  type RefundReason,
  type PaymentProvider,
  type ProviderCard,
  type ProviderEvent,
  type ProviderIntent,
  type ProviderIntentStatus,
  type ProviderRules,
  type ProviderSetup,
  type ProviderSetupStatus,
  type RejectionReason,
} from '../payment-provider.port';
import { STRIPE_API_VERSION } from './stripe-api-version';
import { stripeRulesFor } from './stripe-rules';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** e.g. http://127.0.0.1:12111 for the local emulator or stripe-mock; Stripe's own API when unset. */
  apiUrl?: string;
  /** Bounded, so an unresponsive Stripe becomes an error in seconds rather than the SDK's 80 s. */
  timeoutMs: number;
  maxNetworkRetries: number;
  webhookToleranceSeconds: number;
  /** The account's settlement currency (STRIPE_SETTLEMENT_CURRENCY): where Stripe's minimum charge is exact. Default usd. */
  settlementCurrency?: string;
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

/** The one place Stripe's SetupIntent statuses become the domain's. */
const SETUP_STATUS: Record<string, ProviderSetupStatus> = {
  requires_payment_method: 'REQUIRES_PAYMENT_METHOD',
  requires_confirmation: 'REQUIRES_CONFIRMATION',
  requires_action: 'REQUIRES_ACTION',
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

function toSetup(si: Stripe.SetupIntent): ProviderSetup {
  const error = si.last_setup_error;
  return {
    id: si.id,
    status: SETUP_STATUS[si.status] ?? 'PROCESSING',
    clientSecret: si.client_secret ?? null,
    customerId: idOf(si.customer as string | { id: string } | null),
    paymentMethodId: idOf(si.payment_method as string | { id: string } | null),
    metadata: { ...(si.metadata ?? {}) },
    lastError: error ? { code: error.code ?? 'setup_failed', declineCode: error.decline_code ?? null, message: error.message ?? 'The card could not be saved.' } : null,
  };
}

/** The one place Stripe's refund statuses become the domain's; an unknown one is still on its way. */
const REFUND_STATUS: Record<string, ProviderRefundStatus> = {
  pending: 'PENDING',
  requires_action: 'REQUIRES_ACTION',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

/** Stripe's refund reasons; any other (expired_uncaptured_charge, Stripe's own) is none of the business's. */
const REFUND_REASON: Record<string, RefundReason> = { duplicate: 'DUPLICATE', fraudulent: 'FRAUDULENT', requested_by_customer: 'REQUESTED_BY_CUSTOMER' };
const STRIPE_REFUND_REASON: Record<RefundReason, Stripe.RefundCreateParams.Reason> = {
  DUPLICATE: 'duplicate',
  FRAUDULENT: 'fraudulent',
  REQUESTED_BY_CUSTOMER: 'requested_by_customer',
};

function toRefund(refund: Stripe.Refund, paymentIntentId: string): ProviderRefund {
  return {
    id: refund.id,
    paymentIntentId,
    amount: refund.amount,
    currency: refund.currency,
    status: REFUND_STATUS[refund.status ?? ''] ?? 'PENDING',
    reason: REFUND_REASON[refund.reason ?? ''] ?? null,
    failureReason: refund.failure_reason ?? null,
    metadata: { ...(refund.metadata ?? {}) },
  };
}

/**
 * The one place Stripe's dispute statuses become the domain's. Stripe's warning_* are inquiries; an appeal reopens a
 * closed dispute, which the domain keeps closed; an unknown status is a dispute still under review.
 */
const DISPUTE_STATUS: Record<string, ProviderDisputeStatus> = {
  warning_needs_response: 'INQUIRY_NEEDS_RESPONSE',
  warning_under_review: 'INQUIRY_UNDER_REVIEW',
  warning_closed: 'INQUIRY_CLOSED',
  needs_response: 'NEEDS_RESPONSE',
  appeal_needs_response: 'NEEDS_RESPONSE',
  under_review: 'UNDER_REVIEW',
  appeal_under_review: 'UNDER_REVIEW',
  won: 'WON',
  lost: 'LOST',
  prevented: 'PREVENTED',
};

/**
 * A dispute, with whether its funds were withdrawn or reinstated: the event's type says so for its own step, and the
 * dispute's balance transactions (a debit when withdrawn, a credit when reinstated) for every step so far.
 */
function toDispute(dispute: Stripe.Dispute, paymentIntentId: string, eventType: string): ProviderDispute {
  const movements = (dispute.balance_transactions ?? []).map((bt) => bt.amount);
  return {
    id: dispute.id,
    paymentIntentId,
    amount: dispute.amount,
    currency: dispute.currency,
    status: DISPUTE_STATUS[dispute.status] ?? 'UNDER_REVIEW',
    reason: dispute.reason,
    fundsWithdrawn: eventType === 'charge.dispute.funds_withdrawn' || movements.some((amount) => amount < 0),
    fundsReinstated: eventType === 'charge.dispute.funds_reinstated' || movements.some((amount) => amount > 0),
    evidenceDueBy: dispute.evidence_details?.due_by ? new Date(dispute.evidence_details.due_by * 1000) : null,
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

/**
 * Connection trouble, 5xx and 429 mean "unknown, try later"; anything else is Stripe's answer. A 5xx that Stripe
 * replays from an idempotency key (`Idempotent-Replayed: true`) is the failure it stored when the first request failed
 * after its work began: the same key will answer it for 24 hours, so it is told apart.
 */
function translate(error: unknown): never {
  if (error instanceof Stripe.errors.StripeError) {
    const unavailable =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      (error.statusCode ?? 0) >= 500 ||
      error.statusCode === 429;
    if (unavailable && (error.statusCode ?? 0) >= 500 && headerOf(error, 'idempotent-replayed') === 'true') {
      throw new ProviderReplayedFailureError('The payment provider replayed a failure stored under this idempotency key.', error);
    }
    if (unavailable) throw new ProviderUnavailableError('The payment provider is unavailable.', error);
    throw new ProviderRejectedError(
      reasonOf(error),
      // Stripe's own words: its code, else its error type (invalid_request_error, idempotency_error), not the SDK's class name.
      error.code ?? error.rawType ?? error.type,
      error.message,
      (error as Stripe.errors.StripeCardError).decline_code ?? null,
      error.requestId ?? null,
    );
  }
  throw error;
}

function headerOf(error: Stripe.errors.StripeError, name: string): string | undefined {
  const entry = Object.entries(error.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
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
  readonly rules: ProviderRules;
  readonly apiVersion: string = STRIPE_API_VERSION;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    this.rules = stripeRulesFor(options.settlementCurrency ?? 'usd');
    const target = options.apiUrl ? new URL(options.apiUrl) : null;
    this.stripe = new Stripe(options.secretKey, {
      // Pinned: every request says which version it was written for (see stripe-api-version.ts).
      apiVersion: STRIPE_API_VERSION,
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

  listIntents(providerCustomerId: string, since: Date): Promise<ProviderIntent[]> {
    return call(async () => {
      // Newest first; paged until the list is older than `since`. Not the search API: its index lags behind writes.
      const sinceSeconds = Math.floor(since.getTime() / 1000);
      const found: ProviderIntent[] = [];
      for await (const pi of this.stripe.paymentIntents.list({ customer: providerCustomerId, limit: 100 })) {
        if (pi.created < sinceSeconds || found.length >= MAX_LISTED_INTENTS) break;
        found.push(toIntent(pi));
      }
      return found;
    });
  }

  cancelIntent(id: string, idempotencyKey: string): Promise<ProviderIntent> {
    return call(async () => toIntent(await this.stripe.paymentIntents.cancel(id, {}, { idempotencyKey })));
  }

  createRefund(input: CreateRefundRequest): Promise<ProviderRefund> {
    return call(async () =>
      toRefund(
        await this.stripe.refunds.create(
          {
            payment_intent: input.paymentIntentId,
            amount: input.amount,
            ...(input.reason && { reason: STRIPE_REFUND_REASON[input.reason] }),
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        ),
        input.paymentIntentId,
      ),
    );
  }

  listRefunds(paymentIntentId: string): Promise<ProviderRefund[]> {
    return call(async () => {
      const refunds: ProviderRefund[] = [];
      for await (const refund of this.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 })) refunds.push(toRefund(refund, paymentIntentId));
      return refunds.reverse(); // Stripe lists newest first
    });
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

  retrieveCard(paymentMethodId: string): Promise<ProviderCard> {
    return call(async () => toCard(await this.stripe.paymentMethods.retrieve(paymentMethodId)));
  }

  createSetup(input: { providerCustomerId: string; metadata: Record<string, string>; idempotencyKey: string }): Promise<ProviderSetup> {
    return call(async () =>
      toSetup(
        await this.stripe.setupIntents.create(
          { customer: input.providerCustomerId, usage: 'off_session', allowed_payment_method_types: ['card'], metadata: input.metadata },
          { idempotencyKey: input.idempotencyKey },
        ),
      ),
    );
  }

  retrieveSetup(id: string): Promise<ProviderSetup> {
    return call(async () => toSetup(await this.stripe.setupIntents.retrieve(id)));
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader ?? '', this.options.webhookSecret, this.options.webhookToleranceSeconds);
    } catch (error) {
      // The signature held but the body is not JSON: Stripe's, yet unreadable.
      if (error instanceof SyntaxError) throw new UnreadableWebhookError(`The body is not JSON: ${error.message}`, { id: null, type: null, created: null, apiVersion: null }, null);
      throw new InvalidWebhookError((error as Error).message);
    }
    // The SDK refuses a signature older than the tolerance but not one dated ahead: that one would stay replayable
    // until its date plus the tolerance. The same tolerance applies ahead (the header's t= is the signed timestamp).
    const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signatureHeader ?? '')?.[1]);
    if (!(signedAt <= Date.now() / 1000 + this.options.webhookToleranceSeconds)) throw new InvalidWebhookError('Signature timestamp is too far in the future.');
    checkEnvelope(event, rawBody);
    const base = { id: event.id, created: new Date(event.created * 1000), type: event.type, apiVersion: event.api_version ?? null };
    const unreadable = (reason: string) => unreadableEvent(event, rawBody, reason);
    checkObjectType(event, unreadable);
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled':
      case 'payment_intent.processing':
      case 'payment_intent.requires_action':
        checkIntent(event.data.object, unreadable);
        return { ...base, kind: 'intent', intent: toIntent(event.data.object) };
      case 'payment_method.detached':
        // Only cards are saved here: another kind of payment method is none of ours.
        if (!isCard(event.data.object, unreadable)) return { ...base, kind: 'ignored' };
        return { ...base, kind: 'card_detached', card: toCard(event.data.object) };
      case 'payment_method.updated':
      case 'payment_method.automatically_updated':
        if (!isCard(event.data.object, unreadable)) return { ...base, kind: 'ignored' };
        return { ...base, kind: 'card_updated', card: toCard(event.data.object) };
      case 'setup_intent.succeeded':
        checkSetup(event.data.object, unreadable);
        return { ...base, kind: 'setup_succeeded', setup: toSetup(event.data.object) };
      case 'refund.created':
      case 'refund.updated':
      case 'refund.failed':
      case 'charge.refund.updated': {
        const refund = event.data.object;
        checkRefund(refund, unreadable);
        // A refund of something other than a payment intent (a bare charge, a customer balance) is none of ours.
        const paymentIntentId = idOf(refund.payment_intent as string | { id: string } | null);
        if (!paymentIntentId) return { ...base, kind: 'ignored' };
        return { ...base, kind: 'refund_changed', refund: toRefund(refund, paymentIntentId) };
      }
      case 'charge.dispute.created':
      case 'charge.dispute.updated':
      case 'charge.dispute.closed':
      case 'charge.dispute.funds_withdrawn':
      case 'charge.dispute.funds_reinstated': {
        const dispute = event.data.object;
        checkDispute(dispute, unreadable);
        const paymentIntentId = idOf(dispute.payment_intent as string | { id: string } | null);
        if (!paymentIntentId) return { ...base, kind: 'ignored' };
        return { ...base, kind: 'dispute', dispute: toDispute(dispute, paymentIntentId, event.type) };
      }
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

/** A customer has few intents in a day; more than this many is a listing gone wrong, not a reason to page for ever. */
const MAX_LISTED_INTENTS = 1_000;

// ---- Webhook bodies, checked before they are trusted ----
// The SDK's types say what an event of a given type holds, but a body is only JSON: an event written in another API
// version, or one we misread, may lack a field. Each one we act on is checked for the fields we read; what does not
// hold is an UnreadableWebhookError (refused and kept), never a TypeError halfway through applying it.

type Unreadable = (reason: string) => never;

/** The object type each event type we act on carries. */
const OBJECT_OF_EVENT: Record<string, string> = {
  'payment_intent.': 'payment_intent',
  'payment_method.': 'payment_method',
  'setup_intent.': 'setup_intent',
  'charge.refunded': 'charge',
  'refund.': 'refund',
  'charge.refund.updated': 'refund',
  'charge.dispute.': 'dispute',
};

function unreadableEvent(event: Partial<Stripe.Event> | null, rawBody: Buffer, reason: string): never {
  const created = typeof event?.created === 'number' ? new Date(event.created * 1000) : null;
  throw new UnreadableWebhookError(
    `Webhook ${event?.id ?? '(no id)'} (${event?.type ?? 'no type'}) is not what its type promises: ${reason}.`,
    { id: typeof event?.id === 'string' ? event.id : null, type: typeof event?.type === 'string' ? event.type : null, created, apiVersion: event?.api_version ?? null },
    withoutClientSecrets(rawBody),
  );
}

/** The body as stored for an operator: client secrets (bearer credentials for a payment) removed. */
function withoutClientSecrets(rawBody: Buffer): string | null {
  try {
    return JSON.stringify(JSON.parse(rawBody.toString('utf8')), (key, value) => (key === 'client_secret' ? undefined : value));
  } catch {
    return null;
  }
}

function checkEnvelope(event: Stripe.Event, rawBody: Buffer): void {
  const e = event as unknown as Record<string, unknown> | null;
  const data = e?.data as Record<string, unknown> | undefined;
  const fine = typeof e?.id === 'string' && typeof e.type === 'string' && Number.isInteger(e.created) && typeof data?.object === 'object' && data.object !== null;
  if (!fine) unreadableEvent(event, rawBody, 'id, type, created and data.object are required');
}

function checkObjectType(event: Stripe.Event, unreadable: Unreadable): void {
  const prefix = Object.keys(OBJECT_OF_EVENT).find((p) => event.type.startsWith(p));
  const object = (event.data.object as { object?: unknown }).object;
  if (prefix && object !== OBJECT_OF_EVENT[prefix]) unreadable(`data.object is a ${String(object)}, not a ${OBJECT_OF_EVENT[prefix]}`);
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const idOrObject = (value: unknown) => value === null || isString(value) || isString((value as { id?: unknown } | undefined)?.id);

function checkIntent(pi: Stripe.PaymentIntent, unreadable: Unreadable): void {
  if (!isString(pi.id)) unreadable('the payment intent has no id');
  if (!(pi.status in STATUS)) unreadable(`unknown payment intent status ${String(pi.status)}`);
  if (!Number.isSafeInteger(pi.amount) || !isString(pi.currency)) unreadable('the payment intent has no amount or currency');
  if (pi.amount_received !== undefined && !Number.isSafeInteger(pi.amount_received)) unreadable('amount_received is not a whole number');
  if (typeof pi.metadata !== 'object' || pi.metadata === null) unreadable('the payment intent has no metadata');
  if (!idOrObject(pi.customer ?? null) || !idOrObject(pi.payment_method ?? null)) unreadable('customer or payment_method is malformed');
}

/** Whether a payment method event is about a card (checked whole), or about another kind we do not save. */
function isCard(pm: Stripe.PaymentMethod, unreadable: Unreadable): boolean {
  if (!isString(pm.id) || !isString(pm.type)) unreadable('the payment method has no id or type');
  if (pm.type !== 'card') return false;
  const card = pm.card as Partial<Stripe.PaymentMethod.Card> | undefined | null;
  const fine = isString(card?.brand) && isString(card?.last4) && Number.isInteger(card?.exp_month) && Number.isInteger(card?.exp_year);
  if (!fine) unreadable('the card has no brand, last4 or expiry');
  if (!idOrObject(pm.customer ?? null)) unreadable('customer is malformed');
  return true;
}

function checkSetup(si: Stripe.SetupIntent, unreadable: Unreadable): void {
  if (!isString(si.id)) unreadable('the setup intent has no id');
  if (!(si.status in SETUP_STATUS)) unreadable(`unknown setup intent status ${String(si.status)}`);
  if (!idOrObject(si.customer ?? null) || !idOrObject(si.payment_method ?? null)) unreadable('customer or payment_method is malformed');
  if (typeof si.metadata !== 'object' || si.metadata === null) unreadable('the setup intent has no metadata');
}

function checkRefund(refund: Stripe.Refund, unreadable: Unreadable): void {
  if (!isString(refund.id) || !Number.isSafeInteger(refund.amount) || !isString(refund.currency)) unreadable('the refund has no id, amount or currency');
  if (refund.status !== null && typeof refund.status !== 'string') unreadable('the refund status is malformed');
  if (refund.metadata !== null && typeof refund.metadata !== 'object') unreadable('the refund metadata is malformed');
  if (!idOrObject(refund.payment_intent ?? null)) unreadable('payment_intent is malformed');
}

function checkDispute(dispute: Stripe.Dispute, unreadable: Unreadable): void {
  if (!isString(dispute.id) || !Number.isSafeInteger(dispute.amount) || !isString(dispute.currency)) unreadable('the dispute has no id, amount or currency');
  if (!isString(dispute.status) || typeof dispute.reason !== 'string') unreadable('the dispute has no status or reason');
  if (!idOrObject(dispute.payment_intent ?? null)) unreadable('payment_intent is malformed');
  const movements = dispute.balance_transactions as unknown;
  if (movements !== undefined && !(Array.isArray(movements) && movements.every((bt) => Number.isSafeInteger((bt as { amount?: unknown })?.amount)))) {
    unreadable('balance_transactions is malformed');
  }
}
