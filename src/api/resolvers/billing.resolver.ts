import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { CreateCustomerInput, CreateInvoiceInput } from '../inputs/admin.input';
import { CustomerType, customerType } from '../types/customer.type';
import { InvoiceType, invoiceType } from '../types/invoice.type';

/** Lets the product run standalone; a real deployment syncs customers and invoices from its billing system. */
@Resolver()
export class BillingResolver {
  @Mutation(() => CustomerType, { description: 'Creates a customer of your organization, to invoice and send payment links to.' })
  @Access('admin')
  @RateLimit('admin')
  async createCustomer(
    @Arg('input', () => CreateCustomerInput, { description: 'The new customer.' }) input: CreateCustomerInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<CustomerType> {
    return customerType(await services.billing.createCustomer(admin, input, meta));
  }

  @Mutation(() => InvoiceType, { description: "Creates an open invoice in the customer's currency; the total is the sum of the line items." })
  @Access('admin')
  @RateLimit('admin')
  async createInvoice(
    @Arg('input', () => CreateInvoiceInput, { description: 'The new invoice.' }) input: CreateInvoiceInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<InvoiceType> {
    return invoiceType(await services.billing.createInvoice(admin, input, meta));
  }
}
