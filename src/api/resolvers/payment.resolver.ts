import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { CreatePaymentIntentInput } from '../inputs/payment.input';
import type { GraphQLResult } from '../result-boundary';
import { ConfirmPaymentResult, CreatePaymentIntentResult } from '../types/payment-results.type';

@Resolver()
export class PaymentResolver {
  @Mutation(() => CreatePaymentIntentResult.union, {
    description: 'Starts paying an invoice. An invoice has at most one open intent: asking again reuses it, or replaces it when the amount changed.',
  })
  @Access('customer')
  @RateLimit('payment')
  async createPaymentIntent(
    @Arg('input', () => CreatePaymentIntentInput, { description: 'What to pay; every field is optional (default: all that is due on the oldest open invoice).' })
    input: CreatePaymentIntentInput,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return CreatePaymentIntentResult.from(await services.checkout.createPaymentIntent(customer, input, meta));
  }

  @Mutation(() => ConfirmPaymentResult.union, {
    description: 'Call after Stripe.js confirmed the card. The server asks Stripe and records only what Stripe says; safe to call again.',
  })
  @Access('customer')
  @RateLimit('payment')
  async confirmPayment(
    @Arg('paymentIntentId', () => String, { description: 'PaymentIntent.id from createPaymentIntent.' }) paymentIntentId: string,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return ConfirmPaymentResult.from(await services.checkout.confirmPayment(customer, paymentIntentId, meta));
  }
}
