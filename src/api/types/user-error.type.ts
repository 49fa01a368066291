import { Field, InterfaceType, ObjectType } from 'type-graphql';
import type { Money } from '../../domain/money';
import type { UserError, UserErrorCode } from '../../domain/user-errors';
import { MoneyType } from './money.type';

/** An expected failure the client should handle: returned as a result, never thrown. Branch on `__typename` or `code`. */
@InterfaceType('UserError', { description: 'An expected failure, returned as a mutation result. Branch on __typename or code.' })
export abstract class UserErrorType {
  @Field(() => String, { description: 'Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE.' })
  code!: string;

  @Field(() => String, { description: 'For people; may change.' })
  message!: string;
}

@ObjectType('InvalidAmountError', { implements: UserErrorType, description: 'The amount is zero, negative or not a whole number of minor units.' })
export class InvalidAmountErrorType extends UserErrorType {}

@ObjectType('AmountExceedsBalanceError', { implements: UserErrorType })
export class AmountExceedsBalanceErrorType extends UserErrorType {
  @Field(() => MoneyType)
  amountDue!: MoneyType;
}

@ObjectType('AmountBelowMinimumError', { implements: UserErrorType, description: "Below the provider's minimum charge for the currency." })
export class AmountBelowMinimumErrorType extends UserErrorType {
  @Field(() => MoneyType)
  minimum!: MoneyType;
}

@ObjectType('CurrencyMismatchError', { implements: UserErrorType })
export class CurrencyMismatchErrorType extends UserErrorType {
  @Field(() => String)
  expectedCurrency!: string;
}

@ObjectType('InvoiceNotPayableError', { implements: UserErrorType, description: 'The invoice is paid or void.' })
export class InvoiceNotPayableErrorType extends UserErrorType {
  @Field(() => String)
  invoiceStatus!: string;
}

@ObjectType('PaymentMethodNotFoundError', { implements: UserErrorType })
export class PaymentMethodNotFoundErrorType extends UserErrorType {}

@ObjectType('PaymentMethodRejectedError', { implements: UserErrorType, description: 'The card could not be saved.' })
export class PaymentMethodRejectedErrorType extends UserErrorType {}

@ObjectType('PaymentInProgressError', { implements: UserErrorType, description: 'A payment for the invoice is processing; try again when it settles.' })
export class PaymentInProgressErrorType extends UserErrorType {}

@ObjectType('PaymentDeclinedError', { implements: UserErrorType })
export class PaymentDeclinedErrorType extends UserErrorType {
  @Field(() => String, { nullable: true, description: "The card issuer's reason, e.g. insufficient_funds." })
  declineCode!: string | null;
}

@ObjectType('PaymentCanceledError', { implements: UserErrorType })
export class PaymentCanceledErrorType extends UserErrorType {}

@ObjectType('PaymentNotConfirmedError', { implements: UserErrorType, description: 'The client has not confirmed the payment with a card yet.' })
export class PaymentNotConfirmedErrorType extends UserErrorType {}

const TYPE_OF: Record<UserErrorCode, string> = {
  INVALID_AMOUNT: 'InvalidAmountError',
  AMOUNT_EXCEEDS_BALANCE: 'AmountExceedsBalanceError',
  AMOUNT_BELOW_MINIMUM: 'AmountBelowMinimumError',
  CURRENCY_MISMATCH: 'CurrencyMismatchError',
  INVOICE_NOT_PAYABLE: 'InvoiceNotPayableError',
  PAYMENT_METHOD_NOT_FOUND: 'PaymentMethodNotFoundError',
  PAYMENT_METHOD_REJECTED: 'PaymentMethodRejectedError',
  PAYMENT_IN_PROGRESS: 'PaymentInProgressError',
  PAYMENT_DECLINED: 'PaymentDeclinedError',
  PAYMENT_CANCELED: 'PaymentCanceledError',
  PAYMENT_NOT_CONFIRMED: 'PaymentNotConfirmedError',
};

/** A domain UserError tagged with its GraphQL type, for the result unions. */
export function userErrorResult(error: UserError) {
  const result: Record<string, unknown> = { __typename: TYPE_OF[error.code], ...error };
  for (const [key, value] of Object.entries(result)) {
    if (isMoney(value)) result[key] = MoneyType.of(value);
  }
  return result;
}

function isMoney(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && typeof (value as Money).amount === 'number' && typeof (value as Money).currency === 'string';
}
