import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { LIMITS } from '../../domain/limits';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { pageInfo } from '../types/page-info.type';
import { PaymentConnectionType, PaymentType, paymentType } from '../types/payment.type';

@Resolver(() => PaymentType)
export class PaymentHistoryResolver {
  @Query(() => PaymentConnectionType, { description: "The token's customer's payments, newest first; for a link bound to one invoice, that invoice's payments alone." })
  @Access('customer')
  @RateLimit('view')
  async paymentHistory(
    @Arg('first', () => Int, { nullable: true, description: `Page size, default ${LIMITS.pageSize.default}, capped at ${LIMITS.pageSize.max}.` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page; omit for the newest payments.' }) after: string | null,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services }: ApiContext,
  ): Promise<PaymentConnectionType> {
    const page = await services.portal.paymentHistory(customer, first, after);
    const edges = page.payments.map(({ cursor, payment }) => ({ cursor, node: paymentType(payment) }));
    return { edges, pageInfo: pageInfo(edges, page) };
  }
}
