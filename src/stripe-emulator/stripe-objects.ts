import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { TestCard } from './test-cards';

// Builders for the API objects the emulator returns. Each one's return type is the SDK's own type, so `tsc`
// checks the emulator's responses against what the real `stripe` package expects to receive.

/** The API version events are stamped with: the one the installed SDK is pinned to. */
export const API_VERSION: string = Stripe.API_VERSION;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` random base-62 characters. */
export const randomString = (length: number) => [...randomBytes(length)].map((b) => ALPHABET[b % 62]).join('');

/** A Stripe-looking id: `pi_` plus 24 base-62 characters. */
export function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomString(length)}`;
}

/** Seconds since the epoch, Stripe's timestamp unit. */
export const now = (): number => Math.floor(Date.now() / 1000);

/** Metadata as sent: a map whose empty values delete keys, or `''` to clear everything (Stripe's semantics). */
export type MetadataPatch = Record<string, string> | '';

/** Applies a metadata patch the way Stripe merges metadata on update. */
export function mergeMetadata(current: Stripe.Metadata | null, patch: MetadataPatch): Stripe.Metadata {
  if (patch === '') return {};
  const merged = { ...current, ...patch };
  for (const key of Object.keys(patch)) if (patch[key] === '') delete merged[key];
  return merged;
}

/** A new Customer. */
export function customerObject(
  fields: Pick<Stripe.Customer, 'email' | 'name' | 'description' | 'phone' | 'metadata'>,
): Stripe.Customer {
  return {
    id: newId('cus', 14), object: 'customer', address: null, balance: 0, created: now(), currency: null,
    default_source: null, delinquent: false, discount: null, invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false, next_invoice_sequence: 1, preferred_locales: [], shipping: null, tax_exempt: 'none',
    test_clock: null, customer_account: null, ...fields,
  };
}

/** A new card PaymentMethod made from a test card template, with the expiry and billing details typed in, if any. */
export function paymentMethodObject(
  card: TestCard,
  entered: { expMonth?: number; expYear?: number; billingDetails?: Partial<Stripe.PaymentMethod.BillingDetails> } = {},
): Stripe.PaymentMethod {
  return {
    id: newId('pm'), object: 'payment_method', allow_redisplay: 'unspecified',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null, ...entered.billingDetails },
    card: {
      brand: card.brand, display_brand: card.brand, last4: card.last4, funding: card.funding,
      exp_month: entered.expMonth ?? 12, exp_year: entered.expYear ?? 2034,
      country: 'US', fingerprint: randomBytes(8).toString('hex'), generated_from: null, wallet: null,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated', three_d_secure_usage: { supported: true },
    },
    created: now(), customer: null, customer_account: null, livemode: false, metadata: {}, type: 'card',
  };
}

/** Fields a caller chooses when creating a PaymentIntent. */
export type PaymentIntentFields = Pick<Stripe.PaymentIntent,
  'amount' | 'currency' | 'customer' | 'description' | 'metadata' | 'payment_method' | 'payment_method_types' | 'allowed_payment_method_types'
  | 'automatic_payment_methods' | 'setup_future_usage' | 'receipt_email' | 'statement_descriptor_suffix'>;

/** A new PaymentIntent; its status follows from whether a payment method was given. */
export function paymentIntentObject(fields: PaymentIntentFields): Stripe.PaymentIntent {
  const id = newId('pi');
  return {
    id, object: 'payment_intent', amount_capturable: 0, amount_details: { tip: {} }, amount_received: 0,
    application: null, application_fee_amount: null, canceled_at: null, cancellation_reason: null,
    capture_method: 'automatic_async', client_secret: `${id}_secret_${randomString(25)}`, confirmation_method: 'automatic',
    created: now(), customer_account: null, excluded_payment_method_types: null, last_payment_error: null, latest_charge: null,
    livemode: false, managed_payments: null, next_action: null, on_behalf_of: null, payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_record: null, processing: null, review: null, shipping: null, source: null, statement_descriptor: null, transfer_data: null,
    transfer_group: null, status: fields.payment_method ? 'requires_confirmation' : 'requires_payment_method', ...fields,
  };
}

/** How a payment attempt went: declined with the card's decline, pending (a payment still processing), or paid. */
export type ChargeOutcome = 'succeeded' | 'pending' | NonNullable<TestCard['decline']>;

/**
 * A Charge for one payment attempt. As with Stripe's asynchronous capture (the default capture method), a paid charge
 * has no balance transaction yet: it is added a moment later, with a `charge.updated` event.
 */
export function chargeObject(intent: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, outcome: ChargeOutcome): Stripe.Charge {
  const card = pm.card!;
  const decline = typeof outcome === 'object' ? outcome : undefined;
  const paid = outcome === 'succeeded';
  return {
    id: newId('ch'), object: 'charge', amount: intent.amount, amount_captured: paid ? intent.amount : 0, amount_refunded: 0,
    application: null, application_fee: null, application_fee_amount: null, balance_transaction: null,
    billing_details: pm.billing_details, calculated_statement_descriptor: 'STRIPE EMULATOR', captured: paid, created: now(),
    currency: intent.currency, customer: intent.customer, description: intent.description, disputed: false,
    failure_balance_transaction: null, failure_code: decline?.code ?? null, failure_message: decline?.message ?? null,
    fraud_details: {}, livemode: false, metadata: intent.metadata, on_behalf_of: null,
    outcome: {
      advice_code: null, network_advice_code: null, network_decline_code: null, risk_level: 'normal', risk_score: 20,
      network_status: decline ? 'declined_by_network' : 'approved_by_network', reason: decline?.declineCode ?? null,
      seller_message: decline ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
      type: decline ? 'issuer_declined' : 'authorized',
    },
    paid, payment_intent: intent.id, payment_method: pm.id, receipt_email: intent.receipt_email, receipt_number: null,
    payment_method_details: {
      type: 'card',
      card: {
        amount_authorized: decline ? null : intent.amount, authorization_code: decline ? null : '123456', brand: card.brand,
        checks: card.checks, country: card.country, exp_month: card.exp_month, exp_year: card.exp_year, funding: card.funding,
        last4: card.last4, fingerprint: card.fingerprint, installments: null, mandate: null, network: card.brand,
        network_transaction_id: decline ? null : randomString(15), regulated_status: card.regulated_status,
        electronic_commerce_indicator: null, three_d_secure: null, transaction_link_id: null, wallet: null,
      },
    },
    receipt_url: null, refunded: false, review: null, shipping: null, source: null, source_transfer: null,
    statement_descriptor: null, statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: paid ? 'succeeded' : decline ? 'failed' : 'pending', transfer_data: null, transfer_group: null,
  };
}

/** A Refund of (part of) a charge: card refunds succeed at once in test mode, unless the card says they stay pending. */
export function refundObject(
  charge: Stripe.Charge, amount: number, status: 'succeeded' | 'pending', fields: Pick<Stripe.Refund, 'reason' | 'metadata'>,
): Stripe.Refund {
  return {
    id: newId('re'), object: 'refund', amount, balance_transaction: newId('txn'), charge: charge.id, created: now(),
    currency: charge.currency, customer: charge.customer, customer_account: null,
    destination_details: { type: 'card', card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: status === 'pending' ? 'pending' : 'refund' } },
    payment_intent: charge.payment_intent, payment_method: charge.payment_method, receipt_number: null,
    source_transfer_reversal: null, status, transfer_reversal: null, ...(status === 'pending' && { pending_reason: 'processing' }), ...fields,
  };
}

/** Every event type the emulator emits (the SDK-shapes test checks each against the SDK's declarations). */
export const EMITTED_EVENT_TYPES = [
  'customer.created',
  'payment_method.attached', 'payment_method.detached', 'payment_method.updated', 'payment_method.automatically_updated',
  'payment_intent.created', 'payment_intent.requires_action', 'payment_intent.processing', 'payment_intent.succeeded',
  'payment_intent.payment_failed', 'payment_intent.canceled',
  'charge.pending', 'charge.succeeded', 'charge.failed', 'charge.updated', 'charge.refunded', 'charge.refund.updated',
  'charge.dispute.created', 'charge.dispute.funds_withdrawn', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_reinstated',
  'refund.created', 'refund.updated', 'refund.failed',
  'setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded', 'setup_intent.setup_failed', 'setup_intent.canceled',
] as const satisfies ReadonlyArray<Stripe.Event['type']>;
/** The event types the emulator emits. */
export type EmittedEventType = (typeof EMITTED_EVENT_TYPES)[number];
/** The event variant the SDK declares for `K`, which fixes the type of its `data.object`. */
export type EventOf<K extends Stripe.Event['type']> = Extract<Stripe.Event, { type: K }>;

/** An Event carrying a snapshot of `object` (and what changed, for `*.updated`-style events). */
export function eventObject<K extends EmittedEventType>(
  type: K,
  object: EventOf<K>['data']['object'],
  meta: { request: Stripe.Event.Request | null; pendingWebhooks: number; previous?: Partial<EventOf<K>['data']['object']> },
): EventOf<K> {
  const base: Stripe.EventBase = {
    id: newId('evt'), object: 'event', api_version: API_VERSION, created: now(), livemode: false,
    pending_webhooks: meta.pendingWebhooks, request: meta.request, type,
    data: { object: structuredClone(object), ...(meta.previous && { previous_attributes: structuredClone(meta.previous) }) },
  };
  // The SDK's union cannot be narrowed from a generic key; the parameter types above already tie `object` to `type`.
  return base as EventOf<K>;
}
