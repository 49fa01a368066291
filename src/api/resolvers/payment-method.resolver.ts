import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { PaymentMethod } from '../../db/generated/sqlite/client';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { PaymentMethodType } from '../types/payment-method.type';

@Resolver(() => PaymentMethodType)
export class PaymentMethodResolver {
  @Query(() => [PaymentMethodType], { description: "The token's customer's saved cards, the default first." })
  @Access('customer')
  @RateLimit('view')
  paymentMethods(@CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services }: ApiContext): Promise<PaymentMethod[]> {
    return services.portal.paymentMethods(customer);
  }

  @FieldResolver(() => Boolean)
  isDefault(@Root() method: PaymentMethod): boolean {
    return method.defaultForCustomerId !== null;
  }
}
