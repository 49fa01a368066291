import type { Failure, UserErrorCode } from '../user-errors';
import type { IntentView, PaymentView } from '../views';

/** What a customer asks for when starting to pay. Everything is optional: the default is all that is due now. */
export interface PaymentIntentRequest {
  /** Defaults to the link's invoice, or the customer's oldest open one. */
  invoiceId?: string | null;
  /** Minor units; defaults to the amount due. */
  amount?: number | null;
  /** When given, must be the invoice's. */
  currency?: string | null;
  /** One of the customer's saved cards (our id), to preselect. */
  paymentMethodId?: string | null;
  /** Keep the new card once the payment succeeds (ignored with a saved card, which is kept already). */
  savePaymentMethod?: boolean | null;
}

/**
 * The failures each use case can end in, as lists the API builds its result unions from: a failure added here is
 * offered to clients in the union too, and one the service returns without being listed does not compile.
 */
export const PAYMENT_INTENT_FAILURES = [
  'INVALID_AMOUNT',
  'AMOUNT_EXCEEDS_BALANCE',
  'AMOUNT_BELOW_MINIMUM',
  'AMOUNT_ABOVE_MAXIMUM',
  'AMOUNT_LEAVES_UNPAYABLE_REMAINDER',
  'CURRENCY_MISMATCH',
  'INVOICE_NOT_PAYABLE',
  'INVOICE_NOT_PAYABLE_ONLINE',
  'PAYMENT_METHOD_NOT_FOUND',
  'PAYMENT_IN_PROGRESS',
  'PAYMENT_DECLINED',
  'PAYMENT_NOT_POSSIBLE',
] as const satisfies readonly UserErrorCode[];

export const CONFIRMATION_FAILURES = ['PAYMENT_DECLINED', 'PAYMENT_CANCELED', 'PAYMENT_NOT_CONFIRMED'] as const satisfies readonly UserErrorCode[];

/** Starting to pay: an intent for the browser to confirm, or why not. */
export type PaymentIntentOutcome = { kind: 'intent'; intent: IntentView } | Failure<(typeof PAYMENT_INTENT_FAILURES)[number]>;

/** Where a payment stands once the browser says it confirmed, as the provider reports it. */
export type ConfirmationOutcome =
  | { kind: 'payment'; payment: PaymentView }
  | { kind: 'requires_action'; paymentIntentId: string; clientSecret: string; nextActionType: string; redirectUrl: string | null }
  | { kind: 'pending'; paymentIntentId: string; status: 'PROCESSING' }
  | Failure<(typeof CONFIRMATION_FAILURES)[number]>;
