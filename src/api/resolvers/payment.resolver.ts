import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { CreatePaymentIntentInput } from '../inputs/payment.input';
import { ConfirmPaymentResult, CreatePaymentIntentResult } from '../types/payment-results.type';
import { userErrorResult } from '../types/user-error.type';
import { MoneyType } from '../types/money.type';
import { paymentView } from '../types/payment.type';

@Resolver()
export class PaymentResolver {
  @Mutation(() => CreatePaymentIntentResult, {
    description: 'Starts paying an invoice. An invoice has at most one open intent: asking again reuses it, or replaces it when the amount changed.',
  })
  @Access('customer')
  @RateLimit('payment')
  async createPaymentIntent(
    @Arg('input', () => CreatePaymentIntentInput) input: CreatePaymentIntentInput,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ) {
    const result = await services.payments.createPaymentIntent(customer, input, meta);
    if (result.kind === 'error') return userErrorResult(result);
    const { intent } = result;
    return { __typename: 'PaymentIntent', id: intent.id, clientSecret: intent.clientSecret, status: intent.status, amount: new MoneyType(intent.amount, intent.currency) };
  }

  @Mutation(() => ConfirmPaymentResult, {
    description: "Call after Stripe.js confirmed the card. The server asks Stripe and records only what Stripe says; safe to call again.",
  })
  @Access('customer')
  @RateLimit('payment')
  async confirmPayment(
    @Arg('paymentIntentId', () => String) paymentIntentId: string,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ) {
    const result = await services.payments.confirmPayment(customer, paymentIntentId, meta);
    switch (result.kind) {
      case 'error':
        return userErrorResult(result);
      case 'payment':
        return { __typename: 'Payment', ...paymentView(result.payment) };
      case 'requires_action':
        return { __typename: 'PaymentRequiresAction', ...result };
      case 'pending':
        return { __typename: 'PaymentPending', ...result };
    }
  }
}
