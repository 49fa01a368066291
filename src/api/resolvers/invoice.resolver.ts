import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { InvoiceLineItemType, InvoiceType, invoiceType, lineItemType } from '../types/invoice.type';

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
    @Ctx() { services }: ApiContext,
  ): Promise<InvoiceType> {
    return invoiceType(await services.portal.invoice(customer, id));
  }

  @FieldResolver(() => [InvoiceLineItemType], { description: 'The lines of the invoice, in order.' })
  async lineItems(@Root() invoice: InvoiceType, @Ctx() { loaders }: ApiContext): Promise<InvoiceLineItemType[]> {
    return (await loaders.lineItems.load(invoice)).map(lineItemType);
  }
}
