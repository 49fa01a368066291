import { Ctx, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { BalanceType, balanceType } from '../types/invoice.type';

@Resolver(() => BalanceType)
export class BalanceResolver {
  @Query(() => BalanceType, { description: "The token's customer's balance over open invoices; for a link bound to one invoice, over that invoice alone." })
  @Access('customer')
  @RateLimit('view')
  async balance(@CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services }: ApiContext): Promise<BalanceType> {
    return balanceType(await services.portal.balance(customer));
  }
}
