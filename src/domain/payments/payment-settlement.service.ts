import type { Db, DbProvider, DbTransaction } from '../../db/database';
import { isUniqueViolation } from '../../db/db-errors';
import type { Payment, PaymentAttempt } from '../../db/generated/sqlite/client';
import type { ProviderIntent, ProviderRefundState } from '../../payments/payment-provider.port';
import type { AuditLogService } from '../audit-log.service';
import type { PaymentMethodService } from '../payment-method.service';
import { LIMITS } from '../limits';
import { amountDue } from '../views';
import type { PaymentAttempts } from './payment-attempts';

/** A payment that would take an invoice's amountPaid beyond what a money column holds: not recorded, and loud. */
export class StoredAmountOverflowError extends Error {
  constructor(invoiceId: string, providerIntentId: string, amountPaid: number) {
    super(
      `Recording ${providerIntentId} would make invoice ${invoiceId}'s amountPaid ${amountPaid}, beyond the largest stored amount ` +
        `(${LIMITS.storedAmount.max}); it was not recorded. The money is at the provider: settle it by hand.`,
    );
    this.name = 'StoredAmountOverflowError';
  }
}

/**
 * Settlement: records what the provider reports, whichever path reports it first (the customer's confirmPayment,
 * a signed webhook, the operator's reconciliation). Rules it keeps:
 * - a payment is recorded once per provider intent (unique `providerIntentId`), however often and concurrently
 *   it is reported, and only from the provider's own word (retrieved, or in a signed webhook);
 * - money changes on one invoice are serialized (a row lock on PostgreSQL; SQLite writes one at a time);
 * - money beyond what was due is kept and flagged, never dropped; a paid invoice never goes back;
 * - no amount it stores exceeds what a money column holds (LIMITS.storedAmount), on either database;
 * - refunds only ever move a payment's refunded total forward, so duplicated or reordered events are harmless.
 */
export class PaymentSettlementService {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly attempts: PaymentAttempts,
    private readonly cards: PaymentMethodService,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * Applies the provider's truth about an intent: records the payment once when it succeeded, closes the attempt
   * when it was canceled, notes the last error otherwise. Safe to call any number of times, concurrently, in any order.
   * Returns the payment when the intent succeeded; null otherwise, and for an intent that is not ours.
   */
  async applyIntent(intent: ProviderIntent): Promise<Payment | null> {
    const attempt = await this.attempts.forIntent(intent);
    if (!attempt) return null;
    if (intent.status === 'SUCCEEDED') return this.recordPayment(attempt, intent);
    if (intent.status === 'CANCELED') await this.attempts.close(attempt.id, 'CANCELED', 'canceled at the provider');
    else if (intent.lastError) {
      await this.db.paymentAttempt.updateMany({ where: { id: attempt.id, status: { in: ['CREATING', 'OPEN'] } }, data: { lastError: intent.lastError.code } });
    }
    return null;
  }

  /** Whether a payment is already recorded for this provider intent. */
  async isRecorded(intentId: string): Promise<boolean> {
    return (await this.db.payment.count({ where: { providerIntentId: intentId } })) > 0;
  }

  private async recordPayment(attempt: PaymentAttempt, intent: ProviderIntent): Promise<Payment> {
    const existing = await this.db.payment.findUnique({ where: { providerIntentId: intent.id } });
    if (existing) return existing;
    let result: { payment: Payment; created: boolean };
    try {
      result = await this.db.$transaction(async (tx) => {
        await this.lockInvoice(tx, attempt.invoiceId);
        const again = await tx.payment.findUnique({ where: { providerIntentId: intent.id } });
        if (again) return { payment: again, created: false };
        const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: attempt.invoiceId } });
        const received = intent.amountReceived || intent.amount;
        const amountPaid = invoice.amountPaid + received;
        // Unreachable while the rules hold: one open attempt per invoice, each for at most what is due, keeps amountPaid
        // within the total plus one overpaid attempt (paid elsewhere meanwhile), 2 × LIMITS.invoiceTotal.max. Checked on
        // the write itself so a broken rule fails here, the same on both databases, rather than as PostgreSQL's "integer
        // out of range" or, on SQLite, as an amount PostgreSQL could not hold. The transaction rolls back; the payment
        // stays at the provider, and the webhook or reconciliation that reported it fails again, loudly, until settled.
        if (received > LIMITS.storedAmount.max || amountPaid > LIMITS.storedAmount.max) throw new StoredAmountOverflowError(invoice.id, intent.id, amountPaid);
        const payment = await tx.payment.create({
          data: {
            organizationId: invoice.organizationId,
            customerId: invoice.customerId,
            invoiceId: invoice.id,
            providerIntentId: intent.id,
            amount: received,
            currency: intent.currency,
            overpaidAmount: Math.max(received - amountDue(invoice), 0),
            status: 'SUCCEEDED',
            paymentMethodBrand: intent.card?.brand ?? null,
            paymentMethodLast4: intent.card?.last4 ?? null,
          },
        });
        await tx.invoice.update({
          where: { id: invoice.id },
          data: { amountPaid, status: invoice.status === 'OPEN' && amountPaid >= invoice.total ? 'PAID' : invoice.status },
        });
        await tx.paymentAttempt.update({ where: { id: attempt.id }, data: { status: 'SUCCEEDED', openInvoiceId: null, providerIntentId: intent.id } });
        await this.audit.entry(
          {
            action: 'PAYMENT_RECORDED',
            organizationId: invoice.organizationId,
            actorType: 'SYSTEM',
            targetType: 'Payment',
            targetId: payment.id,
            details: { invoiceId: invoice.id, amount: received, currency: intent.currency, paymentIntentId: intent.id, overpaid: payment.overpaidAmount },
          },
          tx,
        );
        return { payment, created: true };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another instance recorded it between our check and our insert.
      return this.db.payment.findUniqueOrThrow({ where: { providerIntentId: intent.id } });
    }
    if (result.created && attempt.savePaymentMethod && intent.paymentMethodId && intent.card) {
      await this.cards.save(attempt.customerId, { id: intent.paymentMethodId, customerId: intent.customerId, ...intent.card }, false);
    }
    return result.payment;
  }

  /** Serializes money changes on one invoice. SQLite already runs one write transaction at a time. */
  private async lockInvoice(tx: DbTransaction, invoiceId: string) {
    if (this.dbProvider === 'postgresql') await tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE id = ${invoiceId} FOR UPDATE`;
  }

  /**
   * A refund lowers the payment's net amount and the invoice's amountPaid. The provider reports the cumulative
   * amount refunded, so duplicated or reordered events only ever move it forward. A refund reported before its
   * payment first records the payment, from the provider's truth (`recoverIntent`).
   */
  async applyRefund(refund: ProviderRefundState, recoverIntent: (id: string) => Promise<ProviderIntent>): Promise<void> {
    const payment = (await this.db.payment.findUnique({ where: { providerIntentId: refund.paymentIntentId } })) ?? (await this.applyIntent(await recoverIntent(refund.paymentIntentId)));
    if (!payment) return;
    await this.db.$transaction(async (tx) => {
      await this.lockInvoice(tx, payment.invoiceId);
      const current = await tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
      const total = Math.min(refund.amountRefunded, current.amount);
      const delta = total - current.amountRefunded;
      if (delta <= 0) return;
      await tx.payment.update({ where: { id: current.id }, data: { amountRefunded: total, status: total >= current.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED' } });
      await tx.refund.create({ data: { paymentId: current.id, refundKey: `${refund.paymentIntentId}:${total}`, amount: delta, currency: current.currency } });
      await tx.invoice.update({ where: { id: current.invoiceId }, data: { amountPaid: { decrement: delta } } });
      await this.audit.entry(
        { action: 'REFUND_RECORDED', organizationId: current.organizationId, actorType: 'SYSTEM', targetType: 'Payment', targetId: current.id, details: { amount: delta, totalRefunded: total } },
        tx,
      );
    });
  }
}
