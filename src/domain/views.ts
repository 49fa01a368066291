/**
 * What the domain hands out: plain read-only views, in the domain's words, with money as Money. The API builds its
 * GraphQL types from these (never from database rows), and the CLI prints them; rows stay inside the services.
 *
 * The status sets are objects rather than string unions so the API can register them as GraphQL enums as they are,
 * one definition for both layers.
 */
import { ProviderDisputeStatus, ProviderRefundStatus, RefundReason, type ProviderIntentStatus } from '../payments/payment-provider.port';
import type { Money } from './money';
import { payableAmounts, type ChargeLimits } from './payments/payable-amounts';

export const InvoiceStatus = { OPEN: 'OPEN', PAID: 'PAID', VOID: 'VOID' } as const;
export type InvoiceStatus = keyof typeof InvoiceStatus;

export const PaymentStatus = { SUCCEEDED: 'SUCCEEDED', PARTIALLY_REFUNDED: 'PARTIALLY_REFUNDED', REFUNDED: 'REFUNDED', DISPUTED: 'DISPUTED' } as const;
export type PaymentStatus = keyof typeof PaymentStatus;

export const PaymentTokenStatus = { ACTIVE: 'ACTIVE', REVOKED: 'REVOKED', EXPIRED: 'EXPIRED' } as const;
export type PaymentTokenStatus = keyof typeof PaymentTokenStatus;

/** Narrows a stored status column to its set; a value outside it is a corrupt row, not a client's mistake. */
export function statusIn<S extends Record<string, string>>(set: S, value: string): keyof S {
  if (!Object.hasOwn(set, value)) throw new Error(`Unknown status "${value}"`);
  return value as keyof S;
}

export interface InvoiceView {
  id: string;
  number: string;
  status: InvoiceStatus;
  currency: string;
  issuedAt: Date;
  dueAt: Date;
  total: Money;
  /** Received so far, net of refunds. */
  amountPaid: Money;
  /** What is still owed: zero once the invoice is paid or void. */
  amountDue: Money;
  /** Open and past its due date. */
  overdue: boolean;
  /** Whether anything can be paid on it online now (see payments/payable-amounts.ts). */
  payableOnline: boolean;
  /** The smallest amount one payment may be now. */
  minimumPayment: Money;
  /** The largest amount one payment may be now; zero when nothing can be paid online. */
  maximumPayment: Money;
  /** The largest part, less than all that is due, that leaves a remainder the provider can charge; null when none. */
  maximumPartialPayment: Money | null;
}

export interface LineItemView {
  description: string;
  quantity: number;
  unitAmount: Money;
  amount: Money;
}

export interface BalanceView {
  totalOutstanding: Money;
  overdue: Money;
  openInvoiceCount: number;
}

export interface PaymentView {
  id: string;
  status: PaymentStatus;
  createdAt: Date;
  invoiceId: string;
  amount: Money;
  amountRefunded: Money;
  /** Taken back by the customer's bank through disputes, and not given back. */
  amountDisputed: Money;
  /** Received beyond what was due; null when nothing was. */
  overpaid: Money | null;
  cardBrand: string | null;
  cardLast4: string | null;
}

export interface SavedCardView {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
}

/** A payment link as an admin sees it: never its secret. */
export interface PaymentTokenView {
  id: string;
  customerId: string;
  invoiceId: string | null;
  status: PaymentTokenStatus;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  useCount: number;
}

export interface CustomerView {
  id: string;
  name: string;
  email: string | null;
  /** BCP 47, canonical (fr-CA); null when unknown. */
  locale: string | null;
  currency: string;
  createdAt: Date;
}

/** An organization as its customers see it. */
export interface OrganizationView {
  name: string;
  supportEmail: string | null;
}

/** What a payment link opens: who is asking to be paid, whom, and for how long. */
export interface PaymentLinkView {
  organization: OrganizationView;
  customer: CustomerView;
  /** Set when the link is bound to one invoice. */
  invoiceId: string | null;
  expiresAt: Date;
}

/** A provider payment intent as the customer's browser needs it. */
export interface IntentView {
  id: string;
  /** For the provider's browser library only; never logged or stored. */
  clientSecret: string;
  status: ProviderIntentStatus;
  amount: Money;
}

/** A card setup for the browser to confirm (Stripe.js confirmCardSetup), then hand to addPaymentMethod. */
export interface CardSetupView {
  id: string;
  /** For the provider's browser library only; never logged or stored. */
  clientSecret: string;
}

/**
 * What is still owed: nothing on a paid or void invoice. Money refunded was given back by the business and is not
 * owed again, so only a dispute (funds the bank took back) makes a paid invoice owe again (see payments/payment-balance.ts).
 */
export function amountDue(invoice: { total: number; amountPaid: number; amountRefunded: number; status: string }): number {
  return invoice.status === InvoiceStatus.OPEN ? Math.max(invoice.total - invoice.amountPaid - invoice.amountRefunded, 0) : 0;
}

/** `now` is the server's clock: "overdue" means past due by it, as the balance counts it. */
export function invoiceView(
  invoice: {
    id: string;
    number: string;
    status: string;
    currency: string;
    total: number;
    amountPaid: number;
    amountRefunded: number;
    issuedAt: Date;
    dueAt: Date;
  },
  rules: ChargeLimits,
  now = new Date(),
): InvoiceView {
  const { id, number, currency, issuedAt, dueAt } = invoice;
  const status = statusIn(InvoiceStatus, invoice.status);
  const due = amountDue(invoice);
  const payable = payableAmounts(due, currency, rules);
  return {
    id,
    number,
    status,
    currency,
    issuedAt,
    dueAt,
    total: { amount: invoice.total, currency },
    amountPaid: { amount: invoice.amountPaid, currency },
    amountDue: { amount: due, currency },
    overdue: status === InvoiceStatus.OPEN && dueAt < now,
    payableOnline: payable.payableOnline,
    minimumPayment: { amount: payable.minimum, currency },
    maximumPayment: { amount: payable.maximum, currency },
    maximumPartialPayment: payable.maximumPartial === null ? null : { amount: payable.maximumPartial, currency },
  };
}

/** Line items have no currency of their own: they carry the invoice's. */
export function lineItemView(item: { description: string; quantity: number; unitAmount: number; amount: number }, currency: string): LineItemView {
  return {
    description: item.description,
    quantity: item.quantity,
    unitAmount: { amount: item.unitAmount, currency },
    amount: { amount: item.amount, currency },
  };
}

export function paymentView(payment: {
  id: string;
  status: string;
  createdAt: Date;
  invoiceId: string;
  amount: number;
  currency: string;
  amountRefunded: number;
  amountDisputed: number;
  overpaidAmount: number;
  paymentMethodBrand: string | null;
  paymentMethodLast4: string | null;
}): PaymentView {
  const { currency } = payment;
  return {
    id: payment.id,
    status: statusIn(PaymentStatus, payment.status),
    createdAt: payment.createdAt,
    invoiceId: payment.invoiceId,
    amount: { amount: payment.amount, currency },
    amountRefunded: { amount: payment.amountRefunded, currency },
    amountDisputed: { amount: payment.amountDisputed, currency },
    overpaid: payment.overpaidAmount > 0 ? { amount: payment.overpaidAmount, currency } : null,
    cardBrand: payment.paymentMethodBrand,
    cardLast4: payment.paymentMethodLast4,
  };
}

export function savedCardView(card: { id: string; brand: string; last4: string; expMonth: number; expYear: number; defaultForCustomerId: string | null }): SavedCardView {
  const { id, brand, last4, expMonth, expYear } = card;
  return { id, brand, last4, expMonth, expYear, isDefault: card.defaultForCustomerId !== null };
}

export function paymentTokenStatus(token: { revokedAt: Date | null; expiresAt: Date }, now = new Date()): PaymentTokenStatus {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt <= now) return 'EXPIRED';
  return 'ACTIVE';
}

export function paymentTokenView(
  token: Omit<PaymentTokenView, 'status'> & { organizationId?: string },
  now = new Date(),
): PaymentTokenView {
  const { id, customerId, invoiceId, createdAt, expiresAt, revokedAt, lastUsedAt, lastUsedIp, useCount } = token;
  return { id, customerId, invoiceId, status: paymentTokenStatus(token, now), createdAt, expiresAt, revokedAt, lastUsedAt, lastUsedIp, useCount };
}

export function customerView(customer: CustomerView): CustomerView {
  const { id, name, email, locale, currency, createdAt } = customer;
  return { id, name, email, locale, currency, createdAt };
}

export const AdminApiKeyStatus = { ACTIVE: 'ACTIVE', REVOKED: 'REVOKED', EXPIRED: 'EXPIRED' } as const;
export type AdminApiKeyStatus = keyof typeof AdminApiKeyStatus;

/** An admin API key as its organization's admins and operators see it: never its secret nor the secret's hash. */
export interface AdminApiKeyView {
  id: string;
  name: string;
  status: AdminApiKeyStatus;
  createdAt: Date;
  /** Null for a key that never expires. */
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  /** The key the request was made with (always false for an operator, who uses none). */
  current: boolean;
}

/** Revoked wins over expired, as for payment links. */
export function adminApiKeyStatus(key: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): AdminApiKeyStatus {
  if (key.revokedAt) return 'REVOKED';
  if (key.expiresAt && key.expiresAt <= now) return 'EXPIRED';
  return 'ACTIVE';
}

export function adminApiKeyView(
  key: { id: string; name: string; createdAt: Date; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null },
  currentKeyId: string | null,
  now = new Date(),
): AdminApiKeyView {
  const { id, name, createdAt, expiresAt, revokedAt, lastUsedAt } = key;
  return { id, name, status: adminApiKeyStatus(key, now), createdAt, expiresAt, revokedAt, lastUsedAt, current: id === currentKeyId };
}

// ---- Money after the payment, as admins see it ----

/** Where a refund stands: the provider's statuses, and REQUESTED for an admin's refund the provider has not answered yet. */
export const RefundStatus = { REQUESTED: 'REQUESTED', ...ProviderRefundStatus } as const;
export type RefundStatus = keyof typeof RefundStatus;

export const DisputeStatus = ProviderDisputeStatus;
export type DisputeStatus = keyof typeof DisputeStatus;

/** Why an admin should look at a payment; each goes away once the money is put right. */
export const PaymentAttention = {
  /** Received beyond what was due, and not refunded yet. */
  OVERPAID: 'OVERPAID',
  /** Received on an invoice that had been voided (the bank was faster than the cancellation), and not refunded yet. */
  PAID_ON_VOID_INVOICE: 'PAID_ON_VOID_INVOICE',
  /** A refund failed: the money came back to the business and the customer still waits for it. */
  REFUND_FAILED: 'REFUND_FAILED',
  /** A dispute or inquiry waits for the business's evidence. */
  DISPUTE_NEEDS_RESPONSE: 'DISPUTE_NEEDS_RESPONSE',
} as const;
export type PaymentAttention = keyof typeof PaymentAttention;

export interface RefundView {
  id: string;
  status: RefundStatus;
  amount: Money;
  reason: RefundReason | null;
  note: string | null;
  failureReason: string | null;
  /** The provider's refund id (Stripe's re_…); null while unanswered, and for refunds recorded before they were tracked by id. */
  providerRefundId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DisputeView {
  id: string;
  providerDisputeId: string;
  status: DisputeStatus;
  reason: string;
  amount: Money;
  amountWithdrawn: Money;
  amountReinstated: Money;
  evidenceDueBy: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A payment with everything that happened to the money after it. */
export interface AdminPaymentView extends PaymentView {
  providerIntentId: string;
  needsAttention: PaymentAttention[];
  refunds: RefundView[];
  disputes: DisputeView[];
}

/** An invoice's money as an admin reconciles it. */
export interface AdminInvoiceView {
  id: string;
  customerId: string;
  number: string;
  status: InvoiceStatus;
  currency: string;
  issuedAt: Date;
  dueAt: Date;
  voidedAt: Date | null;
  total: Money;
  amountPaid: Money;
  amountRefunded: Money;
  amountDue: Money;
  overdue: boolean;
}

export function adminInvoiceView(
  invoice: { id: string; customerId: string; number: string; status: string; currency: string; issuedAt: Date; dueAt: Date; voidedAt: Date | null; total: number; amountPaid: number; amountRefunded: number },
  now = new Date(),
): AdminInvoiceView {
  const { id, customerId, number, currency, issuedAt, dueAt, voidedAt } = invoice;
  const status = statusIn(InvoiceStatus, invoice.status);
  const money = (amount: number): Money => ({ amount, currency });
  return {
    id,
    customerId,
    number,
    status,
    currency,
    issuedAt,
    dueAt,
    voidedAt,
    total: money(invoice.total),
    amountPaid: money(invoice.amountPaid),
    amountRefunded: money(invoice.amountRefunded),
    amountDue: money(amountDue(invoice)),
    overdue: status === InvoiceStatus.OPEN && dueAt < now,
  };
}

export function refundView(refund: {
  id: string;
  status: string;
  amount: number;
  currency: string;
  reason: string | null;
  note: string | null;
  failureReason: string | null;
  providerRefundId: string | null;
  createdAt: Date;
  updatedAt: Date;
}): RefundView {
  const { id, note, failureReason, providerRefundId, createdAt, updatedAt } = refund;
  const reason = refund.reason === null ? null : statusIn(RefundReason, refund.reason);
  return { id, status: statusIn(RefundStatus, refund.status), amount: { amount: refund.amount, currency: refund.currency }, reason, note, failureReason, providerRefundId, createdAt, updatedAt };
}

export function disputeView(dispute: {
  id: string;
  providerDisputeId: string;
  status: string;
  reason: string;
  amount: number;
  currency: string;
  amountWithdrawn: number;
  amountReinstated: number;
  evidenceDueBy: Date | null;
  createdAt: Date;
  updatedAt: Date;
}): DisputeView {
  const { id, providerDisputeId, reason, currency, evidenceDueBy, createdAt, updatedAt } = dispute;
  return {
    id,
    providerDisputeId,
    status: statusIn(DisputeStatus, dispute.status),
    reason,
    amount: { amount: dispute.amount, currency },
    amountWithdrawn: { amount: dispute.amountWithdrawn, currency },
    amountReinstated: { amount: dispute.amountReinstated, currency },
    evidenceDueBy,
    createdAt,
    updatedAt,
  };
}
