/**
 * The payment provider, in the domain's words. The domain layer talks only to this port: the provider's own rules
 * (minimum and maximum charges, currencies, how long it keeps idempotency keys, what its ids look like) and its error codes stay
 * behind it. The Stripe adapter (stripe/stripe-payment-provider.ts) is the implementation that ships;
 * in-memory-payment-provider.ts is a small stand-in for fast domain tests.
 */

/** Where a provider-side payment stands. The mapping from the provider's own statuses lives in its adapter. */
export const ProviderIntentStatus = {
  REQUIRES_PAYMENT_METHOD: 'REQUIRES_PAYMENT_METHOD',
  REQUIRES_CONFIRMATION: 'REQUIRES_CONFIRMATION',
  REQUIRES_ACTION: 'REQUIRES_ACTION',
  PROCESSING: 'PROCESSING',
  SUCCEEDED: 'SUCCEEDED',
  CANCELED: 'CANCELED',
} as const;
export type ProviderIntentStatus = keyof typeof ProviderIntentStatus;

export interface ProviderCard {
  id: string;
  /** The provider customer the card is attached to, if any. */
  customerId: string | null;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface ProviderIntent {
  id: string;
  status: ProviderIntentStatus;
  /** Minor units requested. */
  amount: number;
  /** Minor units actually received (equals amount once succeeded). */
  amountReceived: number;
  currency: string;
  clientSecret: string | null;
  customerId: string | null;
  metadata: Record<string, string>;
  /** Why the last attempt failed (a decline, failed authentication), if it did. */
  lastError: { code: string; declineCode: string | null; message: string } | null;
  /** What the client must do next (3-D Secure); set whenever status is REQUIRES_ACTION. */
  nextAction: { type: string; redirectUrl: string | null } | null;
  /** The card used or to be used, when known. */
  paymentMethodId: string | null;
  card: Pick<ProviderCard, 'brand' | 'last4' | 'expMonth' | 'expYear'> | null;
}

/** Where a provider-side card setup (Stripe's SetupIntent) stands. The mapping from the provider's statuses lives in its adapter. */
export const ProviderSetupStatus = {
  REQUIRES_PAYMENT_METHOD: 'REQUIRES_PAYMENT_METHOD',
  REQUIRES_CONFIRMATION: 'REQUIRES_CONFIRMATION',
  REQUIRES_ACTION: 'REQUIRES_ACTION',
  PROCESSING: 'PROCESSING',
  SUCCEEDED: 'SUCCEEDED',
  CANCELED: 'CANCELED',
} as const;
export type ProviderSetupStatus = keyof typeof ProviderSetupStatus;

/**
 * Saving a card for later without charging it (Stripe's SetupIntent, usage off_session): the browser confirms it,
 * with 3-D Secure when the bank asks, and on success the provider attaches the card to the customer.
 */
export interface ProviderSetup {
  id: string;
  status: ProviderSetupStatus;
  /** For the browser's library only; never logged or stored. */
  clientSecret: string | null;
  customerId: string | null;
  /** The card being (or, once SUCCEEDED, that was) saved. */
  paymentMethodId: string | null;
  metadata: Record<string, string>;
  /** Why the last confirmation failed (a decline, failed authentication), if it did. */
  lastError: { code: string; declineCode: string | null; message: string } | null;
}

export interface ProviderRefundState {
  paymentIntentId: string;
  /** Cumulative minor units refunded on the charge. */
  amountRefunded: number;
  currency: string;
}

/**
 * Where a refund stands at the provider (Stripe's Refund status, upper case). A refund normally goes PENDING →
 * SUCCEEDED; it can still fail after succeeding (the card was closed), and FAILED and CANCELED are final: the money
 * is back in the business's balance.
 */
export const ProviderRefundStatus = {
  PENDING: 'PENDING',
  REQUIRES_ACTION: 'REQUIRES_ACTION',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELED: 'CANCELED',
} as const;
export type ProviderRefundStatus = keyof typeof ProviderRefundStatus;

/** Why a business gives money back, in the provider's three categories. */
export const RefundReason = { DUPLICATE: 'DUPLICATE', FRAUDULENT: 'FRAUDULENT', REQUESTED_BY_CUSTOMER: 'REQUESTED_BY_CUSTOMER' } as const;
export type RefundReason = keyof typeof RefundReason;

/** One refund as the provider reports it (a snapshot: an older one may arrive after a newer one). */
export interface ProviderRefund {
  id: string;
  paymentIntentId: string;
  amount: number;
  currency: string;
  status: ProviderRefundStatus;
  reason: RefundReason | null;
  /** Why the money could not be returned (e.g. expired_or_canceled_card), once FAILED. */
  failureReason: string | null;
  metadata: Record<string, string>;
}

export interface CreateRefundRequest {
  paymentIntentId: string;
  /** Minor units; at most what is left unrefunded on the payment. */
  amount: number;
  reason: RefundReason | null;
  metadata: Record<string, string>;
  /** Same key, same refund: a retry after a timeout never refunds twice. */
  idempotencyKey: string;
}

/**
 * Where a dispute stands (Stripe's Dispute status in the domain's words). An inquiry (Stripe's warning_*) is the
 * bank asking questions before a chargeback: no funds move. The last four are final.
 */
export const ProviderDisputeStatus = {
  INQUIRY_NEEDS_RESPONSE: 'INQUIRY_NEEDS_RESPONSE',
  INQUIRY_UNDER_REVIEW: 'INQUIRY_UNDER_REVIEW',
  NEEDS_RESPONSE: 'NEEDS_RESPONSE',
  UNDER_REVIEW: 'UNDER_REVIEW',
  WON: 'WON',
  LOST: 'LOST',
  INQUIRY_CLOSED: 'INQUIRY_CLOSED',
  PREVENTED: 'PREVENTED',
} as const;
export type ProviderDisputeStatus = keyof typeof ProviderDisputeStatus;

/** A dispute as the provider reports it in an event (a snapshot, like every event's object). */
export interface ProviderDispute {
  id: string;
  paymentIntentId: string;
  /** Minor units the bank disputes: usually the whole charge, sometimes part of it. */
  amount: number;
  currency: string;
  status: ProviderDisputeStatus;
  /** The provider's reason code, e.g. fraudulent, product_not_received. */
  reason: string;
  /** The disputed funds were taken from the balance (the event says so, or the dispute's balance transactions do). */
  fundsWithdrawn: boolean;
  /** They were given back. */
  fundsReinstated: boolean;
  /** When evidence is due, while the dispute can be answered. */
  evidenceDueBy: Date | null;
}

/** A verified webhook event, reduced to what the domain acts on. */
export type ProviderEvent = (
  | { id: string; created: Date; kind: 'intent'; type: string; intent: ProviderIntent }
  | { id: string; created: Date; kind: 'card_detached'; type: string; card: ProviderCard }
  | { id: string; created: Date; kind: 'card_updated'; type: string; card: ProviderCard }
  | { id: string; created: Date; kind: 'refund'; type: string; refund: ProviderRefundState }
  | { id: string; created: Date; kind: 'refund_changed'; type: string; refund: ProviderRefund }
  | { id: string; created: Date; kind: 'dispute'; type: string; dispute: ProviderDispute }
  | { id: string; created: Date; kind: 'setup_succeeded'; type: string; setup: ProviderSetup }
  | { id: string; created: Date; kind: 'ignored'; type: string }
) & {
  /** The provider API version the event's object was written in, when it says (see PaymentProvider.apiVersion). */
  apiVersion?: string | null;
};

/** The provider could not be reached or is failing (timeout, 5xx, 429). Nothing is known to have happened. */
export class ProviderUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

/**
 * The provider answered with a failure it had stored under the request's idempotency key: Stripe keeps the 500 of a
 * request that failed after its work began and replays it for 24 hours, so retrying with that key can never succeed.
 * Like any unavailability, nothing is known to have happened; unlike it, waiting does not help (see PaymentAttempts).
 */
export class ProviderReplayedFailureError extends ProviderUnavailableError {
  constructor(message: string, cause?: unknown) {
    super(message, cause);
    this.name = 'ProviderReplayedFailureError';
  }
}

/** Why the provider refused a request, in the domain's words. */
export type RejectionReason =
  /** The card was declined (by the issuer, or by failed authentication). */
  | 'DECLINED'
  /** Below the smallest charge the provider accepts in that currency. */
  | 'AMOUNT_TOO_SMALL'
  /** Above the largest single charge the provider accepts in that currency. */
  | 'AMOUNT_TOO_LARGE'
  /** The object is not in a state that allows it (e.g. canceling an intent that already succeeded). */
  | 'UNEXPECTED_STATE'
  /** Anything else the provider would not do: an unknown or unusable payment method, a bad parameter. */
  | 'INVALID_REQUEST';

/** The provider refused the request itself (a card decline, an unknown payment method, a bad state). */
export class ProviderRejectedError extends Error {
  constructor(
    readonly reason: RejectionReason,
    /** The provider's own code, for logs and the attempt's lastError; never branched on outside the adapter. */
    readonly code: string,
    message: string,
    readonly declineCode: string | null = null,
    /** The provider's id of the refused request (Stripe's req_…), for logs and for the provider's support. */
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ProviderRejectedError';
  }
}

/** A webhook whose signature, timestamp or body does not verify. */
export class InvalidWebhookError extends Error {}

/**
 * A webhook that is signed (it is the provider's) but whose body we cannot understand: a field missing or of the wrong
 * type, an object of another type than its event type names. Processing it again would fail the same way, so it is
 * refused (not retried) and kept for an operator; `payload` is the body without client secrets, for that record.
 */
export class UnreadableWebhookError extends Error {
  constructor(
    message: string,
    readonly event: { id: string | null; type: string | null; created: Date | null; apiVersion: string | null },
    readonly payload: string | null,
  ) {
    super(message);
    this.name = 'UnreadableWebhookError';
  }
}

export interface CreateIntentRequest {
  amount: number;
  currency: string;
  providerCustomerId: string;
  /** A saved card to preselect; the client still confirms. */
  paymentMethodId?: string | null;
  /** Ask the provider to keep the card for later use. */
  savePaymentMethod: boolean;
  metadata: Record<string, string>;
  /** Same key, same intent: retries after a timeout or crash never create a second one. */
  idempotencyKey: string;
}

/** What the provider accepts, known without calling it. */
export interface ProviderRules {
  /** Currencies it can charge, lowercase ISO 4217. */
  readonly currencies: readonly string[];
  /** Its smallest charge in a currency, in minor units. */
  minimumCharge(currency: string): number;
  /** Its largest single charge in a currency, in minor units: more than this is paid in parts. */
  maximumCharge(currency: string): number;
  /** How long it honours an idempotency key: past this, an unanswered attempt can no longer be resumed by its key. */
  readonly idempotencyWindowMs: number;
  /** Whether a string a client sent can name one of its payment methods (checked before any call). */
  isPaymentMethodId(id: string): boolean;
  /**
   * The currency the account is paid out in. The provider checks its minimum charge after converting to it, so
   * minimumCharge is exact in this currency only (see the Stripe rules).
   */
  readonly settlementCurrency: string;
}

export interface PaymentProvider {
  readonly rules: ProviderRules;

  /** The provider API version every call is made in, pinned in the adapter; null for a provider without versions. */
  readonly apiVersion: string | null;

  /** Creates the provider-side customer. The idempotency key makes a concurrent or retried call return the same one. */
  createCustomer(input: { name: string; email: string | null; metadata: Record<string, string>; idempotencyKey: string }): Promise<string>;

  createIntent(input: CreateIntentRequest): Promise<ProviderIntent>;

  /** The provider's current truth about an intent. */
  retrieveIntent(id: string): Promise<ProviderIntent>;

  /**
   * A customer's intents created at or after `since`, newest first: how an intent whose creation answer never came
   * back (or came back as a replayed failure) is found again by its metadata. Read from a consistent listing, not a
   * search index, so an intent that exists is always in it.
   */
  listIntents(providerCustomerId: string, since: Date): Promise<ProviderIntent[]>;

  /** Cancels an intent that has not succeeded; rejects with reason UNEXPECTED_STATE otherwise. */
  cancelIntent(id: string, idempotencyKey: string): Promise<ProviderIntent>;

  /** Refunds (part of) a succeeded intent. Same key, same refund; a refusal (more than is left, a disputed charge) rejects. */
  createRefund(input: CreateRefundRequest): Promise<ProviderRefund>;

  /** Every refund of an intent, oldest first, whatever its status: the provider's truth when events cannot say which refund changed. */
  listRefunds(paymentIntentId: string): Promise<ProviderRefund[]>;

  /** Attaches a card to a provider customer and returns what is safe to store about it. */
  attachCard(paymentMethodId: string, providerCustomerId: string): Promise<ProviderCard>;

  /** Detaches a card; a card that is already gone is not an error. */
  detachCard(paymentMethodId: string): Promise<void>;

  /** The provider's current truth about a card; rejects with INVALID_REQUEST for one that does not exist or is not a card. */
  retrieveCard(paymentMethodId: string): Promise<ProviderCard>;

  /** Starts saving a card for off-session use (a SetupIntent) for a provider customer. Same key, same setup. */
  createSetup(input: { providerCustomerId: string; metadata: Record<string, string>; idempotencyKey: string }): Promise<ProviderSetup>;

  /** The provider's current truth about a card setup. */
  retrieveSetup(id: string): Promise<ProviderSetup>;

  /**
   * Verifies a webhook's signature on the raw body and parses it. Throws InvalidWebhookError when it is not the
   * provider's, UnreadableWebhookError when it is but its body is not what the event type promises.
   */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent;
}
