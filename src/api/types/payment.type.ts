import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentStatus, type PaymentView } from '../../domain/views';
import { MoneyType } from './money.type';
import { PageInfoType } from './page-info.type';

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where money received stands after refunds and disputes.',
  valuesConfig: {
    SUCCEEDED: { description: 'Received, nothing refunded.' },
    PARTIALLY_REFUNDED: { description: 'Part of it was refunded (see amountRefunded).' },
    REFUNDED: { description: 'All of it was refunded.' },
    DISPUTED: {
      description:
        "The customer's bank disputes it: a dispute (or the bank's inquiry before one) is open, or was lost. amountDisputed is what the bank took back; a dispute the business wins gives it back and the payment returns to its other status.",
    },
  },
});

@ObjectType('Payment', { simpleResolvers: true, description: 'Money received for an invoice, as reported by the payment provider.' })
export class PaymentType {
  @Field(() => ID, { description: 'Stable id of the payment.' })
  id!: string;

  @Field(() => PaymentStatus, { description: 'Whether any of it was refunded, or is disputed.' })
  status!: PaymentStatus;

  @Field(() => Date, { description: 'When the payment was recorded.' })
  createdAt!: Date;

  @Field(() => ID, { description: 'The invoice it paid.' })
  invoiceId!: string;

  @Field(() => MoneyType, { description: 'What was received, before refunds.' })
  amount!: MoneyType;

  @Field(() => MoneyType, {
    description: "Refunded so far (refunds pending or succeeded; one that fails no longer counts). Lowers the invoice's amountPaid, but is not owed again.",
  })
  amountRefunded!: MoneyType;

  @Field(() => MoneyType, {
    description:
      "Taken back by the customer's bank through disputes and not given back: zero unless a dispute withdrew funds. It lowers the invoice's amountPaid and is owed again (a paid invoice reopens for it) until the dispute is won.",
  })
  amountDisputed!: MoneyType;

  @Field(() => MoneyType, { nullable: true, description: 'Received beyond what was due (e.g. paid twice elsewhere); flagged for a refund. Null when nothing was.' })
  overpaid!: MoneyType | null;

  @Field(() => String, { nullable: true, description: 'The card network, e.g. "visa"; null when the provider did not say.' })
  cardBrand!: string | null;

  @Field(() => String, { nullable: true, description: "The card's last four digits; null when the provider did not say." })
  cardLast4!: string | null;
}

@ObjectType('PaymentEdge', { simpleResolvers: true, description: 'A payment in a page of paymentHistory.' })
export class PaymentEdgeType {
  @Field(() => String, { description: 'Opaque position of this payment; pass as paymentHistory(after:) to continue after it.' })
  cursor!: string;

  @Field(() => PaymentType, { description: 'The payment.' })
  node!: PaymentType;
}

@ObjectType('PaymentConnection', { simpleResolvers: true, description: 'A page of payments, newest first (a Relay cursor connection).' })
export class PaymentConnectionType {
  @Field(() => [PaymentEdgeType], { description: 'The payments of this page, newest first.' })
  edges!: PaymentEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether there is more, and the cursors to get it.' })
  pageInfo!: PageInfoType;
}

export function paymentType(view: PaymentView): PaymentType {
  return {
    ...view,
    amount: MoneyType.of(view.amount),
    amountRefunded: MoneyType.of(view.amountRefunded),
    amountDisputed: MoneyType.of(view.amountDisputed),
    overpaid: view.overpaid && MoneyType.of(view.overpaid),
  };
}
