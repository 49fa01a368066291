import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { LIMITS } from '../../domain/limits';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import type { GraphQLResult } from '../result-boundary';
import { EmailMessageConnectionType, emailMessageType, RetryEmailResult } from '../types/email.type';
import { pageInfo } from '../types/page-info.type';

/** Admins see what was emailed to a customer and how it went, and send again a message that failed. */
@Resolver()
export class EmailAdminResolver {
  @Query(() => EmailMessageConnectionType, { description: "A customer's messages (links, receipts, refund notices, reminders), newest first, with how each one's delivery went." })
  @Access('admin')
  @RateLimit('admin')
  async customerEmails(
    @Arg('customerId', () => ID, { description: 'A customer of your organization.' }) customerId: string,
    @Arg('first', () => Int, { nullable: true, description: `Page size, default ${LIMITS.pageSize.default}, capped at ${LIMITS.pageSize.max}.` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page; omit for the newest messages.' }) after: string | null,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<EmailMessageConnectionType> {
    const page = await services.emailAdmin.customerEmails(admin, customerId, { first, after }, meta);
    const edges = page.messages.map(({ cursor, message }) => ({ cursor, node: emailMessageType(message) }));
    return { edges, pageInfo: pageInfo(edges, page) };
  }

  @Mutation(() => RetryEmailResult.union, {
    description: 'Sends again a message that FAILED: QUEUED at once with its tries counted afresh, while its content is kept (EMAIL_FAILED_BODY_RETENTION_DAYS). Audited.',
  })
  @Access('admin')
  @RateLimit('admin')
  async retryEmail(
    @Arg('id', () => ID, { description: 'EmailMessage.id of the message.' }) id: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return RetryEmailResult.from(await services.emailAdmin.retry(admin, id, meta));
  }
}
