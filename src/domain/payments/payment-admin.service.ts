/**
 * What an organization's admins do with money through the API rather than the provider's dashboard: refund a
 * payment, void an invoice, and see a customer's invoices with their payments, refunds and disputes. With the other
 * payment services because it drives the provider and records through the same rules (settlement, refunds.ts).
 * Everything is scoped to the actor's organization (another organization's ids are not found) and audited.
 *
 * Rules it keeps:
 * - a refund is committed (REQUESTED) before the provider is called, under the invoice's lock, after checking what is
 *   refundable: the payment's amount less every refund not failed or canceled (those not answered yet included, so
 *   two admins at once never refund more than was paid) and less what disputes hold. Its id is the idempotency key,
 *   and the client's request id makes the same request refund once (a server-generated one when the client sends none);
 * - an invoice is voided only while open and holding no money (refund its payments first); its open payment intents
 *   are canceled at the provider first, and one that succeeded meanwhile is recorded instead. A payment that still
 *   lands on the void invoice is recorded and flagged (settlement).
 */
import { randomUUID } from 'node:crypto';
import type { Db, DbProvider } from '../../db/database';
import { isUniqueViolation } from '../../db/db-errors';
import type { Dispute, Invoice, Payment, Refund } from '../../db/generated/sqlite/client';
import { ProviderRejectedError, type PaymentProvider, type RefundReason } from '../../payments/payment-provider.port';
import type { AuditLogService } from '../audit-log.service';
import { badInput, notFound } from '../errors';
import { LIMITS } from '../limits';
import { formatMoney } from '../money';
import type { OrganizationActor, RequestMeta } from '../principal';
import { providerCall } from '../provider-call';
import { userError, type Failure, type UserErrorCode } from '../user-errors';
import {
  adminInvoiceView,
  disputeView,
  InvoiceStatus,
  paymentView,
  refundView,
  type AdminInvoiceView,
  type AdminPaymentView,
  type PaymentAttention,
  type RefundView,
} from '../views';
import type { PaymentAttempts } from './payment-attempts';
import { heldByDispute, isCountedRefund, lockInvoice } from './payment-balance';
import type { PaymentSettlementService } from './payment-settlement.service';
import { REFUND_REQUEST_METADATA_KEY, type Refunds } from './refunds';

/** An admin's refund. */
export interface RefundRequest {
  paymentId: string;
  /** Minor units; all that is refundable when omitted. */
  amount?: number | null;
  reason: RefundReason;
  /** For admins; kept with the refund, never sent to the customer. */
  note?: string | null;
  /** The client's id for this request: the same id for the same payment refunds once. */
  requestId?: string | null;
}

/** The failures each admin money use case can end in (see payment-results.ts for why they are lists). */
export const REFUND_FAILURES = ['INVALID_AMOUNT', 'REFUND_EXCEEDS_REFUNDABLE', 'PAYMENT_DISPUTED', 'REFUND_REJECTED', 'REFUND_REQUEST_CONFLICT'] as const satisfies readonly UserErrorCode[];
export const VOID_FAILURES = ['INVOICE_NOT_VOIDABLE', 'PAYMENT_IN_PROGRESS'] as const satisfies readonly UserErrorCode[];

export type RefundOutcome = { kind: 'refund'; refund: RefundView; paymentId: string } | Failure<(typeof REFUND_FAILURES)[number]>;
export type VoidOutcome = { kind: 'invoice'; invoice: AdminInvoiceView } | Failure<(typeof VOID_FAILURES)[number]>;

export interface AdminInvoicePage {
  invoices: { cursor: string; invoice: AdminInvoiceView }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface InvoicePayments {
  invoice: AdminInvoiceView;
  /** Oldest first. */
  payments: AdminPaymentView[];
}

/** A request the provider has not answered for this long is no longer in flight: another call may resume it. */
const IN_FLIGHT_MS = 60_000;

const idempotencyKeyOf = (refund: Pick<Refund, 'id'>) => `refund-${refund.id}`;

export class PaymentAdminService {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly provider: PaymentProvider,
    private readonly attempts: PaymentAttempts,
    private readonly settlement: PaymentSettlementService,
    private readonly refunds: Refunds,
    private readonly audit: AuditLogService,
  ) {}

  // ---- Refunds ----

  async refundPayment(actor: OrganizationActor, request: RefundRequest, meta: RequestMeta | null): Promise<RefundOutcome> {
    const note = request.note?.trim() || null;
    if (note && note.length > LIMITS.refundNote.max) throw badInput(`note must be at most ${LIMITS.refundNote.max} characters.`, 'note');
    const { min, max, pattern } = LIMITS.refundRequestId;
    const requestId = request.requestId ?? randomUUID();
    if (requestId.length < min || requestId.length > max || !pattern.test(requestId)) {
      throw badInput(`requestId must be ${min} to ${max} letters, digits, "-" or "_".`, 'requestId');
    }
    const payment = await this.db.payment.findFirst({ where: { id: request.paymentId, organizationId: actor.organizationId } });
    if (!payment) throw notFound('Payment');
    if (request.amount != null && !(Number.isSafeInteger(request.amount) && request.amount >= 1)) {
      return userError('INVALID_AMOUNT', 'The amount must be a whole number of minor units, 1 or more.');
    }
    const requestKey = `${payment.id}:${requestId}`;

    // The same request again (a retry, or sent twice at once): its refund, resumed if the provider never answered.
    const known = await this.db.refund.findUnique({ where: { requestKey } });
    if (known) return this.sameRequest(actor, payment, known, request, meta);
    await this.resumeStale(actor, payment, meta);

    let row: Refund;
    try {
      const reserved = await this.db.$transaction(async (tx) => {
        await lockInvoice(tx, this.dbProvider, payment.invoiceId);
        const current = await tx.payment.findUniqueOrThrow({ where: { id: payment.id }, include: { refunds: true, disputes: true } });
        // As the provider: a charged-back payment is not refunded while its dispute is open, nor once it is lost.
        if (current.disputes.some(blocksRefund)) {
          return userError('PAYMENT_DISPUTED', "The payment is charged back: the customer's bank decides what happens to its money (an open dispute), or already returned it (a lost one).");
        }
        const refundable = refundableOf(current, current.refunds, current.disputes);
        const amount = request.amount ?? refundable;
        if (amount > refundable || refundable <= 0) {
          const money = { amount: refundable, currency: current.currency };
          return userError('REFUND_EXCEEDS_REFUNDABLE', refundable > 0 ? `At most ${formatMoney(money)} of this payment can be refunded.` : 'Nothing is left to refund on this payment.', { refundable: money });
        }
        const created = await tx.refund.create({
          data: { paymentId: current.id, requestKey, amount, currency: current.currency, status: 'REQUESTED', reason: request.reason, note },
        });
        await this.audit.entry(
          {
            ...this.actorEntry(actor, meta),
            action: 'REFUND_REQUESTED',
            targetType: 'Payment',
            targetId: current.id,
            details: { refundRequestId: created.id, requestId, amount, currency: current.currency, reason: request.reason, invoiceId: current.invoiceId },
          },
          tx,
        );
        return created;
      });
      if ('kind' in reserved) return reserved;
      row = reserved;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same request, sent twice at once: the other one reserved it.
      return this.sameRequest(actor, payment, await this.db.refund.findUniqueOrThrow({ where: { requestKey } }), request, meta);
    }
    return this.send(actor, payment, row, meta);
  }

  /** A request id used before: the same refund, unless it asked for another one. */
  private async sameRequest(actor: OrganizationActor, payment: Payment, row: Refund, request: RefundRequest, meta: RequestMeta | null): Promise<RefundOutcome> {
    if ((request.amount != null && request.amount !== row.amount) || request.reason !== row.reason) {
      return userError('REFUND_REQUEST_CONFLICT', 'This requestId was already used for a different refund of this payment. Use a new requestId for a new refund.');
    }
    if (row.status === 'REQUESTED') return this.send(actor, payment, row, meta);
    return { kind: 'refund', refund: refundView(row), paymentId: payment.id };
  }

  /**
   * Requests of the payment left unanswered (the provider was unreachable) still hold their amount. Resumed with their
   * own key, so a refund the provider did make is found rather than made again; past the provider's idempotency window
   * a resumed call could refund twice, and a refund it made would have reached us by webhook (its metadata names the
   * request), so the request is dropped.
   */
  private async resumeStale(actor: OrganizationActor, payment: Payment, meta: RequestMeta | null): Promise<void> {
    const stale = await this.db.refund.findMany({ where: { paymentId: payment.id, status: 'REQUESTED', createdAt: { lt: new Date(Date.now() - IN_FLIGHT_MS) } } });
    for (const row of stale) {
      if (Date.now() - row.createdAt.getTime() < this.provider.rules.idempotencyWindowMs) {
        await this.send(actor, payment, row, meta);
        continue;
      }
      const dropped = await this.db.refund.deleteMany({ where: { id: row.id, status: 'REQUESTED', providerRefundId: null } });
      if (dropped.count > 0) {
        await this.audit.record({
          action: 'REFUND_ABANDONED',
          organizationId: payment.organizationId,
          actorType: 'SYSTEM',
          targetType: 'Payment',
          targetId: payment.id,
          details: { refundRequestId: row.id, amount: row.amount, reason: 'unanswered past the provider idempotency window' },
        });
      }
    }
  }

  /** Asks the provider for a committed request's refund, and records its answer. */
  private async send(actor: OrganizationActor, payment: Payment, row: Refund, meta: RequestMeta | null): Promise<RefundOutcome> {
    let refund;
    try {
      refund = await providerCall(() =>
        this.provider.createRefund({
          paymentIntentId: payment.providerIntentId,
          amount: row.amount,
          reason: row.reason as RefundReason | null,
          metadata: { [REFUND_REQUEST_METADATA_KEY]: row.id, payment_id: payment.id, invoice_id: payment.invoiceId },
          idempotencyKey: idempotencyKeyOf(row),
        }),
      );
    } catch (error) {
      if (!(error instanceof ProviderRejectedError)) throw error; // unanswered: the request stays, holding its amount
      // Refused: no refund exists, so the request holds nothing; the same request id may be tried again.
      await this.db.refund.deleteMany({ where: { id: row.id, status: 'REQUESTED', providerRefundId: null } });
      await this.audit.record({
        ...this.actorEntry(actor, meta),
        action: 'REFUND_REJECTED',
        targetType: 'Payment',
        targetId: payment.id,
        details: { refundRequestId: row.id, amount: row.amount, code: error.code },
      });
      return userError('REFUND_REJECTED', error.message, { providerCode: error.code });
    }
    await this.refunds.apply(payment, refund);
    const recorded = (await this.db.refund.findUnique({ where: { providerRefundId: refund.id } })) ?? row;
    return { kind: 'refund', refund: refundView(recorded), paymentId: payment.id };
  }

  // ---- Voiding ----

  async voidInvoice(actor: OrganizationActor, invoiceId: string, meta: RequestMeta | null): Promise<VoidOutcome> {
    const found = await this.db.invoice.findFirst({ where: { id: invoiceId, organizationId: actor.organizationId } });
    if (!found) throw notFound('Invoice');
    const canceled: string[] = [];
    // Each pass may record a payment that landed meanwhile, or find an intent a customer opened meanwhile: look again.
    for (let pass = 0; pass < 4; pass++) {
      const invoice = await this.db.invoice.findUniqueOrThrow({ where: { id: found.id } });
      if (invoice.status === InvoiceStatus.VOID) return { kind: 'invoice', invoice: adminInvoiceView(invoice) };
      const refusal = notVoidable(invoice);
      if (refusal) return refusal;

      const open = await this.db.paymentAttempt.findMany({ where: { invoiceId: invoice.id, status: { in: ['CREATING', 'OPEN'] } } });
      for (const attempt of open) {
        const intent = await this.attempts.current(attempt);
        if (!intent) continue;
        if (intent.status === 'SUCCEEDED' || intent.status === 'CANCELED') {
          await this.settlement.applyIntent(intent);
          continue;
        }
        if (intent.status === 'PROCESSING') {
          return userError('PAYMENT_IN_PROGRESS', 'A payment on this invoice is being processed; void it once that payment settles.');
        }
        try {
          await providerCall(() => this.provider.cancelIntent(intent.id, `cancel-${attempt.id}`));
          await this.attempts.close(attempt.id, 'CANCELED', 'canceled: the invoice was voided');
          canceled.push(intent.id);
        } catch (error) {
          if (!(error instanceof ProviderRejectedError)) throw error;
          // It moved on (just paid, say): record what it became; the next pass looks again.
          await this.settlement.applyIntent(await providerCall(() => this.provider.retrieveIntent(intent.id)));
        }
      }

      const voided = await this.db.$transaction(async (tx) => {
        await lockInvoice(tx, this.dbProvider, invoice.id);
        const current = await tx.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
        if (current.status !== InvoiceStatus.OPEN || current.amountPaid !== 0) return null;
        if (await tx.paymentAttempt.count({ where: { invoiceId: invoice.id, status: { in: ['CREATING', 'OPEN'] } } })) return null;
        const updated = await tx.invoice.update({ where: { id: invoice.id }, data: { status: InvoiceStatus.VOID, voidedAt: new Date() } });
        await this.audit.entry(
          {
            ...this.actorEntry(actor, meta),
            action: 'INVOICE_VOIDED',
            targetType: 'Invoice',
            targetId: invoice.id,
            details: { number: invoice.number, total: invoice.total, currency: invoice.currency, canceledPaymentIntents: canceled },
          },
          tx,
        );
        return updated;
      });
      if (voided) return { kind: 'invoice', invoice: adminInvoiceView(voided) };
    }
    return userError('PAYMENT_IN_PROGRESS', 'The invoice is changing (a payment is being made on it); try again.');
  }

  // ---- Reading ----

  /** A customer's invoices, newest issued first, a page at a time. */
  async customerInvoices(actor: OrganizationActor, customerId: string, listing: { first?: number | null; after?: string | null }, meta: RequestMeta | null): Promise<AdminInvoicePage> {
    const customer = await this.db.customer.findFirst({ where: { id: customerId, organizationId: actor.organizationId } });
    if (!customer) throw notFound('Customer');
    if (listing.first != null && (!Number.isInteger(listing.first) || listing.first < 0)) throw badInput('first must be 0 or more.', 'first');
    const take = Math.min(listing.first ?? LIMITS.pageSize.default, LIMITS.pageSize.max);
    const position = listing.after ? decodeCursor(listing.after) : null;
    await this.audit.recordFor(actor, meta, { action: 'ADMIN_QUERY', targetType: 'Customer', targetId: customer.id, details: { field: 'customerInvoices' } });
    const rows = await this.db.invoice.findMany({
      where: {
        customerId: customer.id,
        ...(position && { OR: [{ issuedAt: { lt: position.issuedAt } }, { issuedAt: position.issuedAt, id: { lt: position.id } }] }),
      },
      orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    const now = new Date();
    return {
      invoices: rows.slice(0, take).map((row) => ({ cursor: encodeCursor(row), invoice: adminInvoiceView(row, now) })),
      hasNextPage: rows.length > take,
      hasPreviousPage: position !== null,
    };
  }

  /** An invoice with its payments, oldest first, each with its refunds and disputes. */
  async invoicePayments(actor: OrganizationActor, invoiceId: string, meta: RequestMeta | null): Promise<InvoicePayments> {
    const invoice = await this.db.invoice.findFirst({ where: { id: invoiceId, organizationId: actor.organizationId } });
    if (!invoice) throw notFound('Invoice');
    await this.audit.recordFor(actor, meta, { action: 'ADMIN_QUERY', targetType: 'Invoice', targetId: invoice.id, details: { field: 'invoicePayments' } });
    const payments = await this.db.payment.findMany({
      where: { invoiceId: invoice.id },
      include: { refunds: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }, disputes: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return {
      invoice: adminInvoiceView(invoice),
      payments: payments.map((payment) => ({
        ...paymentView(payment),
        providerIntentId: payment.providerIntentId,
        needsAttention: attentionOf(payment, payment.refunds, payment.disputes),
        refunds: payment.refunds.map(refundView),
        disputes: payment.disputes.map(disputeView),
      })),
    };
  }

  private actorEntry(actor: OrganizationActor, meta: RequestMeta | null) {
    return actor.kind === 'admin'
      ? { actorType: 'ADMIN_KEY' as const, actorId: actor.adminKeyId, organizationId: actor.organizationId, ip: meta?.ip ?? null }
      : { actorType: 'CLI' as const, actorId: null, organizationId: actor.organizationId, ip: null };
  }
}

const blocksRefund = (dispute: Pick<Dispute, 'status'>) => dispute.status === 'NEEDS_RESPONSE' || dispute.status === 'UNDER_REVIEW' || dispute.status === 'LOST';

/** What can still be refunded: neither refunded (or being refunded) already, nor held by a dispute. */
export function refundableOf(payment: Pick<Payment, 'amount'>, refunds: Pick<Refund, 'status' | 'amount'>[], disputes: Pick<Dispute, 'amountWithdrawn' | 'amountReinstated'>[]): number {
  const given = refunds.filter((r) => r.status === 'REQUESTED' || isCountedRefund(r)).reduce((sum, r) => sum + r.amount, 0);
  const held = disputes.reduce((sum, d) => sum + heldByDispute(d), 0);
  return Math.max(payment.amount - given - held, 0);
}

/** Why an admin should look at a payment now; each reason goes away once the money is put right. */
export function attentionOf(
  payment: Pick<Payment, 'amount' | 'amountRefunded' | 'overpaidAmount' | 'attentionReason'>,
  refunds: Pick<Refund, 'status' | 'amount' | 'createdAt'>[],
  disputes: Pick<Dispute, 'status'>[],
): PaymentAttention[] {
  const reasons: PaymentAttention[] = [];
  if (payment.overpaidAmount > 0 && payment.amountRefunded < payment.overpaidAmount) reasons.push('OVERPAID');
  if (payment.attentionReason === 'PAID_ON_VOID_INVOICE' && payment.amountRefunded < payment.amount) reasons.push('PAID_ON_VOID_INVOICE');
  // A failed refund is put right by a later one of at least its amount.
  const failedUnanswered = refunds.some(
    (failed) => failed.status === 'FAILED' && refunds.filter((r) => isCountedRefund(r) && r.createdAt > failed.createdAt).reduce((sum, r) => sum + r.amount, 0) < failed.amount,
  );
  if (failedUnanswered) reasons.push('REFUND_FAILED');
  if (disputes.some((d) => d.status === 'NEEDS_RESPONSE' || d.status === 'INQUIRY_NEEDS_RESPONSE')) reasons.push('DISPUTE_NEEDS_RESPONSE');
  return reasons;
}

/** An open invoice holding money is not voided: its payments are refunded first, so a void invoice holds none. */
function notVoidable(invoice: Invoice): Failure<'INVOICE_NOT_VOIDABLE'> | null {
  const amountPaid = { amount: invoice.amountPaid, currency: invoice.currency };
  if (invoice.status !== InvoiceStatus.OPEN) {
    return userError('INVOICE_NOT_VOIDABLE', `Invoice ${invoice.number} is ${invoice.status.toLowerCase()}: only an open invoice can be voided.`, { invoiceStatus: invoice.status, amountPaid });
  }
  if (invoice.amountPaid > 0) {
    return userError('INVOICE_NOT_VOIDABLE', `Invoice ${invoice.number} holds ${formatMoney(amountPaid)} received: refund its payments before voiding it.`, {
      invoiceStatus: invoice.status,
      amountPaid,
    });
  }
  return null;
}

/** Opaque to clients: the (issuedAt, id) position in newest-first order. */
function encodeCursor(invoice: { issuedAt: Date; id: string }): string {
  return Buffer.from(`${invoice.issuedAt.getTime()}:${invoice.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { issuedAt: Date; id: string } {
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after is not a cursor returned by customerInvoices.', 'after');
  return { issuedAt: new Date(Number(match[1])), id: match[2] };
}
