import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { AddPaymentMethodInput } from '../inputs/payment.input';
import type { PaymentMethodResult } from '../../domain/payment-method.service';
import { AddPaymentMethodResult, RemovePaymentMethodResult, SetDefaultMethodResult } from '../types/payment-results.type';
import { PaymentMethodType, paymentMethodView } from '../types/payment-method.type';
import { userErrorResult } from '../types/user-error.type';

function methodResult(result: PaymentMethodResult) {
  return result.kind === 'error' ? userErrorResult(result) : { __typename: 'PaymentMethod', ...paymentMethodView(result.method) };
}

@Resolver(() => PaymentMethodType)
export class PaymentMethodResolver {
  @Query(() => [PaymentMethodType], { description: "The token's customer's saved cards, the default first." })
  @Access('customer')
  @RateLimit('view')
  async paymentMethods(@CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services }: ApiContext): Promise<PaymentMethodType[]> {
    return (await services.portal.paymentMethods(customer)).map(paymentMethodView);
  }

  @Mutation(() => AddPaymentMethodResult, { description: 'Saves a card created with Stripe.js. The first card becomes the default.' })
  @Access('customer')
  @RateLimit('method')
  async addPaymentMethod(
    @Arg('input', () => AddPaymentMethodInput) input: AddPaymentMethodInput,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ) {
    return methodResult(await services.paymentMethods.add(customer, input, meta));
  }

  @Mutation(() => RemovePaymentMethodResult, { description: 'Removes a saved card; if it was the default, the newest remaining card becomes the default.' })
  @Access('customer')
  @RateLimit('method')
  async removePaymentMethod(@Arg('id', () => ID) id: string, @CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services, meta }: ApiContext) {
    const result = await services.paymentMethods.remove(customer, id, meta);
    return result.kind === 'error' ? userErrorResult(result) : { __typename: 'RemovedPaymentMethod', id: result.id };
  }

  @Mutation(() => SetDefaultMethodResult)
  @Access('customer')
  @RateLimit('method')
  async setDefaultMethod(@Arg('id', () => ID) id: string, @CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services, meta }: ApiContext) {
    return methodResult(await services.paymentMethods.setDefault(customer, id, meta));
  }
}
