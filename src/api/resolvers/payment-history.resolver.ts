import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { PaymentConnectionType, PaymentType, paymentView } from '../types/payment.type';

@Resolver(() => PaymentType)
export class PaymentHistoryResolver {
  @Query(() => PaymentConnectionType, { description: "The token's customer's payments, newest first." })
  @Access('customer')
  @RateLimit('view')
  async paymentHistory(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 10, capped at 100.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after: string | null,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services }: ApiContext,
  ) {
    const page = await services.portal.paymentHistory(customer, first, after);
    const edges = page.payments.map((payment) => ({ cursor: page.cursorOf(payment), node: paymentView(payment) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
