import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InvoiceStatus, type BalanceView, type InvoiceView, type LineItemView } from '../../domain/views';
import { MoneyType } from './money.type';
import { PageInfoType } from './page-info.type';

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice stands.',
  valuesConfig: {
    OPEN: { description: 'Issued and not fully paid: it can be paid.' },
    PAID: { description: 'Paid in full. A later refund lowers amountPaid but does not reopen it; only a dispute that takes money back does.' },
    VOID: { description: 'Cancelled by the business: nothing is owed and it cannot be paid.' },
  },
});

// simpleResolvers: the API's output types are plain data (see the builders below), so graphql-js reads their fields
// directly instead of through type-graphql's per-field wrapper.
@ObjectType('Invoice', { simpleResolvers: true, description: 'A bill the business issued to the customer, with its line items and what is still owed.' })
export class InvoiceType {
  @Field(() => ID, { description: 'Pass to invoice(id) or createPaymentIntent(input.invoiceId).' })
  id!: string;

  @Field(() => String, { description: "The business's invoice number, unique within the organization, e.g. INV-0042." })
  number!: string;

  @Field(() => InvoiceStatus, { description: 'OPEN invoices can be paid; PAID and VOID ones cannot.' })
  status!: InvoiceStatus;

  @Field(() => String, { description: 'Lowercase ISO 4217 code of every amount on the invoice, e.g. "usd".' })
  currency!: string;

  @Field(() => Date, { description: 'When the invoice was issued.' })
  issuedAt!: Date;

  @Field(() => Date, { description: 'When payment is due; an open invoice past this is overdue.' })
  dueAt!: Date;

  @Field(() => MoneyType, { description: 'The sum of the line items.' })
  total!: MoneyType;

  @Field(() => MoneyType, { description: 'Received so far, net of refunds and of what disputes took back.' })
  amountPaid!: MoneyType;

  @Field(() => MoneyType, {
    description: 'What is still owed: total − amountPaid while the invoice is open, less what was refunded (money given back is not owed again), never below zero; zero once it is paid or void.',
  })
  amountDue!: MoneyType;

  @Field(() => Boolean, { description: "True when the invoice is open and its dueAt has passed, by the server's clock." })
  overdue!: boolean;

  @Field(() => Boolean, {
    description:
      "Whether some amount can be paid on the invoice online now. False when it is paid or void, and when amountDue is below the payment provider's " +
      'minimum charge (after a payment outside the portal, say): no card payment can settle that, and the customer should contact the business.',
  })
  payableOnline!: boolean;

  @Field(() => MoneyType, {
    description:
      "The smallest amount one payment on the invoice may be now: the payment provider's minimum charge in the invoice's currency, or all that is due " +
      "when any smaller part would leave less than that minimum. When nothing can be paid online (payableOnline false), the provider's minimum.",
  })
  minimumPayment!: MoneyType;

  @Field(() => MoneyType, {
    description:
      "The largest amount one payment on the invoice may be now: all that is due, or, when that is above the provider's largest single charge, the " +
      'largest part (pay the rest later). Zero when nothing can be paid online.',
  })
  maximumPayment!: MoneyType;

  @Field(() => MoneyType, {
    nullable: true,
    description:
      "The largest part, less than all that is due, that can be paid now: a part must leave at least the provider's minimum charge for a later " +
      'payment. Null when only all that is due can be paid. A typed amount is accepted when it equals amountDue (and is at most maximumPayment), or lies ' +
      'between minimumPayment and maximumPartialPayment; createPaymentIntent answers the other cases with AmountLeavesUnpayableRemainderError, ' +
      'AmountAboveMaximumError, AmountBelowMinimumError or InvoiceNotPayableOnlineError.',
  })
  maximumPartialPayment!: MoneyType | null;
}

@ObjectType('InvoiceLineItem', { simpleResolvers: true, description: "One line of an invoice, in the invoice's currency." })
export class InvoiceLineItemType {
  @Field(() => String, { description: 'What was sold, as the business wrote it.' })
  description!: string;

  @Field(() => Int, { description: 'How many units, 1 or more.' })
  quantity!: number;

  @Field(() => MoneyType, { description: 'The price of one unit.' })
  unitAmount!: MoneyType;

  @Field(() => MoneyType, { description: 'quantity × unitAmount.' })
  amount!: MoneyType;
}

@ObjectType('Balance', {
  simpleResolvers: true,
  description: "What the token's customer owes across open invoices, in the customer's currency; for a link bound to one invoice, on that invoice alone.",
})
export class BalanceType {
  @Field(() => Int, { description: 'How many invoices are open.' })
  openInvoiceCount!: number;

  @Field(() => MoneyType, { description: 'Sum of amountDue over open invoices.' })
  totalOutstanding!: MoneyType;

  @Field(() => MoneyType, { description: 'The part of totalOutstanding past its due date.' })
  overdue!: MoneyType;
}

@ObjectType('InvoiceEdge', { simpleResolvers: true, description: 'An invoice in a page of invoices.' })
export class InvoiceEdgeType {
  @Field(() => String, { description: 'Opaque position of this invoice; pass as invoices(after:) to continue after it.' })
  cursor!: string;

  @Field(() => InvoiceType, { description: 'The invoice.' })
  node!: InvoiceType;
}

@ObjectType('InvoiceConnection', {
  simpleResolvers: true,
  description: 'A page of invoices: open ones first, earliest due first, then the others, newest issued first (a Relay cursor connection).',
})
export class InvoiceConnectionType {
  @Field(() => [InvoiceEdgeType], { description: 'The invoices of this page, in that order.' })
  edges!: InvoiceEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether there is more, and the cursors to get it.' })
  pageInfo!: PageInfoType;
}

export function invoiceType(view: InvoiceView): InvoiceType {
  return {
    ...view,
    total: MoneyType.of(view.total),
    amountPaid: MoneyType.of(view.amountPaid),
    amountDue: MoneyType.of(view.amountDue),
    minimumPayment: MoneyType.of(view.minimumPayment),
    maximumPayment: MoneyType.of(view.maximumPayment),
    maximumPartialPayment: view.maximumPartialPayment && MoneyType.of(view.maximumPartialPayment),
  };
}

export function lineItemType(view: LineItemView): InvoiceLineItemType {
  return { description: view.description, quantity: view.quantity, unitAmount: MoneyType.of(view.unitAmount), amount: MoneyType.of(view.amount) };
}

export function balanceType(view: BalanceView): BalanceType {
  return { openInvoiceCount: view.openInvoiceCount, totalOutstanding: MoneyType.of(view.totalOutstanding), overdue: MoneyType.of(view.overdue) };
}
