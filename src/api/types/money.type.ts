import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { formatMoney, type Money } from '../../domain/money';

/**
 * Money as the API hands it out (inputs take amounts as Int: each is bounded by LIMITS, far below 2^31). Every
 * Money-typed field holds one of these, built where the value leaves the domain (`MoneyType.of`), so its fields are
 * plain properties that graphql-js reads directly, where a type-graphql field resolver (or getter, which type-graphql
 * wraps the same way) would cost a wrapped call per value.
 */
@ObjectType('Money', { simpleResolvers: true, description: 'An amount of money: an integer number of minor units (cents) and a currency.' })
export class MoneyType implements Money {
  // A 53-bit safe integer, not GraphQL's 32-bit Int: a balance sums invoices, each of which may approach 2^31 alone.
  @Field(() => GraphQLSafeInt, { description: 'Minor units, e.g. 1050 is $10.50 in usd. A whole number up to 2^53 − 1 (a balance sums many invoices).' })
  readonly amount: number;

  @Field(() => String, { description: 'Lowercase ISO 4217 code, e.g. "usd".' })
  readonly currency: string;

  @Field(() => String, { description: 'For display only, e.g. "$10.50". Compute with `amount`.' })
  readonly formatted: string;

  constructor(amount: number, currency: string) {
    this.amount = amount;
    this.currency = currency;
    this.formatted = formatMoney(this);
  }

  static of(money: Money): MoneyType {
    return new MoneyType(money.amount, money.currency);
  }
}
