import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Payment } from '../../db/generated/sqlite/client';
import type { Money } from '../../domain/money';
import type { CustomerPrincipal } from '../../domain/principal';
import { Access, CurrentCustomer } from '../auth/access';
import type { ApiContext } from '../context';
import { RateLimit } from '../directives/rate-limit.directive';
import { MoneyType } from '../types/money.type';
import { PaymentConnectionType, PaymentType } from '../types/payment.type';

@Resolver(() => PaymentType)
export class PaymentHistoryResolver {
  @Query(() => PaymentConnectionType, { description: "The token's customer's payments, newest first." })
  @Access('customer')
  @RateLimit('view')
  async paymentHistory(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 10, capped at 100.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after: string | null,
    @CurrentCustomer() customer: CustomerPrincipal,
    @Ctx() { services }: ApiContext,
  ) {
    const page = await services.portal.paymentHistory(customer, first, after);
    const edges = page.payments.map((payment) => ({ cursor: page.cursorOf(payment), node: payment }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @FieldResolver(() => MoneyType)
  amount(@Root() payment: Payment): Money {
    return { amount: payment.amount, currency: payment.currency };
  }

  @FieldResolver(() => MoneyType, { description: 'Refunded so far; also lowers the invoice\'s amountPaid.' })
  amountRefunded(@Root() payment: Payment): Money {
    return { amount: payment.amountRefunded, currency: payment.currency };
  }

  @FieldResolver(() => MoneyType, { nullable: true, description: 'Received beyond what was due (e.g. paid twice elsewhere); flagged for a refund.' })
  overpaid(@Root() payment: Payment): Money | null {
    return payment.overpaidAmount > 0 ? { amount: payment.overpaidAmount, currency: payment.currency } : null;
  }

  @FieldResolver(() => String, { nullable: true })
  cardBrand(@Root() payment: Payment): string | null {
    return payment.paymentMethodBrand;
  }

  @FieldResolver(() => String, { nullable: true })
  cardLast4(@Root() payment: Payment): string | null {
    return payment.paymentMethodLast4;
  }
}
