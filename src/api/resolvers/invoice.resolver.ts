import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Invoice, InvoiceLineItem } from '../../db/generated/sqlite/client';
import type { Money } from '../../domain/money';
import { amountDue } from '../../domain/payment-portal.service';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { InvoiceLineItemType, InvoiceType } from '../types/invoice.type';
import { MoneyType } from '../types/money.type';

@Resolver(() => InvoiceType)
export class InvoiceResolver {
  @Query(() => InvoiceType, {
    description:
      "The link's invoice when it is bound to one; otherwise the given invoice of the token's customer, or the oldest open one.",
  })
  @Access('customer')
  @RateLimit('view')
  invoice(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services }: ApiContext,
  ): Promise<Invoice> {
    return services.portal.invoice(customer, id);
  }

  @FieldResolver(() => MoneyType)
  total(@Root() invoice: Invoice): Money {
    return { amount: invoice.total, currency: invoice.currency };
  }

  @FieldResolver(() => MoneyType, { description: 'Received so far, net of refunds.' })
  amountPaid(@Root() invoice: Invoice): Money {
    return { amount: invoice.amountPaid, currency: invoice.currency };
  }

  @FieldResolver(() => MoneyType, { description: 'total − amountPaid while the invoice is open, never below zero; zero once it is paid or void.' })
  amountDue(@Root() invoice: Invoice): Money {
    return { amount: amountDue(invoice), currency: invoice.currency };
  }

  @FieldResolver(() => [InvoiceLineItemType])
  async lineItems(@Root() invoice: Invoice, @Ctx() { loaders }: ApiContext): Promise<LineItemWithCurrency[]> {
    const items = await loaders.lineItemsByInvoiceId.load(invoice.id);
    // Line items have no currency of their own: they carry the invoice's.
    return items.map((item) => ({ ...item, currency: invoice.currency }));
  }
}

/** A line item as the API hands it on: with its invoice's currency. */
type LineItemWithCurrency = InvoiceLineItem & { currency: string };

@Resolver(() => InvoiceLineItemType)
export class InvoiceLineItemResolver {
  @FieldResolver(() => MoneyType)
  unitAmount(@Root() item: LineItemWithCurrency): Money {
    return { amount: item.unitAmount, currency: item.currency };
  }

  @FieldResolver(() => MoneyType, { description: 'quantity × unitAmount.' })
  amount(@Root() item: LineItemWithCurrency): Money {
    return { amount: item.amount, currency: item.currency };
  }
}
