import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { AdminKeyRevocationConsequence, type Failure, type UserErrorCode } from '../../domain/user-errors';
import { MoneyType } from './money.type';

/** An expected failure the client should handle: returned as a result, never thrown. Branch on `__typename` or `code`. */
@InterfaceType('UserError', { description: 'An expected failure, returned as a mutation result. Branch on __typename or code.' })
export abstract class UserErrorType {
  @Field(() => String, { description: 'Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE.' })
  code!: string;

  @Field(() => String, { description: 'For people, in English; may change. Show your own text keyed on code where it matters.' })
  message!: string;
}

@ObjectType('InvalidAmountError', { implements: UserErrorType, description: 'The amount is zero, negative or not a whole number of minor units.' })
export class InvalidAmountErrorType extends UserErrorType {}

@ObjectType('AmountExceedsBalanceError', { implements: UserErrorType, description: 'The amount is more than is due on the invoice.' })
export class AmountExceedsBalanceErrorType extends UserErrorType {
  @Field(() => MoneyType, { description: 'What is due now: the most that can be paid.' })
  amountDue!: MoneyType;
}

@ObjectType('AmountBelowMinimumError', { implements: UserErrorType, description: "Below the payment provider's minimum charge for the currency." })
export class AmountBelowMinimumErrorType extends UserErrorType {
  @Field(() => MoneyType, {
    description: "The smallest amount that can be paid on the invoice now (its minimumPayment): the provider's minimum charge, or all that is due when no smaller part is possible.",
  })
  minimum!: MoneyType;
}

@ObjectType('AmountAboveMaximumError', {
  implements: UserErrorType,
  description: "Above the largest single charge the payment provider takes: nothing was tried on the card. Pay in parts of at most maximum.",
})
export class AmountAboveMaximumErrorType extends UserErrorType {
  @Field(() => MoneyType, { description: 'The most one payment on the invoice can be now (its maximumPayment).' })
  maximum!: MoneyType;
}

@ObjectType('AmountLeavesUnpayableRemainderError', {
  implements: UserErrorType,
  description: "A part payment that would leave less than the provider's minimum charge to pay later, which no card could pay. Pay all that is due, or at most maximumPartial.",
})
export class AmountLeavesUnpayableRemainderErrorType extends UserErrorType {
  @Field(() => MoneyType, { description: 'What is due now: paying all of it is always possible.' })
  amountDue!: MoneyType;

  @Field(() => MoneyType, { nullable: true, description: 'The largest part that leaves a payable remainder; null when only all that is due can be paid.' })
  maximumPartial!: MoneyType | null;

  @Field(() => MoneyType, { description: "The provider's minimum charge: the smallest remainder a later payment can pay." })
  minimum!: MoneyType;
}

@ObjectType('CurrencyMismatchError', { implements: UserErrorType, description: "The currency given is not the invoice's." })
export class CurrencyMismatchErrorType extends UserErrorType {
  @Field(() => String, { description: 'The invoice\'s currency, lowercase ISO 4217, e.g. "usd".' })
  expectedCurrency!: string;
}

@ObjectType('InvoiceNotPayableError', { implements: UserErrorType, description: 'The invoice is paid or void: nothing can be paid on it.' })
export class InvoiceNotPayableErrorType extends UserErrorType {
  @Field(() => String, { description: 'The invoice\'s status, e.g. "PAID".' })
  invoiceStatus!: string;
}

@ObjectType('InvoiceNotPayableOnlineError', {
  implements: UserErrorType,
  description: "What is due is less than the payment provider's minimum charge, so no card payment can settle it: the customer should contact the business (Organization.supportEmail).",
})
export class InvoiceNotPayableOnlineErrorType extends UserErrorType {
  @Field(() => MoneyType, { description: 'What is still owed.' })
  amountDue!: MoneyType;

  @Field(() => MoneyType, { description: "The provider's minimum charge, which amountDue is below." })
  minimum!: MoneyType;
}

@ObjectType('PaymentMethodNotFoundError', { implements: UserErrorType, description: 'No saved card of this customer has that id.' })
export class PaymentMethodNotFoundErrorType extends UserErrorType {}

@ObjectType('PaymentMethodRejectedError', { implements: UserErrorType, description: 'The card could not be saved.' })
export class PaymentMethodRejectedErrorType extends UserErrorType {}

@ObjectType('CardManagementNotAllowedError', {
  implements: UserErrorType,
  description: 'The link is bound to one invoice: it may pay with saved cards, but only a link for the whole account adds, removes or changes the default card. Nothing changed.',
})
export class CardManagementNotAllowedErrorType extends UserErrorType {}

@ObjectType('PaymentInProgressError', { implements: UserErrorType, description: 'A payment for the invoice is processing; try again when it settles.' })
export class PaymentInProgressErrorType extends UserErrorType {}

@ObjectType('PaymentDeclinedError', { implements: UserErrorType, description: 'The card was declined; message is the bank\'s reason. Try another card.' })
export class PaymentDeclinedErrorType extends UserErrorType {
  @Field(() => String, { nullable: true, description: "The card issuer's reason, e.g. insufficient_funds; null when it gave none." })
  declineCode!: string | null;
}

@ObjectType('PaymentCanceledError', { implements: UserErrorType, description: 'The payment was canceled; start a new one with createPaymentIntent.' })
export class PaymentCanceledErrorType extends UserErrorType {}

@ObjectType('PaymentNotConfirmedError', { implements: UserErrorType, description: 'The client has not confirmed the payment with a card yet.' })
export class PaymentNotConfirmedErrorType extends UserErrorType {}

@ObjectType('PaymentNotPossibleError', {
  implements: UserErrorType,
  description:
    'The payment provider refused the request itself, not the card (our configuration or our bug, e.g. a currency it does not take): nothing was charged or saved, and another card would not help. The business is alerted; try again later or contact it.',
})
export class PaymentNotPossibleErrorType extends UserErrorType {}

registerEnumType(AdminKeyRevocationConsequence, {
  name: 'AdminKeyRevocationConsequence',
  description: 'What revoking an admin API key would cost.',
  valuesConfig: {
    REVOKES_OWN_KEY: { description: 'The key making the request stops working: the next request with it is refused.' },
    LEAVES_NO_ACTIVE_KEY: { description: 'The organization has no active admin API key left; only an operator can create one, with the CLI.' },
  },
});

@ObjectType('RevocationNeedsConfirmationError', {
  implements: UserErrorType,
  description: 'Nothing was revoked: doing it would cut off access (see consequences). Call again with confirmLossOfAccess: true to revoke anyway.',
})
export class RevocationNeedsConfirmationErrorType extends UserErrorType {
  @Field(() => [AdminKeyRevocationConsequence], { description: 'What the revocation would cost; one or both.' })
  consequences!: AdminKeyRevocationConsequence[];
}

@ObjectType('RefundExceedsRefundableError', {
  implements: UserErrorType,
  description: 'Nothing was refunded: the amount is more than can still be refunded on the payment (what is not refunded already, being refunded, or held by a dispute).',
})
export class RefundExceedsRefundableErrorType extends UserErrorType {
  @Field(() => MoneyType, { description: 'The most that can be refunded on the payment now; zero when nothing is left.' })
  refundable!: MoneyType;
}

@ObjectType('PaymentDisputedError', {
  implements: UserErrorType,
  description:
    "Nothing was refunded: the payment is charged back. While the dispute is open its money is the customer's bank's to decide; once lost, the bank already returned it. (An inquiry does not block refunds, and a won dispute no longer does.)",
})
export class PaymentDisputedErrorType extends UserErrorType {}

@ObjectType('RefundRejectedError', { implements: UserErrorType, description: 'The payment provider refused the refund; message is its reason. Nothing was refunded.' })
export class RefundRejectedErrorType extends UserErrorType {
  @Field(() => String, { description: "The provider's own code, e.g. charge_already_refunded." })
  providerCode!: string;
}

@ObjectType('RefundRequestConflictError', {
  implements: UserErrorType,
  description: 'The requestId was already used for a different refund of this payment (another amount or reason). Nothing more was refunded; use a new requestId for a new refund.',
})
export class RefundRequestConflictErrorType extends UserErrorType {}

@ObjectType('InvoiceNotVoidableError', {
  implements: UserErrorType,
  description: 'Nothing changed: only an open invoice holding no money can be voided. Refund its payments first (see invoicePayments).',
})
export class InvoiceNotVoidableErrorType extends UserErrorType {
  @Field(() => String, { description: 'The invoice\'s status, e.g. "PAID".' })
  invoiceStatus!: string;

  @Field(() => MoneyType, { description: 'What the invoice holds, received net of refunds and disputes.' })
  amountPaid!: MoneyType;
}

@ObjectType('EmailNotConfiguredError', {
  implements: UserErrorType,
  description: 'Email is off on this server (no SMTP_URL in production): nothing was sent, and nothing was done that would have been.',
})
export class EmailNotConfiguredErrorType extends UserErrorType {}

@ObjectType('CustomerHasNoEmailError', {
  implements: UserErrorType,
  description: 'The customer has no email address on file, so nothing could be emailed; nothing was done. Send the link another way, or add an address first.',
})
export class CustomerHasNoEmailErrorType extends UserErrorType {}

@ObjectType('EmailNotRetryableError', {
  implements: UserErrorType,
  description:
    'Only a message that FAILED and still holds its content can be sent again (content is erased EMAIL_FAILED_BODY_RETENTION_DAYS after it failed; issue a new link then). Nothing changed.',
})
export class EmailNotRetryableErrorType extends UserErrorType {
  @Field(() => String, { description: 'The message\'s status now: QUEUED, SENT, or FAILED (its content erased).' })
  emailStatus!: string;
}

type ExtraKeys<C extends UserErrorCode> = Exclude<keyof Failure<C>, 'kind' | 'code' | 'message'>;

/**
 * How a domain failure becomes its GraphQL type: the class, and the fields beyond code and message (required,
 * and complete, whenever the failure carries any).
 */
export type UserErrorMapping<C extends UserErrorCode> = { type: new () => UserErrorType } & ([ExtraKeys<C>] extends [never]
  ? { fields?: never }
  : { fields(error: Failure<C>): Record<ExtraKeys<C>, unknown> });

/** Every domain failure's GraphQL type. A failure added to the domain without one here does not compile. */
export const USER_ERROR_TYPES: { [C in UserErrorCode]: UserErrorMapping<C> } = {
  INVALID_AMOUNT: { type: InvalidAmountErrorType },
  AMOUNT_EXCEEDS_BALANCE: { type: AmountExceedsBalanceErrorType, fields: (e) => ({ amountDue: MoneyType.of(e.amountDue) }) },
  AMOUNT_BELOW_MINIMUM: { type: AmountBelowMinimumErrorType, fields: (e) => ({ minimum: MoneyType.of(e.minimum) }) },
  AMOUNT_ABOVE_MAXIMUM: { type: AmountAboveMaximumErrorType, fields: (e) => ({ maximum: MoneyType.of(e.maximum) }) },
  AMOUNT_LEAVES_UNPAYABLE_REMAINDER: {
    type: AmountLeavesUnpayableRemainderErrorType,
    fields: (e) => ({ amountDue: MoneyType.of(e.amountDue), maximumPartial: e.maximumPartial && MoneyType.of(e.maximumPartial), minimum: MoneyType.of(e.minimum) }),
  },
  CURRENCY_MISMATCH: { type: CurrencyMismatchErrorType, fields: (e) => ({ expectedCurrency: e.expectedCurrency }) },
  INVOICE_NOT_PAYABLE: { type: InvoiceNotPayableErrorType, fields: (e) => ({ invoiceStatus: e.invoiceStatus }) },
  INVOICE_NOT_PAYABLE_ONLINE: { type: InvoiceNotPayableOnlineErrorType, fields: (e) => ({ amountDue: MoneyType.of(e.amountDue), minimum: MoneyType.of(e.minimum) }) },
  PAYMENT_METHOD_NOT_FOUND: { type: PaymentMethodNotFoundErrorType },
  PAYMENT_METHOD_REJECTED: { type: PaymentMethodRejectedErrorType },
  CARD_MANAGEMENT_NOT_ALLOWED: { type: CardManagementNotAllowedErrorType },
  PAYMENT_IN_PROGRESS: { type: PaymentInProgressErrorType },
  PAYMENT_DECLINED: { type: PaymentDeclinedErrorType, fields: (e) => ({ declineCode: e.declineCode }) },
  PAYMENT_CANCELED: { type: PaymentCanceledErrorType },
  PAYMENT_NOT_CONFIRMED: { type: PaymentNotConfirmedErrorType },
  PAYMENT_NOT_POSSIBLE: { type: PaymentNotPossibleErrorType },
  REVOCATION_NEEDS_CONFIRMATION: { type: RevocationNeedsConfirmationErrorType, fields: (e) => ({ consequences: e.consequences }) },
  REFUND_EXCEEDS_REFUNDABLE: { type: RefundExceedsRefundableErrorType, fields: (e) => ({ refundable: MoneyType.of(e.refundable) }) },
  PAYMENT_DISPUTED: { type: PaymentDisputedErrorType },
  REFUND_REJECTED: { type: RefundRejectedErrorType, fields: (e) => ({ providerCode: e.providerCode }) },
  REFUND_REQUEST_CONFLICT: { type: RefundRequestConflictErrorType },
  INVOICE_NOT_VOIDABLE: { type: InvoiceNotVoidableErrorType, fields: (e) => ({ invoiceStatus: e.invoiceStatus, amountPaid: MoneyType.of(e.amountPaid) }) },
  EMAIL_NOT_CONFIGURED: { type: EmailNotConfiguredErrorType },
  CUSTOMER_HAS_NO_EMAIL: { type: CustomerHasNoEmailErrorType },
  EMAIL_NOT_RETRYABLE: { type: EmailNotRetryableErrorType, fields: (e) => ({ emailStatus: e.emailStatus }) },
};
