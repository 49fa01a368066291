import type Stripe from 'stripe';
import { StripeApiError, cardError, invalidRequest, resourceMissing, throwError, unexpectedState } from './stripe-api-error';
import {
  chargeObject, customerObject, eventObject, formatAmount, now, paymentIntentObject, paymentMethodObject, refundObject,
  type EmittedEventType, type EventOf, type PaymentIntentFields,
} from './stripe-objects';
import { TEST_CARDS, type TestCard } from './test-cards';

/** Metadata as sent: a map whose empty values delete keys, or `''` to clear everything (Stripe's semantics). */
export type MetadataPatch = Record<string, string> | '';

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
const RETURN_URL_REQUIRED = 'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.';
const AUTHENTICATION_REQUIRED: Decline = {
  code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.',
};

/** Applies a metadata patch the way Stripe merges metadata on update. */
export function mergeMetadata(current: Stripe.Metadata | null, patch: MetadataPatch): Stripe.Metadata {
  if (patch === '') return {};
  const merged = { ...current, ...patch };
  for (const key of Object.keys(patch)) if (patch[key] === '') delete merged[key];
  return merged;
}

/**
 * The emulator's in-memory Stripe account: its objects, the payment state machine and the events it emits.
 * Every operation is synchronous, so one request's changes and events never interleave with another's.
 */
export class EmulatorState {
  readonly customers = new Map<string, Stripe.Customer>();
  readonly paymentMethods = new Map<string, Stripe.PaymentMethod>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly refunds = new Map<string, Stripe.Refund>();
  readonly events: Stripe.Event[] = [];
  /** Events not yet handed to the webhook dispatcher, which sends them after the API response. */
  outbox: Stripe.Event[] = [];
  /** The API request new events are attributed to; `null` means "done in the dashboard". */
  request: Stripe.Event.Request | null = null;
  /** The emulator's own URL, for the 3D Secure "challenge page" it links to. */
  baseUrl = '';
  private readonly cards = new Map<string, TestCard>();
  /** PaymentMethods Stripe would refuse to use again: paid once without a customer, or detached. */
  private readonly consumed = new Set<string>();

  constructor(private readonly options: { pendingWebhooks: number; takeProcessingFault: () => boolean }) {}

  /** Any stored object by id, for `expand[]`. */
  lookup(id: string): object | undefined {
    return [this.customers, this.paymentMethods, this.paymentIntents, this.charges, this.refunds].map((m) => m.get(id)).find(Boolean);
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
    pm.customer = customer.id;
    this.emit('payment_method.attached', pm);
    return pm;
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
    const previous = structuredClone({ billing_details: pm.billing_details, metadata: pm.metadata, card: pm.card });
    pm.billing_details = { ...pm.billing_details, ...changes.billingDetails };
    if (changes.metadata !== undefined) pm.metadata = mergeMetadata(pm.metadata, changes.metadata);
    if (pm.card) pm.card = { ...pm.card, exp_month: changes.expMonth ?? pm.card.exp_month, exp_year: changes.expYear ?? pm.card.exp_year };
    this.emit('payment_method.updated', pm, previous);
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
    if (pm) this.checkUsable(pm, intent);
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
    this.checkUsable(pm, intent);
    const apm = intent.automatic_payment_methods;
    if (apm?.enabled && apm.allow_redirects !== 'never' && !options.returnUrl && !options.offSession && !options.useStripeSdk) {
      throw invalidRequest(RETURN_URL_REQUIRED, 'return_url');
    }
    intent.payment_method = pm.id;
    if (options.setupFutureUsage !== undefined) intent.setup_future_usage = options.setupFutureUsage;
    const card = this.cards.get(pm.id) ?? TEST_CARDS.pm_card_visa;
    if (card.outcome === 'decline') throw this.recordDecline(intent, pm, card.decline!);
    if (card.outcome === 'authenticate' && options.offSession) throw this.recordDecline(intent, pm, AUTHENTICATION_REQUIRED);
    if (card.outcome === 'authenticate') {
      // The "challenge page" is the control endpoint that completes 3D Secure.
      const url = `${this.baseUrl}/_emulator/payment_intents/${intent.id}/authenticate`;
      intent.status = 'requires_action';
      intent.next_action = options.returnUrl
        ? { type: 'redirect_to_url', redirect_to_url: { url, return_url: options.returnUrl } }
        : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: pm.id } };
      this.emit('payment_intent.requires_action', intent);
    } else if (this.options.takeProcessingFault()) {
      intent.status = 'processing';
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

  /** Refunds the successful charge of an intent (or a charge by id), all that is left unless `amount` says less. */
  createRefund(target: { paymentIntent?: string; charge?: string }, amount: number | undefined, fields: Pick<Stripe.Refund, 'reason' | 'metadata'>): Stripe.Refund {
    if (amount !== undefined && !(Number.isInteger(amount) && amount >= 1)) {
      throw invalidRequest('This value must be greater than or equal to 1.', 'amount', 'parameter_invalid_integer');
    }
    let charge: Stripe.Charge | undefined;
    if (target.paymentIntent) {
      const latest = this.getPaymentIntent(target.paymentIntent, 'payment_intent').latest_charge;
      charge = this.charges.get(latest as string);
      if (!charge?.paid) throw invalidRequest('This PaymentIntent does not have a successful charge to refund.', 'payment_intent');
    } else {
      charge = this.charges.get(target.charge!) ?? throwError(resourceMissing('charge', target.charge!, 'charge'));
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    if (amount !== undefined && amount > remaining) {
      throw invalidRequest(`Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`, 'amount');
    }
    const refund = refundObject(charge, amount ?? remaining, fields);
    this.refunds.set(refund.id, refund);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += refund.amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    this.emit('charge.refunded', charge, previous);
    this.emit('refund.created', refund);
    return refund;
  }

  private checkUsable(pm: Stripe.PaymentMethod, intent: Stripe.PaymentIntent): void {
    if (this.consumed.has(pm.id)) throw invalidRequest(CONSUMED, 'payment_method');
    if (pm.customer && pm.customer !== intent.customer) {
      throw invalidRequest(`The provided PaymentMethod is attached to customer ${pm.customer}, not to this PaymentIntent's customer.`, 'payment_method');
    }
  }

  private settle(intent: Stripe.PaymentIntent, pm: Stripe.PaymentMethod): Stripe.PaymentIntent {
    const charge = chargeObject(intent, pm);
    this.charges.set(charge.id, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id, last_payment_error: null });
    if (intent.setup_future_usage && typeof intent.customer === 'string' && !pm.customer) {
      pm.customer = intent.customer;
      this.emit('payment_method.attached', pm);
    } else if (!pm.customer) {
      this.consumed.add(pm.id);
    }
    this.emit('charge.succeeded', charge);
    this.emit('payment_intent.succeeded', intent);
    return intent;
  }

  /** Records a declined attempt as Stripe does (a failed charge; the intent back to requires_payment_method); returns the 402 to throw. */
  private recordDecline(intent: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, decline: Decline): StripeApiError {
    const charge = chargeObject(intent, pm, decline);
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
