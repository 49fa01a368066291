import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { SavedCardView } from '../../domain/views';

@ObjectType('PaymentMethod', { simpleResolvers: true, description: 'A saved card. Only what is safe to show: never the card number.' })
export class PaymentMethodType {
  @Field(() => ID, { description: 'Pass to setDefaultMethod, removePaymentMethod or createPaymentIntent(input.paymentMethodId).' })
  id!: string;

  @Field(() => String, { description: 'The card network, e.g. "visa" or "mastercard".' })
  brand!: string;

  @Field(() => String, { description: "The card's last four digits." })
  last4!: string;

  @Field(() => Int, { description: 'Expiry month, 1 to 12.' })
  expMonth!: number;

  @Field(() => Int, { description: 'Expiry year, four digits.' })
  expYear!: number;

  @Field(() => Boolean, { description: 'True on exactly one card whenever the customer has any: the one offered first.' })
  isDefault!: boolean;
}

export const paymentMethodType = (view: SavedCardView): PaymentMethodType => view;
