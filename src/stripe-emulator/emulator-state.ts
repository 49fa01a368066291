import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { Disputes } from './disputes';
import { Refunds } from './refunds';
import { SetupIntents } from './setup-intents';
import { StripeApiError, cardError, invalidRequest, resourceMissing, returnUrlRequired, throwError, unexpectedState } from './stripe-api-error';
import {
  chargeObject, customerObject, eventObject, mergeMetadata, newId, now, paymentIntentObject, paymentMethodObject,
  type ChargeOutcome, type EmittedEventType, type EventOf, type MetadataPatch, type PaymentIntentFields,
} from './stripe-objects';
import { TEST_CARDS, cardBrand, type CardBrand, type TestCard } from './test-cards';

export { mergeMetadata, type MetadataPatch };

/** Confirmation parameters beyond the intent's own fields. */
export interface ConfirmOptions {
  paymentMethod?: string; returnUrl?: string; offSession?: boolean; setupFutureUsage?: Stripe.PaymentIntent.SetupFutureUsage | null;
  /** Stripe.js confirms with `use_stripe_sdk`: it handles next actions itself, so no `return_url` is needed. */
  useStripeSdk?: boolean;
}

type Decline = NonNullable<TestCard['decline']>;

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const CONSUMED = 'This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.';
const AUTHENTICATION_REQUIRED: Decline = {
  code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.',
};

/** What the state needs from the server around it. */
export interface EmulatorStateOptions {
  pendingWebhooks: number;
  /** Whether the next confirmation ends in `processing` (a fault). */
  takeProcessingFault: () => boolean;
  /** The currency the emulated account settles in: the minimum charge is checked in it. */
  settlementCurrency: string;
  /** Runs `change` as Stripe does "some time later" (a refund of `pm_card_refundFail` failing). */
  later: (change: () => void) => void;
}

/** What the card network's updater may change on a saved card. */
export interface CardNetworkUpdate { expMonth?: number; expYear?: number; brand?: CardBrand; last4?: string }

/**
 * The emulator's in-memory Stripe account: its objects, the payment state machine and the events it emits. Refunds,
 * disputes and SetupIntents keep their own state machines (refunds.ts, disputes.ts, setup-intents.ts) on this account.
 * Every operation is synchronous, so one request's changes and events never interleave with another's.
 */
export class EmulatorState {
  readonly customers = new Map<string, Stripe.Customer>();
  readonly paymentMethods = new Map<string, Stripe.PaymentMethod>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly refunds = new Refunds(this);
  readonly disputes = new Disputes(this);
  readonly setupIntents = new SetupIntents(this);
  readonly events: Stripe.Event[] = [];
  /** Events not yet handed to the webhook dispatcher, which sends them after the API response. */
  outbox: Stripe.Event[] = [];
  /** The API request new events are attributed to; `null` means "done in the dashboard". */
  request: Stripe.Event.Request | null = null;
  /** The emulator's own URL, for the 3D Secure "challenge page" it links to. */
  baseUrl = '';
  /** Changes Stripe makes right after the current request (asynchronous capture, a test card's dispute); the server runs them. */
  readonly afterRequest: Array<() => void> = [];
  private readonly cards = new Map<string, TestCard>();
  /** PaymentMethods Stripe would refuse to use again: paid once without a customer, or detached. */
  private readonly consumed = new Set<string>();
  /** Cards set up with 3-D Secure for off-session payments. */
  private readonly setUp = new Set<string>();

  constructor(private readonly options: EmulatorStateOptions) {}

  get settlementCurrency(): string {
    return this.options.settlementCurrency;
  }

  /** Any stored object by id, for `expand[]`. */
  lookup(id: string): object | undefined {
    return this.customers.get(id) ?? this.paymentMethods.get(id) ?? this.paymentIntents.get(id) ?? this.charges.get(id)
      ?? this.refunds.find(id) ?? this.disputes.find(id) ?? this.disputes.balanceTransactions.get(id) ?? this.setupIntents.find(id);
  }

  /** Queues a change Stripe makes right after the current request, attributed to no request. */
  soon(change: () => void): void {
    this.afterRequest.push(change);
  }

  /** Queues a change Stripe makes "some time later". */
  later(change: () => void): void {
    this.options.later(change);
  }

  /** How the test card behind a PaymentMethod behaves, if it is one. */
  cardOf(paymentMethodId: string | null): TestCard | undefined {
    return paymentMethodId ? this.cards.get(paymentMethodId) : undefined;
  }

  /** The card was set up with 3-D Secure for off-session payments (a SetupIntent, or a payment saving it). */
  markSetUp(paymentMethodId: string): void {
    this.setUp.add(paymentMethodId);
  }

  /** Records an event with a snapshot of `object` and queues it for webhook delivery. */
  emit<K extends EmittedEventType>(type: K, object: EventOf<K>['data']['object'], previous?: Partial<EventOf<K>['data']['object']>): void {
    const event = eventObject(type, object, { request: this.request, pendingWebhooks: this.options.pendingWebhooks, previous });
    this.events.push(event);
    this.outbox.push(event);
  }

  createCustomer(fields: Parameters<typeof customerObject>[0]): Stripe.Customer {
    const customer = customerObject(fields);
    this.customers.set(customer.id, customer);
    this.emit('customer.created', customer);
    return customer;
  }

  getCustomer(id: string, param = 'id'): Stripe.Customer {
    return this.customers.get(id) ?? throwError(resourceMissing('customer', id, param));
  }

  /** A stored PaymentMethod, or a new one when `id` is a test id such as `pm_card_visa` (a template, as in Stripe). */
  paymentMethod(id: string, param = 'payment_method'): Stripe.PaymentMethod {
    const template = TEST_CARDS[id];
    if (!template) return this.paymentMethods.get(id) ?? throwError(resourceMissing('PaymentMethod', id, param));
    const pm = paymentMethodObject(template);
    this.paymentMethods.set(pm.id, pm);
    this.cards.set(pm.id, template);
    return pm;
  }

  /** A card PaymentMethod made from card details (what Stripe.js sends); when charged it behaves as `card` says. */
  createCardPaymentMethod(card: TestCard, entered: Parameters<typeof paymentMethodObject>[1]): Stripe.PaymentMethod {
    const pm = paymentMethodObject(card, entered);
    this.paymentMethods.set(pm.id, pm);
    this.cards.set(pm.id, card);
    return pm;
  }

  attachPaymentMethod(id: string, customerId: string): Stripe.PaymentMethod {
    const customer = this.getCustomer(customerId, 'customer');
    const pm = this.paymentMethod(id);
    if (pm.customer === customer.id) return pm;
    if (pm.customer) throw invalidRequest('The payment method you provided has already been attached to a customer.', 'payment_method');
    if (this.consumed.has(pm.id)) throw invalidRequest(CONSUMED, 'payment_method');
    const card = this.cards.get(pm.id);
    if (card?.declinesOnAttach) throw cardError({ ...declineError(card.decline!), payment_method: structuredClone(pm) });
    this.attachTo(pm, customer.id);
    return pm;
  }

  /** Saves a card to a customer (after a checked attach, a setup or a payment that saves it); `payment_method.attached`. */
  attachTo(pm: Stripe.PaymentMethod, customerId: string): void {
    if (pm.customer === customerId) return;
    pm.customer = customerId;
    this.emit('payment_method.attached', pm);
  }

  detachPaymentMethod(id: string): Stripe.PaymentMethod {
    const pm = this.paymentMethod(id);
    if (!pm.customer) throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.');
    const previous = { customer: pm.customer };
    pm.customer = null;
    this.consumed.add(pm.id);
    this.emit('payment_method.detached', pm, previous);
    return pm;
  }

  updatePaymentMethod(id: string, changes: {
    billingDetails?: Partial<Stripe.PaymentMethod.BillingDetails>; metadata?: MetadataPatch; expMonth?: number; expYear?: number;
  }): Stripe.PaymentMethod {
    const pm = this.paymentMethod(id);
    if (!pm.customer) throw invalidRequest('You must save this PaymentMethod to a customer before you can update it.');
    checkExpiry(changes.expMonth, changes.expYear);
    const previous = structuredClone({ billing_details: pm.billing_details, metadata: pm.metadata, card: pm.card });
    pm.billing_details = { ...pm.billing_details, ...changes.billingDetails };
    if (changes.metadata !== undefined) pm.metadata = mergeMetadata(pm.metadata, changes.metadata);
    if (pm.card) pm.card = { ...pm.card, exp_month: changes.expMonth ?? pm.card.exp_month, exp_year: changes.expYear ?? pm.card.exp_year };
    this.emit('payment_method.updated', pm, previous);
    return pm;
  }

  /** The card network's updater changes a saved card (a new expiry, or a new number); `payment_method.automatically_updated`. */
  updateCardFromNetwork(id: string, changes: CardNetworkUpdate): Stripe.PaymentMethod {
    const pm = this.paymentMethod(id);
    if (!pm.customer || !pm.card) throw invalidRequest('Only a card saved to a customer is updated by the card network.', 'payment_method');
    if (changes.last4 !== undefined && !/^\d{4}$/.test(changes.last4)) throw invalidRequest('last4 must be four digits.', 'last4');
    if (changes.brand !== undefined && !cardBrand(TEST_BRAND_PREFIX[changes.brand] ?? '')) throw invalidRequest(`brand must be one of ${Object.keys(TEST_BRAND_PREFIX).join(', ')}.`, 'brand');
    checkExpiry(changes.expMonth, changes.expYear);
    const previous = structuredClone({ card: pm.card });
    const brand = changes.brand ?? pm.card.brand;
    pm.card = {
      ...pm.card, brand, display_brand: brand, networks: { available: [brand], preferred: null },
      last4: changes.last4 ?? pm.card.last4, exp_month: changes.expMonth ?? pm.card.exp_month, exp_year: changes.expYear ?? pm.card.exp_year,
      // A new card number is a new card to Stripe's fingerprint.
      fingerprint: changes.last4 && changes.last4 !== pm.card.last4 ? randomBytes(8).toString('hex') : pm.card.fingerprint,
    };
    this.emit('payment_method.automatically_updated', pm, previous);
    return pm;
  }

  /** A customer's PaymentMethods, newest first. */
  listPaymentMethods(customerId: string, type?: string): Stripe.PaymentMethod[] {
    this.getCustomer(customerId, 'customer');
    return [...this.paymentMethods.values()].filter((pm) => pm.customer === customerId && (!type || pm.type === type)).reverse();
  }

  getPaymentIntent(id: string, param = 'intent'): Stripe.PaymentIntent {
    return this.paymentIntents.get(id) ?? throwError(resourceMissing('payment_intent', id, param));
  }

  createPaymentIntent(fields: PaymentIntentFields, confirm?: ConfirmOptions): Stripe.PaymentIntent {
    if (typeof fields.customer === 'string') this.getCustomer(fields.customer, 'customer');
    const pm = typeof fields.payment_method === 'string' ? this.paymentMethod(fields.payment_method) : undefined;
    const intent = paymentIntentObject({ ...fields, payment_method: pm?.id ?? null });
    if (pm) this.checkUsable(pm, intent.customer as string | null);
    this.paymentIntents.set(intent.id, intent);
    this.emit('payment_intent.created', intent);
    return confirm ? this.confirmPaymentIntent(intent.id, confirm) : intent;
  }

  /** Updates an intent; anything but description and metadata only while it awaits payment, and it then needs confirming again. */
  updatePaymentIntent(id: string, changes: Partial<PaymentIntentFields>, metadata?: MetadataPatch): Stripe.PaymentIntent {
    const intent = this.getPaymentIntent(id);
    const field = Object.keys(changes).find((key) => key !== 'description');
    if (field && !CONFIRMABLE.includes(intent.status)) {
      throw unexpectedState(`This PaymentIntent's ${field} could not be updated because it has a status of ${intent.status}. You may only update the ${field} of a PaymentIntent with one of the following statuses: ${CONFIRMABLE.join(', ')}.`, intent);
    }
    if (typeof changes.customer === 'string') this.getCustomer(changes.customer, 'customer');
    if (typeof changes.payment_method === 'string') changes.payment_method = this.paymentMethod(changes.payment_method).id;
    Object.assign(intent, changes);
    if (metadata !== undefined) intent.metadata = mergeMetadata(intent.metadata, metadata);
    if (field) Object.assign(intent, { status: intent.payment_method ? 'requires_confirmation' : 'requires_payment_method', next_action: null });
    return intent;
  }

  /** Stripe's test-mode confirmation: the card decides between success, decline and 3D Secure. */
  confirmPaymentIntent(id: string, options: ConfirmOptions): Stripe.PaymentIntent {
    const intent = this.getPaymentIntent(id);
    if (!CONFIRMABLE.includes(intent.status)) {
      throw unexpectedState(intent.status === 'succeeded'
        ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
        : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`, intent);
    }
    const pmId = options.paymentMethod ? this.paymentMethod(options.paymentMethod).id : intent.payment_method;
    if (typeof pmId !== 'string') {
      throw unexpectedState("You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, provide a payment_method.", intent);
    }
    const pm = this.paymentMethods.get(pmId)!;
    this.checkUsable(pm, intent.customer as string | null);
    const apm = intent.automatic_payment_methods;
    if (apm?.enabled && apm.allow_redirects !== 'never' && !options.returnUrl && !options.offSession && !options.useStripeSdk) {
      throw returnUrlRequired();
    }
    intent.payment_method = pm.id;
    if (options.setupFutureUsage !== undefined) intent.setup_future_usage = options.setupFutureUsage;
    const card = this.cards.get(pm.id) ?? TEST_CARDS.pm_card_visa;
    if (card.outcome === 'decline') throw this.recordDecline(intent, pm, card.decline!);
    const setUpForOffSession = card.offSessionOnceSetUp && this.setUp.has(pm.id);
    if (card.outcome === 'authenticate' && options.offSession && !setUpForOffSession) throw this.recordDecline(intent, pm, AUTHENTICATION_REQUIRED);
    if (card.outcome === 'authenticate' && !options.offSession) {
      // The "challenge page" is the control endpoint that completes 3D Secure.
      const url = `${this.baseUrl}/_emulator/payment_intents/${intent.id}/authenticate`;
      intent.status = 'requires_action';
      intent.next_action = options.returnUrl
        ? { type: 'redirect_to_url', redirect_to_url: { url, return_url: options.returnUrl } }
        : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: pm.id } };
      this.emit('payment_intent.requires_action', intent);
    } else if (this.options.takeProcessingFault()) {
      const charge = chargeObject(intent, pm, 'pending');
      this.charges.set(charge.id, charge);
      Object.assign(intent, { status: 'processing', latest_charge: charge.id, last_payment_error: null });
      this.emit('charge.pending', charge);
      this.emit('payment_intent.processing', intent);
    } else {
      this.settle(intent, pm);
    }
    return intent;
  }

  /** Completes a pending 3D Secure challenge as the customer's browser would. */
  authenticate(id: string, succeed: boolean): Stripe.PaymentIntent {
    const intent = this.getPaymentIntent(id);
    if (intent.status !== 'requires_action') throw unexpectedState(`This PaymentIntent has a status of ${intent.status}, not requires_action.`, intent);
    const pm = this.paymentMethods.get(intent.payment_method as string)!;
    intent.next_action = null;
    if (succeed && intent.setup_future_usage === 'off_session') this.markSetUp(pm.id);
    if (succeed) return this.settle(intent, pm);
    const message = 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.';
    Object.assign(intent, { status: 'requires_payment_method', payment_method: null });
    intent.last_payment_error = { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message, payment_method: structuredClone(pm) };
    this.emit('payment_intent.payment_failed', intent);
    return intent;
  }

  /** Settles an intent on Stripe's side: a processing payment clears, or the customer pays in the browser (with a visa card if none is set). */
  succeedOutOfBand(id: string): Stripe.PaymentIntent {
    const intent = this.getPaymentIntent(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled') throw unexpectedState(`This PaymentIntent has a status of ${intent.status}.`, intent);
    const pm = typeof intent.payment_method === 'string' ? this.paymentMethods.get(intent.payment_method)! : this.paymentMethod('pm_card_visa');
    Object.assign(intent, { payment_method: pm.id, next_action: null });
    return this.settle(intent, pm);
  }

  cancelPaymentIntent(id: string, reason?: Stripe.PaymentIntent.CancellationReason): Stripe.PaymentIntent {
    const intent = this.getPaymentIntent(id);
    if (!CANCELABLE.includes(intent.status)) {
      throw unexpectedState(`You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`, intent);
    }
    Object.assign(intent, { status: 'canceled', canceled_at: now(), cancellation_reason: reason ?? null, next_action: null });
    this.emit('payment_intent.canceled', intent);
    return intent;
  }

  /** Refuses a PaymentMethod that cannot be used again, or that belongs to another customer than the intent's. */
  checkUsable(pm: Stripe.PaymentMethod, customer: string | null): void {
    if (this.consumed.has(pm.id)) throw invalidRequest(CONSUMED, 'payment_method');
    if (pm.customer && pm.customer !== customer) {
      throw invalidRequest(`The provided PaymentMethod is attached to customer ${pm.customer}, not to this intent's customer.`, 'payment_method');
    }
  }

  /**
   * The payment succeeds: its charge (the processing one, or a new one) is paid. As with Stripe's asynchronous capture,
   * the charge's balance transaction comes right after, with `charge.updated`; a `pm_card_createDispute` payment is then disputed.
   */
  private settle(intent: Stripe.PaymentIntent, pm: Stripe.PaymentMethod): Stripe.PaymentIntent {
    const pending = intent.status === 'processing' ? this.charges.get(intent.latest_charge as string) : undefined;
    const charge = pending ? Object.assign(pending, paidFields(intent)) : chargeObject(intent, pm, 'succeeded');
    this.charges.set(charge.id, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id, last_payment_error: null });
    if (intent.setup_future_usage && typeof intent.customer === 'string' && !pm.customer) {
      this.attachTo(pm, intent.customer);
    } else if (!pm.customer) {
      this.consumed.add(pm.id);
    }
    this.emit('charge.succeeded', charge);
    this.emit('payment_intent.succeeded', intent);
    this.soon(() => {
      charge.balance_transaction = newId('txn');
      this.emit('charge.updated', charge, { balance_transaction: null });
    });
    if (this.cards.get(pm.id)?.afterPayment === 'dispute') this.soon(() => void this.disputes.open(charge.id));
    return intent;
  }

  /** Records a declined attempt as Stripe does (a failed charge; the intent back to requires_payment_method); returns the 402 to throw. */
  private recordDecline(intent: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, decline: Decline): StripeApiError {
    const charge = chargeObject(intent, pm, decline as ChargeOutcome);
    this.charges.set(charge.id, charge);
    const error = { ...declineError(decline), charge: charge.id, payment_method: structuredClone(pm) };
    Object.assign(intent, { status: 'requires_payment_method', payment_method: null, latest_charge: charge.id, next_action: null });
    intent.last_payment_error = { ...error, type: 'card_error' };
    this.emit('charge.failed', charge);
    this.emit('payment_intent.payment_failed', intent);
    return cardError({ ...error, payment_intent: structuredClone(intent) });
  }
}

function declineError({ code, declineCode, message }: Decline) {
  return { code, decline_code: declineCode, message, payment_method_type: 'card' };
}

/** What a pending charge becomes once the payment succeeds. */
function paidFields(intent: Stripe.PaymentIntent): Partial<Stripe.Charge> {
  return { status: 'succeeded', paid: true, captured: true, amount_captured: intent.amount };
}

/** A number of each card brand, for checking a brand name the card network's updater sends. */
const TEST_BRAND_PREFIX: Readonly<Record<CardBrand, string>> = {
  visa: '4', mastercard: '51', amex: '34', discover: '6011', diners: '36', jcb: '35', unionpay: '62',
};

/** Refuses an expiry month or year Stripe would not store. */
function checkExpiry(month: number | undefined, year: number | undefined): void {
  if (month !== undefined && !(Number.isInteger(month) && month >= 1 && month <= 12)) throw invalidRequest("Your card's expiration month is invalid.", 'exp_month', 'invalid_expiry_month');
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw invalidRequest("Your card's expiration year is invalid.", 'exp_year', 'invalid_expiry_year');
}
