import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { PaymentHistoryRow } from '../../db/portal-reads';
import { MoneyType } from './money.type';

export enum PaymentStatus {
  SUCCEEDED = 'SUCCEEDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

@ObjectType('Payment', { simpleResolvers: true, description: 'Money received for an invoice, as reported by the payment provider.' })
export class PaymentType {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => ID)
  invoiceId!: string;

  @Field(() => MoneyType)
  amount!: MoneyType;

  @Field(() => MoneyType, { description: 'Refunded so far; also lowers the invoice\'s amountPaid.' })
  amountRefunded!: MoneyType;

  @Field(() => MoneyType, { nullable: true, description: 'Received beyond what was due (e.g. paid twice elsewhere); flagged for a refund.' })
  overpaid!: MoneyType | null;

  @Field(() => String, { nullable: true })
  cardBrand!: string | null;

  @Field(() => String, { nullable: true })
  cardLast4!: string | null;
}

@ObjectType('PaymentEdge', { simpleResolvers: true })
export class PaymentEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => PaymentType)
  node!: PaymentType;
}

@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('PaymentConnection', { simpleResolvers: true })
export class PaymentConnectionType {
  @Field(() => [PaymentEdgeType])
  edges!: PaymentEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}

/** A payment row as the API shows it. */
export function paymentView(payment: PaymentHistoryRow): PaymentType {
  const { currency } = payment;
  return {
    id: payment.id,
    status: payment.status as PaymentStatus,
    createdAt: payment.createdAt,
    invoiceId: payment.invoiceId,
    amount: new MoneyType(payment.amount, currency),
    amountRefunded: new MoneyType(payment.amountRefunded, currency),
    overpaid: payment.overpaidAmount > 0 ? new MoneyType(payment.overpaidAmount, currency) : null,
    cardBrand: payment.paymentMethodBrand,
    cardLast4: payment.paymentMethodLast4,
  };
}
