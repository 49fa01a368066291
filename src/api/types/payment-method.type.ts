import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { PaymentMethod } from '../../db/generated/sqlite/client';

@ObjectType('PaymentMethod', { simpleResolvers: true, description: 'A saved card. Only what is safe to show: never the card number.' })
export class PaymentMethodType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  brand!: string;

  @Field(() => String)
  last4!: string;

  @Field(() => Int)
  expMonth!: number;

  @Field(() => Int)
  expYear!: number;

  @Field(() => Boolean)
  isDefault!: boolean;
}

/** A saved card as the API shows it. */
export function paymentMethodView(method: PaymentMethod): PaymentMethodType {
  const { id, brand, last4, expMonth, expYear } = method;
  return { id, brand, last4, expMonth, expYear, isDefault: method.defaultForCustomerId !== null };
}
