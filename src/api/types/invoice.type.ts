import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Invoice, InvoiceLineItem } from '../../db/generated/sqlite/client';
import { amountDue, type Balance } from '../../domain/payment-portal.service';
import { MoneyType } from './money.type';

export enum InvoiceStatus {
  OPEN = 'OPEN',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

// simpleResolvers: the API's output types are plain data (see the views below), so graphql-js reads their fields
// directly instead of through type-graphql's per-field wrapper.
@ObjectType('Invoice', { simpleResolvers: true })
export class InvoiceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  number!: string;

  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;

  @Field(() => String)
  currency!: string;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date)
  dueAt!: Date;

  @Field(() => MoneyType)
  total!: MoneyType;

  @Field(() => MoneyType, { description: 'Received so far, net of refunds.' })
  amountPaid!: MoneyType;

  @Field(() => MoneyType, { description: 'total − amountPaid while the invoice is open, never below zero; zero once it is paid or void.' })
  amountDue!: MoneyType;
}

@ObjectType('InvoiceLineItem', { simpleResolvers: true })
export class InvoiceLineItemType {
  @Field(() => String)
  description!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => MoneyType)
  unitAmount!: MoneyType;

  @Field(() => MoneyType, { description: 'quantity × unitAmount.' })
  amount!: MoneyType;
}

@ObjectType('Balance', { simpleResolvers: true, description: "What the token's customer owes across open invoices." })
export class BalanceType {
  @Field(() => Int)
  openInvoiceCount!: number;

  @Field(() => MoneyType, { description: 'Sum of amountDue over open invoices.' })
  totalOutstanding!: MoneyType;

  @Field(() => MoneyType, { description: 'The part of totalOutstanding past its due date.' })
  overdue!: MoneyType;
}

/** An invoice row as the API shows it: its amounts as Money in the invoice's currency. */
export function invoiceView(invoice: Invoice): InvoiceType {
  const { id, number, currency, issuedAt, dueAt } = invoice;
  return {
    id,
    number,
    status: invoice.status as InvoiceStatus,
    currency,
    issuedAt,
    dueAt,
    total: new MoneyType(invoice.total, currency),
    amountPaid: new MoneyType(invoice.amountPaid, currency),
    amountDue: new MoneyType(amountDue(invoice), currency),
  };
}

/** Line items have no currency of their own: they carry the invoice's. */
export function lineItemView(item: InvoiceLineItem, currency: string): InvoiceLineItemType {
  return {
    description: item.description,
    quantity: item.quantity,
    unitAmount: new MoneyType(item.unitAmount, currency),
    amount: new MoneyType(item.amount, currency),
  };
}

export function balanceView(balance: Balance): BalanceType {
  return {
    totalOutstanding: MoneyType.of(balance.totalOutstanding),
    overdue: MoneyType.of(balance.overdue),
    openInvoiceCount: balance.openInvoiceCount,
  };
}
