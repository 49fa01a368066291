import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { Principal } from '../../domain/principal';
import { Access, CurrentPrincipal } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { NEW_PAYMENT_LINK_REQUESTED } from '../../email/fresh-link.service';
import { NewPaymentLinkRequestType } from '../types/fresh-link.type';

@Resolver(() => NewPaymentLinkRequestType)
export class FreshLinkResolver {
  @Mutation(() => NewPaymentLinkRequestType, {
    description:
      'Sent with an expired payment link (Authorization: Bearer, as every portal field): emails a new link for the same customer ' +
      '(and the same invoice, while something is owed on it) to the email address on file. The answer is the same whatever ' +
      'happened (an expired, live, revoked, mistyped or missing link, no email on file, a link that got a new one in the ' +
      'last 10 minutes), so it tells nothing. At most one new link per expired link every 10 minutes. RATE_LIMITED comes only ' +
      "from the client address's budgets (this field's, and failed authentications' for a mistyped link), as for anyone there.",
  })
  @Access('expiredLink')
  @RateLimit('newLink')
  async requestNewPaymentLink(@CurrentPrincipal() principal: Principal, @Ctx() { services, meta }: ApiContext): Promise<NewPaymentLinkRequestType> {
    await services.freshLinks.request(principal, meta);
    return { message: NEW_PAYMENT_LINK_REQUESTED };
  }
}
