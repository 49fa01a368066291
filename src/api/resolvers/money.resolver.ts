import { FieldResolver, Resolver, Root } from 'type-graphql';
import { formatMoney, type Money } from '../../domain/money';
import { MoneyType } from '../types/money.type';

@Resolver(() => MoneyType)
export class MoneyResolver {
  @FieldResolver(() => String, { description: 'For display only, e.g. "$10.50". Compute with `amount`.' })
  formatted(@Root() money: Money): string {
    return formatMoney(money);
  }
}
