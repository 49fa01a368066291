import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { AddPaymentMethodInput } from '../inputs/payment.input';
import type { GraphQLResult } from '../result-boundary';
import { AddPaymentMethodResult, CreateCardSetupResult, RemovePaymentMethodResult, SetDefaultMethodResult } from '../types/payment-results.type';
import { PaymentMethodType, paymentMethodType } from '../types/payment-method.type';

@Resolver(() => PaymentMethodType)
export class PaymentMethodResolver {
  @Query(() => [PaymentMethodType], {
    description: "The token's customer's saved cards, the default first. A link bound to one invoice lists them too, to pay that invoice with one.",
  })
  @Access('customer')
  @RateLimit('view')
  async paymentMethods(@CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services }: ApiContext): Promise<PaymentMethodType[]> {
    return (await services.portal.paymentMethods(customer)).map(paymentMethodType);
  }

  @Mutation(() => CreateCardSetupResult.union, {
    description:
      "Starts saving a card the way Stripe recommends: a SetupIntent for the token's customer (for payments later, off session), whose clientSecret Stripe.js confirms with the card, 3-D Secure included; then addPaymentMethod. Only through a link for the whole account (else CardManagementNotAllowedError).",
  })
  @Access('customer')
  @RateLimit('method')
  async createCardSetup(@CurrentCustomer() customer: CustomerPrincipal, @Ctx() { services, meta }: ApiContext): Promise<GraphQLResult> {
    return CreateCardSetupResult.from(await services.paymentMethods.createSetup(customer, meta));
  }

  @Mutation(() => AddPaymentMethodResult.union, {
    description:
      'Saves a card: one a SetupIntent from createCardSetup saved (give setupIntentId; the way to save with 3-D Secure), or one created with Stripe.js createPaymentMethod. The first card becomes the default. Only through a link for the whole account (else CardManagementNotAllowedError).',
  })
  @Access('customer')
  @RateLimit('method')
  async addPaymentMethod(
    @Arg('input', () => AddPaymentMethodInput, { description: 'The card to save.' }) input: AddPaymentMethodInput,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    const card = { providerPaymentMethodId: input.stripePaymentMethodId, providerSetupId: input.setupIntentId, setAsDefault: input.setAsDefault };
    return AddPaymentMethodResult.from(await services.paymentMethods.add(customer, card, meta));
  }

  @Mutation(() => RemovePaymentMethodResult.union, {
    description:
      'Removes a saved card; if it was the default, the newest remaining card becomes the default. Only through a link for the whole account (else CardManagementNotAllowedError).',
  })
  @Access('customer')
  @RateLimit('method')
  async removePaymentMethod(
    @Arg('id', () => ID, { description: 'PaymentMethod.id of the card to remove.' }) id: string,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return RemovePaymentMethodResult.from(await services.paymentMethods.remove(customer, id, meta));
  }

  @Mutation(() => SetDefaultMethodResult.union, {
    description: 'Makes a saved card the default; the previous default stays saved. Only through a link for the whole account (else CardManagementNotAllowedError).',
  })
  @Access('customer')
  @RateLimit('method')
  async setDefaultMethod(
    @Arg('id', () => ID, { description: 'PaymentMethod.id of the card to make the default.' }) id: string,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return SetDefaultMethodResult.from(await services.paymentMethods.setDefault(customer, id, meta));
  }
}
