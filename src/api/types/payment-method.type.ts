import { Field, ID, Int, ObjectType } from 'type-graphql';

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
