import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CustomerPaymentToken } from '../../db/generated/sqlite/client';
import { paymentTokenStatus } from '../../domain/payment-token.service';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { GenerateCustomerPaymentTokenInput } from '../inputs/admin.input';
import { GeneratedPaymentTokenType, PaymentTokenStatus, PaymentTokenType } from '../types/payment-token.type';

@Resolver(() => PaymentTokenType)
export class PaymentTokenResolver {
  @Mutation(() => GeneratedPaymentTokenType, { description: 'Issues a payment link for a customer of your organization. The token is shown only here.' })
  @Access('admin')
  @RateLimit('admin')
  generateCustomerPaymentToken(
    @Arg('input', () => GenerateCustomerPaymentTokenInput) input: GenerateCustomerPaymentTokenInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ) {
    return services.tokens.issue(admin, input, meta);
  }

  @Mutation(() => PaymentTokenType, { description: 'Revokes a payment link; it stops working on the next request.' })
  @Access('admin')
  @RateLimit('admin')
  revokeCustomerPaymentToken(
    @Arg('id', () => ID) id: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<CustomerPaymentToken> {
    return services.tokens.revoke(admin, id, meta);
  }

  @Query(() => [PaymentTokenType], { description: "A customer's payment links, newest first, without their secrets." })
  @Access('admin')
  @RateLimit('admin')
  customerPaymentTokens(
    @Arg('customerId', () => ID) customerId: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<CustomerPaymentToken[]> {
    return services.tokens.list(admin, customerId, meta);
  }

  @FieldResolver(() => PaymentTokenStatus)
  status(@Root() token: CustomerPaymentToken): PaymentTokenStatus {
    return paymentTokenStatus(token) as PaymentTokenStatus;
  }
}
