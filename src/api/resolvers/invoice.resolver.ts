import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { LIMITS } from '../../domain/limits';
import type { CustomerPrincipal } from '../../domain/principal';
import { InvoiceStatus } from '../../domain/views';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { selectsField } from '../selection';
import { InvoiceConnectionType, InvoiceLineItemType, InvoiceType, invoiceType, lineItemType } from '../types/invoice.type';
import { pageInfo } from '../types/page-info.type';

@Resolver(() => InvoiceType)
export class InvoiceResolver {
  @Query(() => InvoiceType, {
    description:
      "The link's invoice when it is bound to one; otherwise the given invoice of the token's customer, or the oldest open one.",
  })
  @Access('customer')
  @RateLimit('view')
  async invoice(
    @Arg('id', () => ID, { nullable: true, description: "One of the customer's invoices; omit for the link's invoice or the oldest open one." })
    id: string | null,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services, loaders }: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InvoiceType> {
    if (!selectsField(info, 'lineItems')) return invoiceType(await services.portal.invoice(customer, id));
    // Read the lines with the invoice, and hand them to the lineItems field through its loader.
    const { invoice, lineItems } = await services.portal.invoiceWithLineItems(customer, id);
    loaders.lineItems.prime(invoice, lineItems);
    return invoiceType(invoice);
  }

  @Query(() => InvoiceConnectionType, {
    description:
      "The token's customer's invoices: open ones first, earliest due first, then the others, newest issued first. A link bound to one invoice lists only that one.",
  })
  @Access('customer')
  @RateLimit('view')
  async invoices(
    @Arg('status', () => InvoiceStatus, { nullable: true, description: 'Only invoices of this status; omit for all.' }) status: InvoiceStatus | null,
    @Arg('first', () => Int, { nullable: true, description: `Page size, default ${LIMITS.pageSize.default}, capped at ${LIMITS.pageSize.max}.` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page; omit for the first page.' }) after: string | null,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services }: ApiContext,
  ): Promise<InvoiceConnectionType> {
    const page = await services.portal.invoices(customer, { status, first, after });
    const edges = page.invoices.map(({ cursor, invoice }) => ({ cursor, node: invoiceType(invoice) }));
    return { edges, pageInfo: pageInfo(edges, page) };
  }

  @FieldResolver(() => [InvoiceLineItemType], { description: 'The lines of the invoice, in order.' })
  async lineItems(@Root() invoice: InvoiceType, @Ctx() { loaders }: ApiContext): Promise<InvoiceLineItemType[]> {
    return (await loaders.lineItems.load(invoice)).map(lineItemType);
  }
}
