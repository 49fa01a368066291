import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InvoiceStatus, type BalanceView, type InvoiceView, type LineItemView } from '../../domain/views';
import { MoneyType } from './money.type';

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice stands.',
  valuesConfig: {
    OPEN: { description: 'Issued and not fully paid: it can be paid.' },
    PAID: { description: 'Paid in full. A later refund lowers amountPaid but does not reopen it.' },
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

  @Field(() => MoneyType, { description: 'Received so far, net of refunds.' })
  amountPaid!: MoneyType;

  @Field(() => MoneyType, { description: 'total − amountPaid while the invoice is open, never below zero; zero once it is paid or void.' })
  amountDue!: MoneyType;
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

@ObjectType('Balance', { simpleResolvers: true, description: "What the token's customer owes across open invoices, in the customer's currency." })
export class BalanceType {
  @Field(() => Int, { description: 'How many invoices are open.' })
  openInvoiceCount!: number;

  @Field(() => MoneyType, { description: 'Sum of amountDue over open invoices.' })
  totalOutstanding!: MoneyType;

  @Field(() => MoneyType, { description: 'The part of totalOutstanding past its due date.' })
  overdue!: MoneyType;
}

export function invoiceType(view: InvoiceView): InvoiceType {
  return { ...view, total: MoneyType.of(view.total), amountPaid: MoneyType.of(view.amountPaid), amountDue: MoneyType.of(view.amountDue) };
}

export function lineItemType(view: LineItemView): InvoiceLineItemType {
  return { description: view.description, quantity: view.quantity, unitAmount: MoneyType.of(view.unitAmount), amount: MoneyType.of(view.amount) };
}

export function balanceType(view: BalanceView): BalanceType {
  return { openInvoiceCount: view.openInvoiceCount, totalOutstanding: MoneyType.of(view.totalOutstanding), overdue: MoneyType.of(view.overdue) };
}
