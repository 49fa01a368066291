import type { Money } from './money';

/** What revoking an admin API key would cost, which the caller must confirm first (see OrganizationService.revokeAdminKey). */
export const AdminKeyRevocationConsequence = { REVOKES_OWN_KEY: 'REVOKES_OWN_KEY', LEAVES_NO_ACTIVE_KEY: 'LEAVES_NO_ACTIVE_KEY' } as const;
export type AdminKeyRevocationConsequence = keyof typeof AdminKeyRevocationConsequence;

/**
 * Expected failures a client should handle, returned (not thrown) by the domain services. Each result type names
 * the failures it can end in (`Failure<…>`), and the API turns each into its GraphQL type in one place
 * (api/result-boundary.ts), where a failure without a type, or a result union missing one, fails to compile.
 */
export type UserError =
  | { kind: 'error'; code: 'INVALID_AMOUNT'; message: string }
  | { kind: 'error'; code: 'AMOUNT_EXCEEDS_BALANCE'; message: string; amountDue: Money }
  | { kind: 'error'; code: 'AMOUNT_BELOW_MINIMUM'; message: string; minimum: Money }
  | { kind: 'error'; code: 'AMOUNT_ABOVE_MAXIMUM'; message: string; maximum: Money }
  | { kind: 'error'; code: 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER'; message: string; amountDue: Money; maximumPartial: Money | null; minimum: Money }
  | { kind: 'error'; code: 'CURRENCY_MISMATCH'; message: string; expectedCurrency: string }
  | { kind: 'error'; code: 'INVOICE_NOT_PAYABLE'; message: string; invoiceStatus: string }
  | { kind: 'error'; code: 'INVOICE_NOT_PAYABLE_ONLINE'; message: string; amountDue: Money; minimum: Money }
  | { kind: 'error'; code: 'PAYMENT_METHOD_NOT_FOUND'; message: string }
  | { kind: 'error'; code: 'PAYMENT_METHOD_REJECTED'; message: string }
  | { kind: 'error'; code: 'CARD_MANAGEMENT_NOT_ALLOWED'; message: string }
  | { kind: 'error'; code: 'PAYMENT_IN_PROGRESS'; message: string }
  | { kind: 'error'; code: 'PAYMENT_DECLINED'; message: string; declineCode: string | null }
  | { kind: 'error'; code: 'PAYMENT_CANCELED'; message: string }
  | { kind: 'error'; code: 'PAYMENT_NOT_CONFIRMED'; message: string }
  | { kind: 'error'; code: 'PAYMENT_NOT_POSSIBLE'; message: string }
  | { kind: 'error'; code: 'REVOCATION_NEEDS_CONFIRMATION'; message: string; consequences: AdminKeyRevocationConsequence[] }
  | { kind: 'error'; code: 'REFUND_EXCEEDS_REFUNDABLE'; message: string; refundable: Money }
  | { kind: 'error'; code: 'PAYMENT_DISPUTED'; message: string }
  | { kind: 'error'; code: 'REFUND_REJECTED'; message: string; providerCode: string }
  | { kind: 'error'; code: 'REFUND_REQUEST_CONFLICT'; message: string }
  | { kind: 'error'; code: 'INVOICE_NOT_VOIDABLE'; message: string; invoiceStatus: string; amountPaid: Money }
  | { kind: 'error'; code: 'EMAIL_NOT_CONFIGURED'; message: string }
  | { kind: 'error'; code: 'CUSTOMER_HAS_NO_EMAIL'; message: string }
  | { kind: 'error'; code: 'EMAIL_NOT_RETRYABLE'; message: string; emailStatus: string };

export type UserErrorCode = UserError['code'];

/** The failures with these codes, e.g. `Failure<'PAYMENT_DECLINED' | 'PAYMENT_CANCELED'>`. */
export type Failure<C extends UserErrorCode> = Extract<UserError, { code: C }>;

type Extra<C extends UserErrorCode> = Omit<Failure<C>, 'kind' | 'code' | 'message'>;

export function userError<C extends UserErrorCode>(code: C, message: string, ...extra: keyof Extra<C> extends never ? [] : [Extra<C>]): Failure<C> {
  return { kind: 'error', code, message, ...(extra[0] ?? {}) } as Failure<C>;
}
