/**
 * The GraphQL face of money after the payment, for admins only: invoices as an admin reconciles them, payments with
 * their refunds and disputes and why they need attention, and the results of refunding and voiding. Kept apart from
 * the portal's Invoice and Payment types so nothing here (notes, provider ids, dispute details) reaches a payment link.
 */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { REFUND_FAILURES, VOID_FAILURES, type RefundOutcome, type VoidOutcome } from '../../domain/payments/payment-admin.service';
import { RefundReason } from '../../payments/payment-provider.port';
import {
  DisputeStatus,
  InvoiceStatus,
  PaymentAttention,
  PaymentStatus,
  RefundStatus,
  type AdminInvoiceView,
  type AdminPaymentView,
  type DisputeView,
  type RefundView,
} from '../../domain/views';
import { resultUnion } from '../result-boundary';
import { MoneyType } from './money.type';
import { PageInfoType } from './page-info.type';

registerEnumType(RefundStatus, {
  name: 'RefundStatus',
  description: "Where a refund stands (the payment provider's status, and REQUESTED before it answered). It only moves forward.",
  valuesConfig: {
    REQUESTED: { description: 'Asked of the provider, which has not answered yet (it was unreachable): the amount is held; refundPayment with the same requestId resumes it.' },
    PENDING: { description: 'On its way to the customer; already out of the balance, so counted in amountRefunded.' },
    REQUIRES_ACTION: { description: 'The customer must act before the money reaches them; counted in amountRefunded.' },
    SUCCEEDED: { description: 'Returned to the customer. It may still fail later (a closed card).' },
    FAILED: { description: 'The money could not be returned and came back to the balance: it is in amountPaid again. See failureReason.' },
    CANCELED: { description: 'Canceled before it was returned: the money is in amountPaid again.' },
  },
});

registerEnumType(RefundReason, {
  name: 'RefundReason',
  description: "Why the business gives money back, in the payment provider's categories.",
  valuesConfig: {
    DUPLICATE: { description: 'The customer paid twice.' },
    FRAUDULENT: { description: 'The payment was fraudulent (the provider may use this to block the card).' },
    REQUESTED_BY_CUSTOMER: { description: 'The customer asked for it (a return, a goodwill gesture).' },
  },
});

registerEnumType(DisputeStatus, {
  name: 'DisputeStatus',
  description: "Where a dispute stands (the payment provider's status). It only moves forward; the last four are final.",
  valuesConfig: {
    INQUIRY_NEEDS_RESPONSE: { description: 'The bank asks questions before any chargeback; no money moved. Answer it at the provider.' },
    INQUIRY_UNDER_REVIEW: { description: 'The inquiry was answered and is being reviewed; no money moved.' },
    NEEDS_RESPONSE: { description: 'A chargeback: the funds are withdrawn; submit evidence at the provider before evidenceDueBy.' },
    UNDER_REVIEW: { description: 'Evidence was submitted; the bank decides.' },
    WON: { description: 'Closed in the business\'s favour: the funds were reinstated.' },
    LOST: { description: "Closed in the customer's favour: the funds stay withdrawn, and the invoice is owed them again." },
    INQUIRY_CLOSED: { description: 'The inquiry closed without a chargeback.' },
    PREVENTED: { description: 'Closed before it became a chargeback (the provider resolved it, e.g. with a refund).' },
  },
});

registerEnumType(PaymentAttention, {
  name: 'PaymentAttention',
  description: 'Why an admin should look at a payment. Each goes away once the money is put right.',
  valuesConfig: {
    OVERPAID: { description: 'Received beyond what was due (see overpaid), and not refunded yet.' },
    PAID_ON_VOID_INVOICE: {
      description: "Received on an invoice that had been voided (the customer's bank was faster than the cancellation): nothing was due, so refund it or apply it elsewhere. Not counted as an overpayment.",
    },
    REFUND_FAILED: { description: 'A refund failed: the money came back to the business and the customer still waits for it. No later refund made up for it yet.' },
    DISPUTE_NEEDS_RESPONSE: { description: 'A dispute or inquiry waits for evidence at the payment provider (see Dispute.evidenceDueBy).' },
  },
});

@ObjectType('Refund', { simpleResolvers: true, description: 'Money given back on a payment, through the payment provider.' })
export class RefundType {
  @Field(() => ID, { description: 'Stable id of the refund.' })
  id!: string;

  @Field(() => RefundStatus, { description: 'Where it stands; only PENDING, REQUIRES_ACTION and SUCCEEDED count in amountRefunded.' })
  status!: RefundStatus;

  @Field(() => MoneyType, { description: 'What it gives back.' })
  amount!: MoneyType;

  @Field(() => RefundReason, { nullable: true, description: 'Why, as given when it was made; null when none was (a refund made in the provider\'s dashboard without one).' })
  reason!: RefundReason | null;

  @Field(() => String, { nullable: true, description: 'What the admin wrote about it; never shown to the customer. Null when nothing.' })
  note!: string | null;

  @Field(() => String, { nullable: true, description: "Why the provider could not return the money, e.g. expired_or_canceled_card; null unless it FAILED." })
  failureReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The provider's id of the refund (Stripe's re_…), to find it in its dashboard; null while REQUESTED, and for refunds recorded before they were tracked one by one.",
  })
  providerRefundId!: string | null;

  @Field(() => Date, { description: 'When it was recorded.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;
}

@ObjectType('Dispute', { simpleResolvers: true, description: "A customer's bank taking a payment back (a chargeback), or asking about it first (an inquiry)." })
export class DisputeType {
  @Field(() => ID, { description: 'Stable id of the dispute.' })
  id!: string;

  @Field(() => String, { description: "The provider's id of the dispute (Stripe's dp_…), to answer it in its dashboard." })
  providerDisputeId!: string;

  @Field(() => DisputeStatus, { description: 'Where it stands.' })
  status!: DisputeStatus;

  @Field(() => String, { description: "The bank's reason as the provider names it, e.g. fraudulent, product_not_received." })
  reason!: string;

  @Field(() => MoneyType, { description: 'What the bank disputes: usually the whole payment.' })
  amount!: MoneyType;

  @Field(() => MoneyType, { description: 'Taken from the balance so far (all of amount once a chargeback starts; zero for an inquiry).' })
  amountWithdrawn!: MoneyType;

  @Field(() => MoneyType, { description: 'Given back so far (all that was withdrawn once the dispute is won).' })
  amountReinstated!: MoneyType;

  @Field(() => Date, { nullable: true, description: 'When evidence is due at the provider; null when it does not say.' })
  evidenceDueBy!: Date | null;

  @Field(() => Date, { description: 'When it was first reported.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;
}

@ObjectType('AdminPayment', { simpleResolvers: true, description: 'A payment as an admin reconciles it: the money received, and all that happened to it since.' })
export class AdminPaymentType {
  @Field(() => ID, { description: 'Stable id of the payment: pass to refundPayment.' })
  id!: string;

  @Field(() => PaymentStatus, { description: 'Whether any of it was refunded, or is disputed.' })
  status!: PaymentStatus;

  @Field(() => Date, { description: 'When the payment was recorded.' })
  createdAt!: Date;

  @Field(() => ID, { description: 'The invoice it paid.' })
  invoiceId!: string;

  @Field(() => String, { description: "The provider's id of the payment (Stripe's PaymentIntent pi_…), to find it in its dashboard." })
  providerPaymentIntentId!: string;

  @Field(() => MoneyType, { description: 'What was received, before refunds and disputes.' })
  amount!: MoneyType;

  @Field(() => MoneyType, { description: 'What its pending and succeeded refunds give back.' })
  amountRefunded!: MoneyType;

  @Field(() => MoneyType, { description: 'What its disputes withdrew and did not reinstate.' })
  amountDisputed!: MoneyType;

  @Field(() => MoneyType, { nullable: true, description: 'Received beyond what was due when it was recorded; null when nothing was.' })
  overpaid!: MoneyType | null;

  @Field(() => String, { nullable: true, description: 'The card network, e.g. "visa"; null when the provider did not say.' })
  cardBrand!: string | null;

  @Field(() => String, { nullable: true, description: "The card's last four digits; null when the provider did not say." })
  cardLast4!: string | null;

  @Field(() => [PaymentAttention], { description: 'Why an admin should look at it now; empty when nothing needs doing.' })
  needsAttention!: PaymentAttention[];

  @Field(() => [RefundType], { description: 'Its refunds, oldest first, whatever their status.' })
  refunds!: RefundType[];

  @Field(() => [DisputeType], { description: 'Its disputes and inquiries, oldest first.' })
  disputes!: DisputeType[];
}

@ObjectType('AdminInvoice', { simpleResolvers: true, description: "An invoice's money as an admin reconciles it." })
export class AdminInvoiceType {
  @Field(() => ID, { description: 'Pass to invoicePayments or voidInvoice.' })
  id!: string;

  @Field(() => ID, { description: 'The customer billed.' })
  customerId!: string;

  @Field(() => String, { description: "The business's invoice number, unique within the organization." })
  number!: string;

  @Field(() => InvoiceStatus, { description: 'OPEN (owed), PAID or VOID. A dispute that takes money back reopens a PAID invoice.' })
  status!: InvoiceStatus;

  @Field(() => String, { description: 'Lowercase ISO 4217 code of every amount on the invoice.' })
  currency!: string;

  @Field(() => Date, { description: 'When it was issued.' })
  issuedAt!: Date;

  @Field(() => Date, { description: 'When payment is due.' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When an admin voided it; null unless VOID through voidInvoice.' })
  voidedAt!: Date | null;

  @Field(() => MoneyType, { description: 'The sum of its line items.' })
  total!: MoneyType;

  @Field(() => MoneyType, { description: 'Received and kept: payments net of refunds and of funds disputes withdrew (and anything recorded as paid elsewhere).' })
  amountPaid!: MoneyType;

  @Field(() => MoneyType, { description: 'Given back by refunds on its payments: money the customer does not owe again.' })
  amountRefunded!: MoneyType;

  @Field(() => MoneyType, { description: 'total − amountPaid − amountRefunded while OPEN, never below zero; zero once PAID or VOID.' })
  amountDue!: MoneyType;

  @Field(() => Boolean, { description: "Open and past dueAt, by the server's clock." })
  overdue!: boolean;
}

@ObjectType('AdminInvoiceEdge', { simpleResolvers: true, description: 'An invoice in a page of customerInvoices.' })
export class AdminInvoiceEdgeType {
  @Field(() => String, { description: 'Opaque position of this invoice; pass as customerInvoices(after:) to continue after it.' })
  cursor!: string;

  @Field(() => AdminInvoiceType, { description: 'The invoice.' })
  node!: AdminInvoiceType;
}

@ObjectType('AdminInvoiceConnection', { simpleResolvers: true, description: "A page of a customer's invoices, newest issued first (a Relay cursor connection)." })
export class AdminInvoiceConnectionType {
  @Field(() => [AdminInvoiceEdgeType], { description: 'The invoices of this page, newest issued first.' })
  edges!: AdminInvoiceEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether there is more, and the cursors to get it.' })
  pageInfo!: PageInfoType;
}

@ObjectType('InvoicePayments', { simpleResolvers: true, description: 'An invoice with every payment received on it.' })
export class InvoicePaymentsType {
  @Field(() => AdminInvoiceType, { description: 'The invoice.' })
  invoice!: AdminInvoiceType;

  @Field(() => [AdminPaymentType], { description: 'Its payments, oldest first, each with its refunds and disputes.' })
  payments!: AdminPaymentType[];
}

const money = MoneyType.of;

export const adminInvoiceType = (view: AdminInvoiceView): AdminInvoiceType => ({
  ...view,
  total: money(view.total),
  amountPaid: money(view.amountPaid),
  amountRefunded: money(view.amountRefunded),
  amountDue: money(view.amountDue),
});

export const refundType = (view: RefundView): RefundType => ({ ...view, amount: money(view.amount) });

export const disputeType = (view: DisputeView): DisputeType => ({
  ...view,
  amount: money(view.amount),
  amountWithdrawn: money(view.amountWithdrawn),
  amountReinstated: money(view.amountReinstated),
});

export const adminPaymentType = (view: AdminPaymentView): AdminPaymentType => ({
  id: view.id,
  status: view.status,
  createdAt: view.createdAt,
  invoiceId: view.invoiceId,
  providerPaymentIntentId: view.providerIntentId,
  amount: money(view.amount),
  amountRefunded: money(view.amountRefunded),
  amountDisputed: money(view.amountDisputed),
  overpaid: view.overpaid && money(view.overpaid),
  cardBrand: view.cardBrand,
  cardLast4: view.cardLast4,
  needsAttention: view.needsAttention,
  refunds: view.refunds.map(refundType),
  disputes: view.disputes.map(disputeType),
});

export const RefundPaymentResult = resultUnion<RefundOutcome>()(
  'RefundPaymentResult',
  'The refund made (or found again for the same requestId), or why nothing was refunded.',
  { refund: { type: RefundType, outcome: 'refund_requested', view: ({ refund }) => refundType(refund) } },
  REFUND_FAILURES,
);

export const VoidInvoiceResult = resultUnion<VoidOutcome>()(
  'VoidInvoiceResult',
  'The voided invoice, or why it was not voided.',
  { invoice: { type: AdminInvoiceType, outcome: 'invoice_voided', view: ({ invoice }) => adminInvoiceType(invoice) } },
  VOID_FAILURES,
);
