import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Money } from '../../domain/money';
import type { Balance } from '../../domain/payment-portal.service';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { BalanceType } from '../types/invoice.type';
import { MoneyType } from '../types/money.type';

@Resolver(() => BalanceType)
export class BalanceResolver {
  @Query(() => BalanceType, { description: "The token's customer's balance over open invoices." })
  @Access('customer')
  @RateLimit('view')
  balance(@CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services }: ApiContext): Promise<Balance> {
    return services.portal.balance(customer);
  }

  @FieldResolver(() => MoneyType, { description: 'Sum of amountDue over open invoices.' })
  totalOutstanding(@Root() balance: Balance): Money {
    return balance.totalOutstanding;
  }

  @FieldResolver(() => MoneyType, { description: 'The part of totalOutstanding past its due date.' })
  overdue(@Root() balance: Balance): Money {
    return balance.overdue;
  }
}
