import { createUnionType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MoneyType } from './money.type';
import { PaymentMethodType } from './payment-method.type';
import { PaymentType } from './payment.type';
import {
  AmountBelowMinimumErrorType,
  AmountExceedsBalanceErrorType,
  CurrencyMismatchErrorType,
  InvalidAmountErrorType,
  InvoiceNotPayableErrorType,
  PaymentCanceledErrorType,
  PaymentDeclinedErrorType,
  PaymentInProgressErrorType,
  PaymentMethodNotFoundErrorType,
  PaymentMethodRejectedErrorType,
  PaymentNotConfirmedErrorType,
} from './user-error.type';

export enum PaymentIntentStatus {
  REQUIRES_PAYMENT_METHOD = 'REQUIRES_PAYMENT_METHOD',
  REQUIRES_CONFIRMATION = 'REQUIRES_CONFIRMATION',
  REQUIRES_ACTION = 'REQUIRES_ACTION',
  PROCESSING = 'PROCESSING',
  SUCCEEDED = 'SUCCEEDED',
  CANCELED = 'CANCELED',
}
registerEnumType(PaymentIntentStatus, { name: 'PaymentIntentStatus' });

@ObjectType('PaymentIntent', { description: 'Hand clientSecret to Stripe.js to collect and confirm the card, then call confirmPayment.' })
export class PaymentIntentType {
  @Field(() => String, { description: "Stripe's PaymentIntent id (pi_…)." })
  id!: string;

  @Field(() => String, { description: 'For Stripe.js only. Do not log or store it.' })
  clientSecret!: string;

  @Field(() => PaymentIntentStatus)
  status!: PaymentIntentStatus;

  @Field(() => MoneyType)
  amount!: MoneyType;
}

@ObjectType('PaymentRequiresAction', { description: 'The card needs 3-D Secure: run Stripe.js handleNextAction with clientSecret, then call confirmPayment again.' })
export class PaymentRequiresActionType {
  @Field(() => String)
  paymentIntentId!: string;

  @Field(() => String)
  clientSecret!: string;

  @Field(() => String)
  nextActionType!: string;

  @Field(() => String, { nullable: true })
  redirectUrl!: string | null;
}

@ObjectType('PaymentPending', { description: 'Stripe is still processing the payment; it will be recorded when it settles.' })
export class PaymentPendingType {
  @Field(() => String)
  paymentIntentId!: string;

  @Field(() => PaymentIntentStatus)
  status!: PaymentIntentStatus;
}

@ObjectType('RemovedPaymentMethod')
export class RemovedPaymentMethodType {
  @Field(() => ID)
  id!: string;
}

/** Resolvers tag each result with its GraphQL type name. */
const byTypename = (value: object) => (value as { __typename?: string }).__typename;

export const CreatePaymentIntentResult = createUnionType({
  name: 'CreatePaymentIntentResult',
  types: () =>
    [
      PaymentIntentType,
      InvalidAmountErrorType,
      AmountExceedsBalanceErrorType,
      AmountBelowMinimumErrorType,
      CurrencyMismatchErrorType,
      InvoiceNotPayableErrorType,
      PaymentMethodNotFoundErrorType,
      PaymentInProgressErrorType,
      PaymentDeclinedErrorType,
    ] as const,
  resolveType: byTypename,
});

export const ConfirmPaymentResult = createUnionType({
  name: 'ConfirmPaymentResult',
  types: () => [PaymentType, PaymentRequiresActionType, PaymentPendingType, PaymentDeclinedErrorType, PaymentCanceledErrorType, PaymentNotConfirmedErrorType] as const,
  resolveType: byTypename,
});

export const AddPaymentMethodResult = createUnionType({
  name: 'AddPaymentMethodResult',
  types: () => [PaymentMethodType, PaymentMethodRejectedErrorType] as const,
  resolveType: byTypename,
});

export const RemovePaymentMethodResult = createUnionType({
  name: 'RemovePaymentMethodResult',
  types: () => [RemovedPaymentMethodType, PaymentMethodNotFoundErrorType] as const,
  resolveType: byTypename,
});

export const SetDefaultMethodResult = createUnionType({
  name: 'SetDefaultMethodResult',
  types: () => [PaymentMethodType, PaymentMethodNotFoundErrorType] as const,
  resolveType: byTypename,
});
