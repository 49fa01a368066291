import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { GenerateCustomerPaymentTokenInput } from '../inputs/admin.input';
import { GeneratedPaymentTokenType, PaymentTokenType, paymentTokenType } from '../types/payment-token.type';

@Resolver(() => PaymentTokenType)
export class PaymentTokenResolver {
  @Mutation(() => GeneratedPaymentTokenType, { description: 'Issues a payment link for a customer of your organization. The token is shown only here.' })
  @Access('admin')
  @RateLimit('admin')
  async generateCustomerPaymentToken(
    @Arg('input', () => GenerateCustomerPaymentTokenInput, { description: 'Who the link is for, and for how long.' }) input: GenerateCustomerPaymentTokenInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GeneratedPaymentTokenType> {
    const issued = await services.tokens.issue(admin, input, meta);
    return { token: issued.token, url: issued.url, paymentToken: paymentTokenType(issued.paymentToken) };
  }

  @Mutation(() => PaymentTokenType, { description: 'Revokes a payment link; it stops working on the next request. Revoking twice keeps the first time.' })
  @Access('admin')
  @RateLimit('admin')
  async revokeCustomerPaymentToken(
    @Arg('id', () => ID, { description: 'PaymentToken.id of the link.' }) id: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<PaymentTokenType> {
    return paymentTokenType(await services.tokens.revoke(admin, id, meta));
  }

  @Query(() => [PaymentTokenType], { description: "A customer's payment links, newest first, without their secrets." })
  @Access('admin')
  @RateLimit('admin')
  async customerPaymentTokens(
    @Arg('customerId', () => ID, { description: 'A customer of your organization.' }) customerId: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<PaymentTokenType[]> {
    return (await services.tokens.list(admin, customerId, meta)).map(paymentTokenType);
  }
}
