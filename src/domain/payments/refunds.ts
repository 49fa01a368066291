/**
 * Refunds, one row per provider refund (Stripe's re_…), following what the provider reports about each: created,
 * updated, failed, canceled. Beside settlement, which hands it the payments the refunds belong to; an admin's refund
 * (payment-admin.service.ts) is recorded through here too, so every path keeps the same rules:
 * - a refund is found by the provider's id, or, for an admin's request the provider had not answered yet, by the
 *   request id our server put in its metadata, so a webhook racing the admin's call never makes a second row;
 * - its status only moves forward (REQUESTED → PENDING/REQUIRES_ACTION → SUCCEEDED → FAILED/CANCELED), so an older
 *   snapshot arriving late changes nothing, and a refund that fails after succeeding gives its money back;
 * - the payment's and the invoice's figures are recomputed from the rows (payment-balance.ts) in the same
 *   transaction, under the invoice's lock, and each change is audited once, when it happens.
 * Rows recorded before refunds were keyed by id (`legacyKey`) stay counted until something about that payment's
 * refunds arrives; then the payment's refunds are read from the provider, which replaces them exactly.
 */
import type { Db, DbProvider, DbTransaction } from '../../db/database';
import type { Payment, Refund } from '../../db/generated/sqlite/client';
import type { PaymentProvider, ProviderRefund, ProviderRefundState } from '../../payments/payment-provider.port';
import type { AuditEntry, AuditLogService } from '../audit-log.service';
import { providerCall } from '../provider-call';
import type { RefundStatus } from '../views';
import type { CustomerEmails } from '../../email/customer-emails';
import { isCountedRefund, lockInvoice, recountPayment, type Recount } from './payment-balance';

/** How far along a refund is; a status replaces another only from further along. */
const RANK: Record<RefundStatus, number> = { REQUESTED: 0, PENDING: 1, REQUIRES_ACTION: 1, SUCCEEDED: 2, FAILED: 3, CANCELED: 3 };

/** The metadata key naming the admin's refund request (our Refund row) behind a provider refund. */
export const REFUND_REQUEST_METADATA_KEY = 'refund_request_id';

export class Refunds {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly provider: PaymentProvider,
    private readonly audit: AuditLogService,
    private readonly emails?: CustomerEmails,
  ) {}

  /** What the provider reports about one refund of the payment. Safe in any order, any number of times. */
  async apply(payment: Payment, refund: ProviderRefund): Promise<void> {
    if (await this.hasLegacyRows(payment.id)) return this.resync(payment);
    const notice = await this.prepareNotice(payment);
    await this.db.$transaction(async (tx) => {
      await lockInvoice(tx, this.dbProvider, payment.invoiceId);
      const counted: Refund[] = [];
      const entries = await this.upsert(tx, payment, refund, counted);
      await this.finish(tx, payment, entries);
      for (const row of counted) await this.emails?.queueRefundNotice(tx, notice, row, payment);
    });
  }

  /**
   * A charge's cumulative refunded total (Stripe's charge.refunded). It cannot say which refund changed, so a total
   * above what the payment counts means a refund not heard of yet: the payment's refunds are read from the provider.
   * A lower one is stale, or a failure whose own event says so.
   */
  async applyTotal(payment: Payment, state: ProviderRefundState): Promise<void> {
    const rows = await this.db.refund.findMany({ where: { paymentId: payment.id } });
    const counted = rows.filter(isCountedRefund).reduce((sum, r) => sum + r.amount, 0);
    if (state.amountRefunded > counted) await this.resync(payment);
  }

  /** Reads every refund of the payment from the provider and applies them, replacing any legacy rows. */
  async resync(payment: Payment): Promise<void> {
    const refunds = await providerCall(() => this.provider.listRefunds(payment.providerIntentId));
    const notice = await this.prepareNotice(payment);
    await this.db.$transaction(async (tx) => {
      await lockInvoice(tx, this.dbProvider, payment.invoiceId);
      const legacy = await tx.refund.deleteMany({ where: { paymentId: payment.id, legacyKey: { not: null } } });
      const entries: AuditEntry[] = [];
      if (legacy.count > 0) entries.push(this.entry(payment, 'REFUNDS_RESYNCED', { legacyRowsReplaced: legacy.count, providerRefunds: refunds.length }));
      const counted: Refund[] = [];
      for (const refund of refunds) entries.push(...(await this.upsert(tx, payment, refund, counted)));
      await this.finish(tx, payment, entries);
      // Rows that replace legacy ones are refunds the customer was already refunded before notices existed.
      if (legacy.count === 0) for (const row of counted) await this.emails?.queueRefundNotice(tx, notice, row, payment);
    });
  }

  /** A refund notice's audience, read before the invoice's lock is taken (null: no email to send). */
  private async prepareNotice(payment: Payment) {
    return (await this.emails?.prepare(this.db, payment.customerId, payment.invoiceId)) ?? null;
  }

  private async hasLegacyRows(paymentId: string): Promise<boolean> {
    return (await this.db.refund.count({ where: { paymentId, legacyKey: { not: null } } })) > 0;
  }

  /**
   * Brings one refund's row up to the snapshot, if it is news; returns the audit entries for what changed, and adds
   * to `counted` the refund when it starts to count (the customer is told then: refund-notice email).
   */
  private async upsert(tx: DbTransaction, payment: Payment, refund: ProviderRefund, counted: Refund[]): Promise<AuditEntry[]> {
    let row: Refund | null = await tx.refund.findUnique({ where: { providerRefundId: refund.id } });
    const requestId = refund.metadata[REFUND_REQUEST_METADATA_KEY];
    if (!row && requestId) {
      const requested = await tx.refund.findUnique({ where: { id: requestId } });
      if (requested && requested.paymentId === payment.id && requested.providerRefundId === null) row = requested;
    }
    const details = { refundId: refund.id, amount: refund.amount, currency: refund.currency, status: refund.status };
    if (!row) {
      const created = await tx.refund.create({
        data: {
          paymentId: payment.id,
          providerRefundId: refund.id,
          amount: refund.amount,
          currency: refund.currency,
          status: refund.status,
          reason: refund.reason,
          failureReason: refund.failureReason,
        },
      });
      if (isCountedRefund(created)) counted.push(created);
      return [this.entry(payment, actionFor(refund.status, true), { ...details, failureReason: refund.failureReason })];
    }
    const current = row.status as RefundStatus;
    const advanced = RANK[refund.status] > RANK[current];
    const status = advanced ? refund.status : current;
    const failureReason = row.failureReason ?? (status === refund.status ? refund.failureReason : null);
    if (row.providerRefundId === refund.id && !advanced && failureReason === row.failureReason) return [];
    const updated = await tx.refund.update({ where: { id: row.id }, data: { providerRefundId: refund.id, status, amount: refund.amount, failureReason } });
    if (!advanced) return [];
    if (!isCountedRefund(row) && isCountedRefund({ status })) counted.push(updated);
    return [this.entry(payment, actionFor(status, current === 'REQUESTED'), { ...details, status, previousStatus: current, failureReason })];
  }

  /** Recounts the payment and writes the audit rows, each with where the money stands after it. */
  private async finish(tx: DbTransaction, payment: Payment, entries: AuditEntry[]): Promise<Recount> {
    const recount = await recountPayment(tx, payment.id);
    const after = moneyAfter(recount);
    for (const entry of entries) await this.audit.entry({ ...entry, details: { ...entry.details, ...after } }, tx);
    return recount;
  }

  private entry(payment: Payment, action: AuditEntry['action'], details: Record<string, unknown>): AuditEntry {
    return { action, organizationId: payment.organizationId, actorType: 'SYSTEM', targetType: 'Payment', targetId: payment.id, details };
  }
}

/** The audit action for a refund reaching `status`; `first` when it is the first the provider said of it. */
function actionFor(status: RefundStatus, first: boolean): AuditEntry['action'] {
  if (status === 'FAILED') return 'REFUND_FAILED';
  if (status === 'CANCELED') return 'REFUND_CANCELED';
  return first ? 'REFUND_RECORDED' : 'REFUND_UPDATED';
}

/** Where a payment and its invoice stand after a change: what the audit rows of refunds and disputes carry. */
export function moneyAfter(recount: Recount): Record<string, unknown> {
  return {
    paymentStatus: recount.payment.status,
    paymentRefunded: recount.payment.amountRefunded,
    paymentDisputed: recount.payment.amountDisputed,
    invoiceId: recount.invoice.id,
    invoiceStatus: recount.invoice.status,
    invoiceAmountPaid: recount.invoice.amountPaid,
    ...(recount.invoice.reopened && { invoiceReopened: true }),
    ...(recount.invoice.paid && { invoicePaid: true }),
  };
}
