import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('Money', { description: 'An amount of money: an integer number of minor units (cents) and a currency.' })
export class MoneyType {
  @Field(() => Int, { description: 'Minor units, e.g. 1050 is $10.50 in usd.' })
  amount!: number;

  @Field(() => String, { description: 'Lowercase ISO 4217 code, e.g. "usd".' })
  currency!: string;
}
