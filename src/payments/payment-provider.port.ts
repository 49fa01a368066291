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

export interface ProviderRefundState {
  paymentIntentId: string;
  /** Cumulative minor units refunded on the charge. */
  amountRefunded: number;
  currency: string;
}

/** A verified webhook event, reduced to what the domain acts on. */
export type ProviderEvent =
  | { id: string; created: Date; kind: 'intent'; type: string; intent: ProviderIntent }
  | { id: string; created: Date; kind: 'card_detached'; type: string; card: ProviderCard }
  | { id: string; created: Date; kind: 'card_updated'; type: string; card: ProviderCard }
  | { id: string; created: Date; kind: 'refund'; type: string; refund: ProviderRefundState }
  | { id: string; created: Date; kind: 'ignored'; type: string };

/** The provider could not be reached or is failing (timeout, 5xx, 429). Nothing is known to have happened. */
export class ProviderUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'ProviderUnavailableError';
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
  ) {
    super(message);
    this.name = 'ProviderRejectedError';
  }
}

/** A webhook whose signature, timestamp or body does not verify. */
export class InvalidWebhookError extends Error {}

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
}

export interface PaymentProvider {
  readonly rules: ProviderRules;

  /** Creates the provider-side customer. The idempotency key makes a concurrent or retried call return the same one. */
  createCustomer(input: { name: string; email: string | null; metadata: Record<string, string>; idempotencyKey: string }): Promise<string>;

  createIntent(input: CreateIntentRequest): Promise<ProviderIntent>;

  /** The provider's current truth about an intent. */
  retrieveIntent(id: string): Promise<ProviderIntent>;

  /** Cancels an intent that has not succeeded; rejects with reason UNEXPECTED_STATE otherwise. */
  cancelIntent(id: string, idempotencyKey: string): Promise<ProviderIntent>;

  /** Attaches a card to a provider customer and returns what is safe to store about it. */
  attachCard(paymentMethodId: string, providerCustomerId: string): Promise<ProviderCard>;

  /** Detaches a card; a card that is already gone is not an error. */
  detachCard(paymentMethodId: string): Promise<void>;

  /** Verifies a webhook's signature on the raw body and parses it. Throws InvalidWebhookError. */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderEvent;
}
