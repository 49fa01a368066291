import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { GenerateCustomerPaymentTokenInput } from '../inputs/admin.input';
import type { GraphQLResult } from '../result-boundary';
import { GenerateCustomerPaymentTokenResult, PaymentTokenType, paymentTokenType } from '../types/payment-token.type';

@Resolver(() => PaymentTokenType)
export class PaymentTokenResolver {
  @Mutation(() => GenerateCustomerPaymentTokenResult.union, {
    description:
      'Issues a payment link for a customer of your organization. The token is shown only here. With sendEmail the link is also emailed to the ' +
      'customer, queued in the same transaction (no link is issued when it cannot be: no address, or email off).',
  })
  @Access('admin')
  @RateLimit('admin')
  async generateCustomerPaymentToken(
    @Arg('input', () => GenerateCustomerPaymentTokenInput, { description: 'Who the link is for, for how long, and whether to email it.' }) input: GenerateCustomerPaymentTokenInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return GenerateCustomerPaymentTokenResult.from(await services.tokens.issueLink(admin, input, meta));
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
