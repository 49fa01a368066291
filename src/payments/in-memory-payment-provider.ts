import { randomBytes } from 'node:crypto';
import type { CreateRefundRequest, ProviderDispute, ProviderRefund, ProviderRefundStatus } from './payment-provider.port';
import { InvalidWebhookError, ProviderRejectedError, ProviderReplayedFailureError, ProviderUnavailableError } from './payment-provider.port';
import type { CreateIntentRequest, PaymentProvider, ProviderCard, ProviderEvent, ProviderIntent, ProviderRefundState, ProviderRules, ProviderSetup } from './payment-provider.port';

/** What the customer's browser (and their bank) did with an intent. */
export type BrowserOutcome =
  | { kind: 'succeed'; card?: string }
  | { kind: 'decline'; code: string; message?: string }
  | { kind: 'require_action' }
  | { kind: 'processing' };

/** What the customer's browser (and their bank) did with a card setup: `card` is the payment method entered. */
export type SetupOutcome = { kind: 'succeed'; card?: string } | { kind: 'require_action'; card?: string } | { kind: 'decline'; code: string; card?: string };

export interface InMemoryProviderOptions {
  rules?: Partial<ProviderRules>;
}

const DEFAULT_RULES: ProviderRules = {
  currencies: ['usd', 'eur', 'gbp', 'jpy'],
  minimumCharge: () => 50,
  maximumCharge: () => 99_999_999,
  idempotencyWindowMs: 24 * 3600_000,
  isPaymentMethodId: (id) => /^card_[a-z0-9_]{1,60}$/.test(id),
  settlementCurrency: 'usd',
};

const TEST_CARDS: Record<string, Omit<ProviderCard, 'id' | 'customerId'>> = {
  card_visa: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
  card_mastercard: { brand: 'mastercard', last4: '4444', expMonth: 6, expYear: 2033 },
  card_visa_debit: { brand: 'visa', last4: '5556', expMonth: 3, expYear: 2032 },
  card_amex: { brand: 'amex', last4: '8431', expMonth: 9, expYear: 2035 },
};

/**
 * A small payment provider kept in memory, registered behind the port like Stripe's adapter, so the domain's payment
 * rules (amount limits, one open attempt, exactly-once recording, refunds) can be tested fast and without HTTP.
 * It models only what those rules depend on: idempotency keys, intent statuses, the provider's own minimum and maximum, cards
 * by id, refunds by id with their statuses, disputes, and an outage switch. End-to-end tests use the Stripe emulator instead.
 * Written here because it is the port's second implementation; no library provides one for our port.
 */
export class InMemoryPaymentProvider implements PaymentProvider {
  readonly rules: ProviderRules;
  /** Calls made, by method name: tests assert what reached the provider. */
  readonly calls: string[] = [];
  private readonly intents = new Map<string, ProviderIntent>();
  private readonly byKey = new Map<string, string>();
  /** Refunds by id, oldest first, and disputes by id (see "Money after the payment" below). */
  private readonly refunds = new Map<string, ProviderRefund>();
  private readonly disputes = new Map<string, ProviderDispute>();
  private readonly attached = new Map<string, string>();
  private readonly setups = new Map<string, ProviderSetup>();
  /** Cards as the provider holds them now (details and the customer they are attached to), once one was used. */
  private readonly cards = new Map<string, ProviderCard>();
  private readonly createdAt = new Map<string, number>();
  /** Failures stored under idempotency keys, replayed to every later call with the key (see failAfterWork). */
  private readonly storedFailures = new Set<string>();
  private customers = 0;
  private outage = 0;
  private lostAnswers = 0;
  private failuresAfterWork: Array<{ createsIntent: boolean }> = [];
  private requests = 0;
  /** The provider accepts amounts from this minimum only; the domain may believe otherwise (see rules). */
  acceptsFrom = 50;
  /** And up to this maximum only, likewise. */
  acceptsUpTo = 99_999_999;
  /** The currencies it charges in; the domain may believe it takes more (see rules.currencies). */
  acceptsCurrencies: string[];
  readonly apiVersion = null;

  constructor(options: InMemoryProviderOptions = {}) {
    this.rules = { ...DEFAULT_RULES, ...options.rules };
    this.acceptsCurrencies = [...this.rules.currencies];
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

  /**
   * The next `calls` intent creations fail with a 500 after the provider began its work, which it stores under the
   * request's idempotency key and replays to every later call with that key, as Stripe does for 24 hours.
   * `createsIntent`: whether the intent came into being before the failure.
   */
  failAfterWork(calls = 1, { createsIntent = false }: { createsIntent?: boolean } = {}): void {
    for (let i = 0; i < calls; i++) this.failuresAfterWork.push({ createsIntent });
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
    if (this.storedFailures.has(input.idempotencyKey)) throw new ProviderReplayedFailureError('A failure stored under this idempotency key (in memory).');
    const known = this.byKey.get(input.idempotencyKey);
    if (known) return this.snapshot(known);
    if (!this.acceptsCurrencies.includes(input.currency)) {
      throw new ProviderRejectedError('INVALID_REQUEST', 'invalid_request_error', `Invalid currency: ${input.currency}.`, null, this.requestId());
    }
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
    this.createdAt.set(id, Date.now());
    const failure = this.failuresAfterWork.shift();
    if (failure) {
      this.storedFailures.add(input.idempotencyKey);
      if (!failure.createsIntent) this.intents.delete(id);
      throw new ProviderUnavailableError('The in-memory provider failed after it began creating the intent.');
    }
    this.byKey.set(input.idempotencyKey, id);
    return this.answer(this.snapshot(id));
  }

  async listIntents(providerCustomerId: string, since: Date): Promise<ProviderIntent[]> {
    this.call('listIntents');
    return [...this.intents.values()]
      .filter((intent) => intent.customerId === providerCustomerId && this.createdAt.get(intent.id)! >= since.getTime())
      .reverse()
      .map((intent) => structuredClone(intent));
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
    const card = this.card(paymentMethodId);
    if (card.customerId && card.customerId !== providerCustomerId) throw new ProviderRejectedError('INVALID_REQUEST', 'invalid_request_error', 'The payment method is attached to another customer.');
    card.customerId = providerCustomerId;
    this.attached.set(paymentMethodId, providerCustomerId);
    return { ...card };
  }

  async detachCard(paymentMethodId: string): Promise<void> {
    this.call('detachCard');
    this.attached.delete(paymentMethodId);
    if (this.cards.has(paymentMethodId)) this.cards.get(paymentMethodId)!.customerId = null;
  }

  async retrieveCard(paymentMethodId: string): Promise<ProviderCard> {
    this.call('retrieveCard');
    return { ...this.card(paymentMethodId) };
  }

  async createSetup(input: { providerCustomerId: string; metadata: Record<string, string>; idempotencyKey: string }): Promise<ProviderSetup> {
    this.call('createSetup');
    const known = this.byKey.get(input.idempotencyKey);
    if (known) return this.setup(known);
    const id = `seti_${randomBytes(6).toString('hex')}`;
    this.setups.set(id, {
      id,
      status: 'REQUIRES_PAYMENT_METHOD',
      clientSecret: `${id}_secret_${randomBytes(6).toString('hex')}`,
      customerId: input.providerCustomerId,
      paymentMethodId: null,
      metadata: { ...input.metadata },
      lastError: null,
    });
    this.byKey.set(input.idempotencyKey, id);
    return this.answer(this.setup(id));
  }

  async retrieveSetup(id: string): Promise<ProviderSetup> {
    this.call('retrieveSetup');
    return this.setup(id);
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

  /**
   * The customer confirms a card setup in the browser, and the bank answers; on success the card is attached to the
   * setup's customer, as the provider does. A setup waiting for 3-D Secure completes with `succeed` or `decline`.
   */
  browserSetup(setupId: string, outcome: SetupOutcome): ProviderSetup {
    const setup = this.setups.get(setupId);
    if (!setup) throw new ProviderRejectedError('INVALID_REQUEST', 'resource_missing', `No such setup_intent: ${setupId}`);
    const cardId = outcome.card ?? setup.paymentMethodId ?? 'card_visa';
    if (outcome.kind === 'succeed') {
      this.card(cardId).customerId = setup.customerId;
      Object.assign(setup, { status: 'SUCCEEDED', paymentMethodId: cardId, lastError: null });
    } else if (outcome.kind === 'require_action') {
      Object.assign(setup, { status: 'REQUIRES_ACTION', paymentMethodId: cardId });
    } else {
      Object.assign(setup, { status: 'REQUIRES_PAYMENT_METHOD', paymentMethodId: null, lastError: { code: 'card_declined', declineCode: outcome.code, message: 'Your card was declined.' } });
    }
    return this.setup(setupId);
  }

  /** The `setup_intent.succeeded` event the provider sends for a setup now. */
  setupEvent(setupId: string, id = `evt_${randomBytes(6).toString('hex')}`): ProviderEvent {
    return { id, created: new Date(), kind: 'setup_succeeded', type: 'setup_intent.succeeded', setup: this.setup(setupId) };
  }

  /**
   * A card changed outside our server: the card network's updater (a new expiry, a new number), or the business in
   * the provider's dashboard. Returns the event the provider sends (`payment_method.automatically_updated`).
   */
  updateCardOutside(paymentMethodId: string, changes: Partial<Pick<ProviderCard, 'brand' | 'last4' | 'expMonth' | 'expYear'>>, type = 'payment_method.automatically_updated'): ProviderEvent {
    const card = Object.assign(this.card(paymentMethodId), changes);
    return { id: `evt_${randomBytes(6).toString('hex')}`, created: new Date(), kind: 'card_updated', type, card: { ...card } };
  }

  /** A card detached outside our server (the dashboard, the API); returns the `payment_method.detached` event. */
  detachOutside(paymentMethodId: string): ProviderEvent {
    const card = this.card(paymentMethodId);
    card.customerId = null;
    this.attached.delete(paymentMethodId);
    return { id: `evt_${randomBytes(6).toString('hex')}`, created: new Date(), kind: 'card_detached', type: 'payment_method.detached', card: { ...card } };
  }

  /**
   * The business refunds part of a payment in the provider's dashboard; reports the cumulative refunded total, as
   * Stripe's charge.refunded does (the refund itself is `refunds` newest, see dashboardRefund).
   */
  refund(intentId: string, amount: number): ProviderRefundState {
    const intent = this.intent(intentId);
    this.dashboardRefund(intentId, Math.min(amount, intent.amountReceived - this.refundedTotal(intentId)));
    return this.refundTotal(intentId);
  }

  // ---- Money after the payment: refunds and disputes ----

  /** Refunds made with createRefund start with this status (a card refund succeeds at once; some are pending first). */
  refundsStartAs: ProviderRefundStatus = 'SUCCEEDED';

  async createRefund(input: CreateRefundRequest): Promise<ProviderRefund> {
    this.call('createRefund');
    const known = this.byKey.get(input.idempotencyKey);
    if (known) return structuredClone(this.refunds.get(known)!);
    const intent = this.intent(input.paymentIntentId);
    if (intent.status !== 'SUCCEEDED') throw new ProviderRejectedError('INVALID_REQUEST', 'invalid_request_error', 'This PaymentIntent does not have a successful charge to refund.');
    if ([...this.disputes.values()].some((d) => d.paymentIntentId === intent.id && d.fundsWithdrawn && !d.fundsReinstated)) {
      throw new ProviderRejectedError('INVALID_REQUEST', 'charge_disputed', 'This charge has been disputed and cannot be refunded.');
    }
    const left = intent.amountReceived - this.refundedTotal(intent.id);
    if (left <= 0) throw new ProviderRejectedError('INVALID_REQUEST', 'charge_already_refunded', 'This charge has already been refunded.');
    if (input.amount > left) throw new ProviderRejectedError('INVALID_REQUEST', 'invalid_request_error', `Refund amount is greater than unrefunded amount on charge (${left}).`);
    const refund = this.newRefund(intent, input.amount, this.refundsStartAs, input.reason, input.metadata);
    this.byKey.set(input.idempotencyKey, refund.id);
    return this.answer(structuredClone(refund));
  }

  async listRefunds(paymentIntentId: string): Promise<ProviderRefund[]> {
    this.call('listRefunds');
    return [...this.refunds.values()].filter((r) => r.paymentIntentId === paymentIntentId).map((r) => structuredClone(r));
  }

  /** A refund made in the provider's dashboard (no metadata of ours). */
  dashboardRefund(intentId: string, amount: number, status: ProviderRefundStatus = 'SUCCEEDED'): ProviderRefund {
    return structuredClone(this.newRefund(this.intent(intentId), amount, status, null, {}));
  }

  /** A refund moves on at the provider (it succeeds, or fails after succeeding: the card was closed). */
  setRefundStatus(refundId: string, status: ProviderRefundStatus, failureReason: string | null = null): ProviderRefund {
    const refund = this.refunds.get(refundId)!;
    Object.assign(refund, { status, failureReason });
    return structuredClone(refund);
  }

  /** The refunds of an intent, oldest first. */
  refundsOf(intentId: string): ProviderRefund[] {
    return [...this.refunds.values()].filter((r) => r.paymentIntentId === intentId).map((r) => structuredClone(r));
  }

  /** An event about a refund as it stands now (refund.created, .updated, .failed, charge.refund.updated). */
  refundEvent(refundId: string, type = 'refund.updated', id = `evt_${randomBytes(6).toString('hex')}`): ProviderEvent {
    return { id, created: new Date(), kind: 'refund_changed', type, refund: structuredClone(this.refunds.get(refundId)!) };
  }

  /** Stripe's charge.refunded: the intent's cumulative refunded total now. */
  refundTotalEvent(intentId: string, id = `evt_${randomBytes(6).toString('hex')}`): ProviderEvent {
    return { id, created: new Date(), kind: 'refund', type: 'charge.refunded', refund: this.refundTotal(intentId) };
  }

  /** The customer's bank disputes a payment: by default all of it, as fraudulent, with the funds withdrawn at once. */
  openDispute(intentId: string, options: Partial<Pick<ProviderDispute, 'amount' | 'reason' | 'status' | 'fundsWithdrawn'>> = {}): ProviderDispute {
    const intent = this.intent(intentId);
    const dispute: ProviderDispute = {
      id: `dp_${randomBytes(6).toString('hex')}`,
      paymentIntentId: intentId,
      amount: options.amount ?? intent.amountReceived,
      currency: intent.currency,
      status: options.status ?? 'NEEDS_RESPONSE',
      reason: options.reason ?? 'fraudulent',
      fundsWithdrawn: options.fundsWithdrawn ?? true,
      fundsReinstated: false,
      evidenceDueBy: new Date(Date.now() + 7 * 86_400_000),
    };
    this.disputes.set(dispute.id, dispute);
    return structuredClone(dispute);
  }

  /** The dispute moves on: under review, closed won (its funds reinstated) or lost, or funds moved. */
  updateDispute(disputeId: string, changes: Partial<Pick<ProviderDispute, 'status' | 'fundsWithdrawn' | 'fundsReinstated'>>): ProviderDispute {
    const dispute = this.disputes.get(disputeId)!;
    Object.assign(dispute, changes);
    if (changes.status === 'WON' && dispute.fundsWithdrawn) dispute.fundsReinstated = true;
    return structuredClone(dispute);
  }

  /**
   * An event about a dispute. `snapshot` is the dispute as it was when the event was sent (events may arrive late);
   * by default as it stands now. As in Stripe, funds_withdrawn and funds_reinstated say so whatever the snapshot holds.
   */
  disputeEvent(snapshot: ProviderDispute | string, type = 'charge.dispute.updated', id = `evt_${randomBytes(6).toString('hex')}`): ProviderEvent {
    const dispute = structuredClone(typeof snapshot === 'string' ? this.disputes.get(snapshot)! : snapshot);
    if (type === 'charge.dispute.funds_withdrawn') dispute.fundsWithdrawn = true;
    if (type === 'charge.dispute.funds_reinstated') dispute.fundsReinstated = true;
    return { id, created: new Date(), kind: 'dispute', type, dispute };
  }

  private newRefund(intent: ProviderIntent, amount: number, status: ProviderRefundStatus, reason: ProviderRefund['reason'], metadata: Record<string, string>): ProviderRefund {
    const refund: ProviderRefund = { id: `re_${randomBytes(6).toString('hex')}`, paymentIntentId: intent.id, amount, currency: intent.currency, status, reason, failureReason: null, metadata: { ...metadata } };
    this.refunds.set(refund.id, refund);
    return refund;
  }

  /** What the intent's refunds take back now: failed and canceled ones gave it back. */
  private refundedTotal(intentId: string): number {
    return [...this.refunds.values()].filter((r) => r.paymentIntentId === intentId && r.status !== 'FAILED' && r.status !== 'CANCELED').reduce((sum, r) => sum + r.amount, 0);
  }

  private refundTotal(intentId: string): ProviderRefundState {
    return { paymentIntentId: intentId, amountRefunded: this.refundedTotal(intentId), currency: this.intent(intentId).currency };
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

  /** A test card as the provider holds it, made on first use from its template (as Stripe's pm_card_visa is). */
  private card(id: string): ProviderCard {
    let card = this.cards.get(id);
    if (!card) {
      const template = TEST_CARDS[id];
      if (!template) throw new ProviderRejectedError('INVALID_REQUEST', 'resource_missing', `No such payment method: ${id}`);
      card = { id, customerId: null, ...template };
      this.cards.set(id, card);
    }
    return card;
  }

  private setup(id: string): ProviderSetup {
    const setup = this.setups.get(id);
    if (!setup) throw new ProviderRejectedError('INVALID_REQUEST', 'resource_missing', `No such setup_intent: ${id}`);
    return structuredClone(setup);
  }

  private requestId(): string {
    return `req_memory_${++this.requests}`;
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
