import { Ctx, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { PaymentLinkType, paymentLinkType } from '../types/payment-link.type';

@Resolver(() => PaymentLinkType)
export class PaymentLinkResolver {
  @Query(() => PaymentLinkType, { description: "What the token's link opens: the organization, the customer, the invoice it is bound to if any, and its expiry." })
  @Access('customer')
  @RateLimit('view')
  async paymentLink(@CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services }: ApiContext): Promise<PaymentLinkType> {
    return paymentLinkType(await services.portal.paymentLink(customer));
  }
}
