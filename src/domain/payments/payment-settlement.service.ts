import type { Db, DbProvider } from '../../db/database';
import { isUniqueViolation } from '../../db/db-errors';
import type { Payment, PaymentAttempt } from '../../db/generated/sqlite/client';
import type { CustomerEmails } from '../../email/customer-emails';
import type { ProviderDispute, ProviderIntent, ProviderRefund, ProviderRefundState } from '../../payments/payment-provider.port';
import type { AuditLogService } from '../audit-log.service';
import type { PaymentMethodService } from '../payment-method.service';
import { LIMITS } from '../limits';
import { amountDue, InvoiceStatus, PaymentAttention } from '../views';
import type { Disputes } from './disputes';
import type { PaymentAttempts } from './payment-attempts';
import { invoiceStatusAfter, lockInvoice } from './payment-balance';
import type { Refunds } from './refunds';

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
 * - money beyond what was due is kept and flagged, never dropped; money that lands on a void invoice (the bank was
 *   faster than the cancellation) is recorded and flagged for an admin (PAID_ON_VOID_INVOICE), never counted as an
 *   overpayment silently;
 * - a paid invoice never goes back, except when a dispute takes money back (payment-balance.ts);
 * - no amount it stores exceeds what a money column holds (LIMITS.storedAmount), on either database;
 * - refunds and disputes are followed one by one by the provider's id (refunds.ts, disputes.ts), so duplicated or
 *   reordered events are harmless; one reported before its payment first records the payment, from the provider.
 */
export class PaymentSettlementService {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly attempts: PaymentAttempts,
    private readonly cards: PaymentMethodService,
    private readonly audit: AuditLogService,
    private readonly refunds: Refunds,
    private readonly disputes: Disputes,
    private readonly emails?: CustomerEmails,
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
    // The card the customer asked to keep is saved before the payment is recorded, so whichever path reports the
    // payment (confirmPayment, the webhook, reconciliation) finds the card listed too. Saved after, a path that found
    // the payment recorded by another could answer before that other had saved the card. Idempotent on the provider's id.
    if (attempt.savePaymentMethod && intent.paymentMethodId && intent.card) {
      await this.cards.save(attempt.customerId, { id: intent.paymentMethodId, customerId: intent.customerId, ...intent.card }, false);
    }
    // The receipt's audience, read before the invoice's lock is taken (null: no email to send).
    const receipt = (await this.emails?.prepare(this.db, attempt.customerId, attempt.invoiceId)) ?? null;
    let recorded: Payment;
    try {
      recorded = await this.db.$transaction(async (tx) => {
        await lockInvoice(tx, this.dbProvider, attempt.invoiceId);
        const again = await tx.payment.findUnique({ where: { providerIntentId: intent.id } });
        if (again) return again;
        const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: attempt.invoiceId } });
        const received = intent.amountReceived || intent.amount;
        const amountPaid = invoice.amountPaid + received;
        // Unreachable while the rules hold: one open attempt per invoice, each for at most what is due, keeps amountPaid
        // within the total plus one overpaid attempt (paid elsewhere meanwhile), 2 × LIMITS.invoiceTotal.max. Checked on
        // the write itself so a broken rule fails here, the same on both databases, rather than as PostgreSQL's "integer
        // out of range" or, on SQLite, as an amount PostgreSQL could not hold. The transaction rolls back; the payment
        // stays at the provider, and the webhook or reconciliation that reported it fails again, loudly, until settled.
        if (received > LIMITS.storedAmount.max || amountPaid > LIMITS.storedAmount.max) throw new StoredAmountOverflowError(invoice.id, intent.id, amountPaid);
        // Nothing was due on a void invoice: all of it is to be refunded or applied elsewhere, by an admin who is told.
        const onVoid = invoice.status === InvoiceStatus.VOID;
        const payment = await tx.payment.create({
          data: {
            organizationId: invoice.organizationId,
            customerId: invoice.customerId,
            invoiceId: invoice.id,
            providerIntentId: intent.id,
            amount: received,
            currency: intent.currency,
            overpaidAmount: onVoid ? 0 : Math.max(received - amountDue(invoice), 0),
            attentionReason: onVoid ? PaymentAttention.PAID_ON_VOID_INVOICE : null,
            status: 'SUCCEEDED',
            paymentMethodBrand: intent.card?.brand ?? null,
            paymentMethodLast4: intent.card?.last4 ?? null,
          },
        });
        const status = invoiceStatusAfter(invoice, { amountPaid, amountRefunded: invoice.amountRefunded }, false);
        await tx.invoice.update({ where: { id: invoice.id }, data: { amountPaid, status } });
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
        if (onVoid) {
          await this.audit.entry(
            {
              action: 'PAYMENT_FLAGGED',
              organizationId: invoice.organizationId,
              actorType: 'SYSTEM',
              targetType: 'Payment',
              targetId: payment.id,
              details: { reason: PaymentAttention.PAID_ON_VOID_INVOICE, invoiceId: invoice.id, amount: received, currency: intent.currency, paymentIntentId: intent.id },
            },
            tx,
          );
        }
        // The receipt, once per payment: only the path that records the payment gets here, in its transaction.
        await this.emails?.queueReceipt(tx, receipt, payment, amountDue({ ...invoice, amountPaid, status }));
        return payment;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another instance recorded it between our check and our insert.
      return this.db.payment.findUniqueOrThrow({ where: { providerIntentId: intent.id } });
    }
    return recorded;
  }

  /**
   * A charge's cumulative refunded total (Stripe's charge.refunded): the refunds behind it are read from the provider
   * when it shows one not heard of yet (see Refunds.applyTotal).
   */
  async applyRefund(refund: ProviderRefundState, recoverIntent: (id: string) => Promise<ProviderIntent>): Promise<void> {
    const payment = await this.paymentOf(refund.paymentIntentId, recoverIntent);
    if (payment) await this.refunds.applyTotal(payment, refund);
  }

  /** One refund as the provider reports it (refund.created, .updated, .failed, charge.refund.updated). */
  async applyRefundChange(refund: ProviderRefund, recoverIntent: (id: string) => Promise<ProviderIntent>): Promise<void> {
    const payment = await this.paymentOf(refund.paymentIntentId, recoverIntent);
    if (payment) await this.refunds.apply(payment, refund);
  }

  /** One dispute as the provider reports it (charge.dispute.*). */
  async applyDispute(dispute: ProviderDispute, recoverIntent: (id: string) => Promise<ProviderIntent>): Promise<void> {
    const payment = await this.paymentOf(dispute.paymentIntentId, recoverIntent);
    if (payment) await this.disputes.apply(payment, dispute);
  }

  /** The payment of a provider intent; one reported about before it was recorded is recorded first, from the provider's truth. */
  private async paymentOf(intentId: string, recoverIntent: (id: string) => Promise<ProviderIntent>): Promise<Payment | null> {
    return (await this.db.payment.findUnique({ where: { providerIntentId: intentId } })) ?? (await this.applyIntent(await recoverIntent(intentId)));
  }
}
