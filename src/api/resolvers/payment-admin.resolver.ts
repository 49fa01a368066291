import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { LIMITS } from '../../domain/limits';
import type { AdminPrincipal } from '../../domain/principal';
import { Access, CurrentAdmin } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { RefundPaymentInput } from '../inputs/refund.input';
import type { GraphQLResult } from '../result-boundary';
import {
  AdminInvoiceConnectionType,
  adminInvoiceType,
  adminPaymentType,
  InvoicePaymentsType,
  RefundPaymentResult,
  VoidInvoiceResult,
} from '../types/admin-payment.type';
import { pageInfo } from '../types/page-info.type';

/** Admins act on money through the API: refunds, voiding, and invoices with their payments, refunds and disputes. */
@Resolver()
export class PaymentAdminResolver {
  @Query(() => AdminInvoiceConnectionType, { description: "A customer's invoices, newest issued first, with what was paid, refunded and is still due." })
  @Access('admin')
  @RateLimit('admin')
  async customerInvoices(
    @Arg('customerId', () => ID, { description: 'A customer of your organization.' }) customerId: string,
    @Arg('first', () => Int, { nullable: true, description: `Page size, default ${LIMITS.pageSize.default}, capped at ${LIMITS.pageSize.max}.` }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page; omit for the newest invoices.' }) after: string | null,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<AdminInvoiceConnectionType> {
    const page = await services.paymentAdmin.customerInvoices(admin, customerId, { first, after }, meta);
    const edges = page.invoices.map(({ cursor, invoice }) => ({ cursor, node: adminInvoiceType(invoice) }));
    return { edges, pageInfo: pageInfo(edges, page) };
  }

  @Query(() => InvoicePaymentsType, { description: 'An invoice and every payment received on it, each with its refunds, disputes and what needs attention.' })
  @Access('admin')
  @RateLimit('admin')
  async invoicePayments(
    @Arg('invoiceId', () => ID, { description: 'An invoice of your organization.' }) invoiceId: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<InvoicePaymentsType> {
    const { invoice, payments } = await services.paymentAdmin.invoicePayments(admin, invoiceId, meta);
    return { invoice: adminInvoiceType(invoice), payments: payments.map(adminPaymentType) };
  }

  @Mutation(() => RefundPaymentResult.union, {
    description:
      "Refunds a payment, whole or in part, through the payment provider; the invoice's amountPaid goes down by it (and the customer does not owe it " +
      'again). Idempotent by requestId. A refund the provider has not finished may still fail later: follow its status in invoicePayments.',
  })
  @Access('admin')
  @RateLimit('admin')
  async refundPayment(
    @Arg('input', () => RefundPaymentInput, { description: 'The payment, how much, and why.' }) input: RefundPaymentInput,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return RefundPaymentResult.from(await services.paymentAdmin.refundPayment(admin, input, meta));
  }

  @Mutation(() => VoidInvoiceResult.union, {
    description:
      'Voids an open invoice that holds no money: its open payment intents are canceled at the provider first, and it can no longer be paid. A payment ' +
      'that still lands on it is recorded and flagged PAID_ON_VOID_INVOICE. Voiding twice keeps the first time.',
  })
  @Access('admin')
  @RateLimit('admin')
  async voidInvoice(
    @Arg('id', () => ID, { description: 'AdminInvoice.id of the invoice.' }) id: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() { services, meta }: ApiContext,
  ): Promise<GraphQLResult> {
    return VoidInvoiceResult.from(await services.paymentAdmin.voidInvoice(admin, id, meta));
  }
}
