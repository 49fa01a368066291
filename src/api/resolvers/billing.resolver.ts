import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Customer } from '../../db/generated/sqlite/client';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { CreateCustomerInput, CreateInvoiceInput } from '../inputs/admin.input';
import { CustomerType } from '../types/customer.type';
import { InvoiceType, invoiceView } from '../types/invoice.type';

/** Lets the product run standalone; a real deployment syncs customers and invoices from its billing system. */
@Resolver()
export class BillingResolver {
  @Mutation(() => CustomerType)
  @Access('admin')
  @RateLimit('admin')
  createCustomer(
    @Arg('input', () => CreateCustomerInput) input: CreateCustomerInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<Customer> {
    return services.billing.createCustomer(admin, input, meta);
  }

  @Mutation(() => InvoiceType, { description: "Creates an open invoice in the customer's currency; the total is the sum of the line items." })
  @Access('admin')
  @RateLimit('admin')
  async createInvoice(
    @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<InvoiceType> {
    return invoiceView(await services.billing.createInvoice(admin, input, meta));
  }
}
