import { randomBytes } from 'node:crypto';
import { InvalidWebhookError, ProviderRejectedError, ProviderUnavailableError } from './payment-provider.port';
import type { CreateIntentRequest, PaymentProvider, ProviderCard, ProviderEvent, ProviderIntent, ProviderRefundState, ProviderRules } from './payment-provider.port';

/** What the customer's browser (and their bank) did with an intent. */
export type BrowserOutcome =
  | { kind: 'succeed'; card?: string }
  | { kind: 'decline'; code: string; message?: string }
  | { kind: 'require_action' }
  | { kind: 'processing' };

export interface InMemoryProviderOptions {
  rules?: Partial<ProviderRules>;
}

const DEFAULT_RULES: ProviderRules = {
  currencies: ['usd', 'eur', 'gbp', 'jpy'],
  minimumCharge: () => 50,
  maximumCharge: () => 99_999_999,
  idempotencyWindowMs: 24 * 3600_000,
  isPaymentMethodId: (id) => /^card_[a-z0-9_]{1,60}$/.test(id),
};

const TEST_CARDS: Record<string, Omit<ProviderCard, 'id' | 'customerId'>> = {
  card_visa: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
  card_mastercard: { brand: 'mastercard', last4: '4444', expMonth: 6, expYear: 2033 },
};

/**
 * A small payment provider kept in memory, registered behind the port like Stripe's adapter, so the domain's payment
 * rules (amount limits, one open attempt, exactly-once recording, refunds) can be tested fast and without HTTP.
 * It models only what those rules depend on: idempotency keys, intent statuses, the provider's own minimum and maximum, cards
 * by id, refunds as a cumulative total, and an outage switch. End-to-end tests use the Stripe emulator instead.
 * Written here because it is the port's second implementation; no library provides one for our port.
 */
export class InMemoryPaymentProvider implements PaymentProvider {
  readonly rules: ProviderRules;
  /** Calls made, by method name: tests assert what reached the provider. */
  readonly calls: string[] = [];
  private readonly intents = new Map<string, ProviderIntent>();
  private readonly byKey = new Map<string, string>();
  private readonly refunded = new Map<string, number>();
  private readonly attached = new Map<string, string>();
  private customers = 0;
  private outage = 0;
  private lostAnswers = 0;
  /** The provider accepts amounts from this minimum only; the domain may believe otherwise (see rules). */
  acceptsFrom = 50;
  /** And up to this maximum only, likewise. */
  acceptsUpTo = 99_999_999;

  constructor(options: InMemoryProviderOptions = {}) {
    this.rules = { ...DEFAULT_RULES, ...options.rules };
  }

  /** The next `calls` calls fail as if the provider were down (timeouts, 5xx). */
  goDown(calls = Number.POSITIVE_INFINITY): void {
    this.outage = calls;
  }

  comeBack(): void {
    this.outage = 0;
  }

  /** The next `calls` calls take effect at the provider, but their answers never arrive (a timeout after the fact). */
  loseAnswers(calls = 1): void {
    this.lostAnswers = calls;
  }

  /** Every intent made so far, oldest first. */
  allIntents(): ProviderIntent[] {
    return [...this.intents.values()];
  }

  // ---- The port ----

  async createCustomer(input: { idempotencyKey: string }): Promise<string> {
    this.call('createCustomer');
    const known = this.byKey.get(input.idempotencyKey);
    if (known) return known;
    const id = `cus_${++this.customers}`;
    this.byKey.set(input.idempotencyKey, id);
    return id;
  }

  async createIntent(input: CreateIntentRequest): Promise<ProviderIntent> {
    this.call('createIntent');
    const known = this.byKey.get(input.idempotencyKey);
    if (known) return this.snapshot(known);
    if (input.amount < this.acceptsFrom) throw new ProviderRejectedError('AMOUNT_TOO_SMALL', 'amount_too_small', 'Amount must be at least the minimum charge.');
    if (input.amount > this.acceptsUpTo) throw new ProviderRejectedError('AMOUNT_TOO_LARGE', 'amount_too_large', 'Amount must be no more than the maximum charge.');
    const id = `pi_${randomBytes(6).toString('hex')}`;
    this.intents.set(id, {
      id,
      status: 'REQUIRES_PAYMENT_METHOD',
      amount: input.amount,
      amountReceived: 0,
      currency: input.currency,
      clientSecret: `${id}_secret_${randomBytes(6).toString('hex')}`,
      customerId: input.providerCustomerId,
      metadata: { ...input.metadata },
      lastError: null,
      nextAction: null,
      paymentMethodId: input.paymentMethodId ?? null,
      card: null,
    });
    this.byKey.set(input.idempotencyKey, id);
    return this.answer(this.snapshot(id));
  }

  async retrieveIntent(id: string): Promise<ProviderIntent> {
    this.call('retrieveIntent');
    return this.snapshot(id);
  }

  async cancelIntent(id: string): Promise<ProviderIntent> {
    this.call('cancelIntent');
    const intent = this.intent(id);
    if (intent.status === 'SUCCEEDED' || intent.status === 'PROCESSING') {
      throw new ProviderRejectedError('UNEXPECTED_STATE', 'payment_intent_unexpected_state', `This PaymentIntent is ${intent.status.toLowerCase()}.`);
    }
    intent.status = 'CANCELED';
    return this.snapshot(id);
  }

  async attachCard(paymentMethodId: string, providerCustomerId: string): Promise<ProviderCard> {
    this.call('attachCard');
    const card = TEST_CARDS[paymentMethodId];
    if (!card) throw new ProviderRejectedError('INVALID_REQUEST', 'resource_missing', `No such payment method: ${paymentMethodId}`);
    this.attached.set(paymentMethodId, providerCustomerId);
    return { id: paymentMethodId, customerId: providerCustomerId, ...card };
  }

  async detachCard(paymentMethodId: string): Promise<void> {
    this.call('detachCard');
    this.attached.delete(paymentMethodId);
  }

  parseWebhook(): ProviderEvent {
    throw new InvalidWebhookError('The in-memory provider sends no webhooks; hand events to WebhookService.handle.');
  }

  // ---- What happens outside our server ----

  /** The customer confirms in the browser, and the bank answers. */
  browser(intentId: string, outcome: BrowserOutcome): ProviderIntent {
    const intent = this.intent(intentId);
    if (outcome.kind === 'succeed') {
      const cardId = outcome.card ?? intent.paymentMethodId ?? 'card_visa';
      const { brand, last4, expMonth, expYear } = TEST_CARDS[cardId];
      Object.assign(intent, { status: 'SUCCEEDED', amountReceived: intent.amount, lastError: null, nextAction: null, paymentMethodId: cardId, card: { brand, last4, expMonth, expYear } });
    } else if (outcome.kind === 'decline') {
      Object.assign(intent, { status: 'REQUIRES_PAYMENT_METHOD', lastError: { code: 'card_declined', declineCode: outcome.code, message: outcome.message ?? 'Your card was declined.' } });
    } else if (outcome.kind === 'require_action') {
      Object.assign(intent, { status: 'REQUIRES_ACTION', nextAction: { type: 'use_stripe_sdk', redirectUrl: null } });
    } else {
      intent.status = 'PROCESSING';
    }
    return this.snapshot(intentId);
  }

  /** The business refunds part of a payment at the provider; reports the cumulative refunded total, as Stripe does. */
  refund(intentId: string, amount: number): ProviderRefundState {
    const intent = this.intent(intentId);
    const total = Math.min((this.refunded.get(intentId) ?? 0) + amount, intent.amountReceived);
    this.refunded.set(intentId, total);
    return { paymentIntentId: intentId, amountRefunded: total, currency: intent.currency };
  }

  /** An event as the provider would send it about an intent now. */
  event(intentId: string, id = `evt_${randomBytes(6).toString('hex')}`): ProviderEvent {
    const intent = this.snapshot(intentId);
    return { id, created: new Date(), kind: 'intent', type: `payment_intent.${intent.status.toLowerCase()}`, intent };
  }

  /** What a call returns, unless its answer is to be lost on the way back. */
  private answer<T>(value: T): T {
    if (this.lostAnswers > 0) {
      this.lostAnswers--;
      throw new ProviderUnavailableError('The answer from the in-memory provider was lost.');
    }
    return value;
  }

  private call(name: string) {
    this.calls.push(name);
    if (this.outage > 0) {
      this.outage--;
      throw new ProviderUnavailableError('The in-memory provider is down.');
    }
  }

  private intent(id: string): ProviderIntent {
    const intent = this.intents.get(id);
    if (!intent) throw new ProviderRejectedError('INVALID_REQUEST', 'resource_missing', `No such payment_intent: ${id}`);
    return intent;
  }

  /** A copy, as a provider's answer is: later changes at the provider do not reach it. */
  private snapshot(id: string): ProviderIntent {
    return structuredClone(this.intent(id));
  }
}
