import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import {
  CARD_SETUP_FAILURES,
  CHOOSE_CARD_FAILURES,
  SAVE_CARD_FAILURES,
  type CardRemovalOutcome,
  type CardSetupOutcome,
  type DefaultCardOutcome,
  type SavedCardOutcome,
} from '../../domain/payment-method.service';
import { CONFIRMATION_FAILURES, PAYMENT_INTENT_FAILURES, type ConfirmationOutcome, type PaymentIntentOutcome } from '../../domain/payments/payment-results';
import { ProviderIntentStatus } from '../../payments/payment-provider.port';
import { resultUnion } from '../result-boundary';
import { MoneyType } from './money.type';
import { PaymentMethodType, paymentMethodType } from './payment-method.type';
import { PaymentType, paymentType } from './payment.type';

registerEnumType(ProviderIntentStatus, {
  name: 'PaymentIntentStatus',
  description: "Where a payment intent stands at the payment provider (Stripe's PaymentIntent status, upper case).",
  valuesConfig: {
    REQUIRES_PAYMENT_METHOD: { description: 'Waiting for a card (again, after a decline).' },
    REQUIRES_CONFIRMATION: { description: 'A card is attached; the client still has to confirm.' },
    REQUIRES_ACTION: { description: 'The bank asks the customer to authenticate (3-D Secure).' },
    PROCESSING: { description: 'The provider is settling it; it is recorded when it succeeds.' },
    SUCCEEDED: { description: 'The money was received.' },
    CANCELED: { description: 'Abandoned or replaced; it can no longer be paid.' },
  },
});

@ObjectType('PaymentIntent', { description: 'Hand clientSecret to Stripe.js to collect and confirm the card, then call confirmPayment.' })
export class PaymentIntentType {
  @Field(() => String, { description: "Stripe's PaymentIntent id (pi_…): pass it to confirmPayment." })
  id!: string;

  @Field(() => String, { description: 'For Stripe.js only. Do not log or store it.' })
  clientSecret!: string;

  @Field(() => ProviderIntentStatus, { description: 'Usually REQUIRES_PAYMENT_METHOD: the card is still to be entered.' })
  status!: ProviderIntentStatus;

  @Field(() => MoneyType, { description: 'What will be charged.' })
  amount!: MoneyType;
}

@ObjectType('PaymentRequiresAction', { description: 'The card needs 3-D Secure: run Stripe.js handleNextAction with clientSecret, then call confirmPayment again.' })
export class PaymentRequiresActionType {
  @Field(() => String, { description: 'The PaymentIntent to authenticate, then confirm again.' })
  paymentIntentId!: string;

  @Field(() => String, { description: 'For Stripe.js handleNextAction only. Do not log or store it.' })
  clientSecret!: string;

  @Field(() => String, { description: 'What Stripe.js will do, e.g. use_stripe_sdk or redirect_to_url.' })
  nextActionType!: string;

  @Field(() => String, { nullable: true, description: 'Where to send the customer when nextActionType is redirect_to_url; null otherwise.' })
  redirectUrl!: string | null;
}

@ObjectType('PaymentPending', { description: 'The provider is still processing the payment; it is recorded when it settles (ask again, or read paymentHistory).' })
export class PaymentPendingType {
  @Field(() => String, { description: 'The PaymentIntent being processed.' })
  paymentIntentId!: string;

  @Field(() => ProviderIntentStatus, { description: 'PROCESSING.' })
  status!: ProviderIntentStatus;
}

@ObjectType('CardSetup', {
  description:
    'A card being saved for later (a Stripe SetupIntent): confirm it in the browser with Stripe.js confirmCardSetup(clientSecret, { payment_method: { card } }), which runs 3-D Secure when the bank asks, then call addPaymentMethod with its id and the payment method it saved.',
})
export class CardSetupType {
  @Field(() => String, { description: "Stripe's SetupIntent id (seti_…): pass it to addPaymentMethod as setupIntentId." })
  id!: string;

  @Field(() => String, { description: 'For Stripe.js only. Do not log or store it.' })
  clientSecret!: string;
}

@ObjectType('RemovedPaymentMethod', { description: 'A saved card that was removed.' })
export class RemovedPaymentMethodType {
  @Field(() => ID, { description: 'The id the card had.' })
  id!: string;
}

export const CreatePaymentIntentResult = resultUnion<PaymentIntentOutcome>()(
  'CreatePaymentIntentResult',
  'A payment intent to confirm in the browser, or why one cannot be made.',
  {
    intent: {
      type: PaymentIntentType,
      outcome: 'intent_created',
      view: ({ intent }): PaymentIntentType => ({ id: intent.id, clientSecret: intent.clientSecret, status: intent.status, amount: MoneyType.of(intent.amount) }),
    },
  },
  PAYMENT_INTENT_FAILURES,
);

export const ConfirmPaymentResult = resultUnion<ConfirmationOutcome>()(
  'ConfirmPaymentResult',
  'Where the payment stands at the provider: recorded, waiting for 3-D Secure, still processing, or failed.',
  {
    payment: { type: PaymentType, outcome: 'succeeded', view: ({ payment }) => paymentType(payment) },
    requires_action: {
      type: PaymentRequiresActionType,
      outcome: 'requires_action',
      view: ({ paymentIntentId, clientSecret, nextActionType, redirectUrl }): PaymentRequiresActionType => ({ paymentIntentId, clientSecret, nextActionType, redirectUrl }),
    },
    pending: { type: PaymentPendingType, outcome: 'pending', view: ({ paymentIntentId, status }): PaymentPendingType => ({ paymentIntentId, status }) },
  },
  CONFIRMATION_FAILURES,
);

export const AddPaymentMethodResult = resultUnion<SavedCardOutcome>()(
  'AddPaymentMethodResult',
  'The saved card, or why it could not be saved.',
  { method: { type: PaymentMethodType, outcome: 'card_saved', view: ({ method }) => paymentMethodType(method) } },
  SAVE_CARD_FAILURES,
);

export const CreateCardSetupResult = resultUnion<CardSetupOutcome>()(
  'CreateCardSetupResult',
  'A card setup to confirm in the browser, or why a card cannot be added.',
  { setup: { type: CardSetupType, outcome: 'card_setup_created', view: ({ setup }): CardSetupType => ({ id: setup.id, clientSecret: setup.clientSecret }) } },
  CARD_SETUP_FAILURES,
);

export const RemovePaymentMethodResult = resultUnion<CardRemovalOutcome>()(
  'RemovePaymentMethodResult',
  'The removed card, or why it could not be removed.',
  { removed: { type: RemovedPaymentMethodType, outcome: 'card_removed', view: ({ id }): RemovedPaymentMethodType => ({ id }) } },
  CHOOSE_CARD_FAILURES,
);

export const SetDefaultMethodResult = resultUnion<DefaultCardOutcome>()(
  'SetDefaultMethodResult',
  'The new default card, or why it could not be made the default.',
  { method: { type: PaymentMethodType, outcome: 'default_set', view: ({ method }) => paymentMethodType(method) } },
  CHOOSE_CARD_FAILURES,
);
