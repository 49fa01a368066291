import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import type { GraphQLResult } from '../result-boundary';
import { AdminApiKeyType, adminApiKeyType, RevokeAdminApiKeyResult } from '../types/admin-key.type';

/** An organization's admins see and revoke its admin API keys; creating one stays an operator's job (the CLI). */
@Resolver(() => AdminApiKeyType)
export class AdminKeyResolver {
  @Query(() => [AdminApiKeyType], { description: "Your organization's admin API keys, newest first, without their secrets." })
  @Access('admin')
  @RateLimit('admin')
  async adminApiKeys(@CurrentAdmin() admin: AdminPrincipal, @Ctx() { services, meta }: ApiContext): Promise<AdminApiKeyType[]> {
    return (await services.organizations.listAdminKeys(admin, meta)).map(adminApiKeyType);
  }

  @Mutation(() => RevokeAdminApiKeyResult.union, {
    description:
      'Revokes one of your organization\'s admin API keys; it is refused from the next request on. Revoking the key making the request, or the last active one, needs confirmLossOfAccess. Revoking twice keeps the first time.',
  })
  @Access('admin')
  @RateLimit('admin')
  async revokeAdminApiKey(
    @Arg('id', () => ID, { description: 'AdminApiKey.id of the key.' }) id: string,
    @Arg('confirmLossOfAccess', () => Boolean, {
      defaultValue: false,
      description: 'Revoke even when it revokes the key making the request or leaves the organization no active key (see RevocationNeedsConfirmationError).',
    })
    confirmLossOfAccess: boolean,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return RevokeAdminApiKeyResult.from(await services.organizations.revokeAdminKey(admin, id, { confirmLossOfAccess }, meta));
  }
}
