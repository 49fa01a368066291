/**
 * Disputes: a customer's bank taking a payment back. One row per provider dispute (Stripe's dp_…), following its
 * events (created, updated, funds_withdrawn, funds_reinstated, closed). Beside settlement, which hands it the payment
 * the dispute is about. Rules it keeps, so events applied once, in any order and duplicated, end in the same state:
 * - the status only moves forward (inquiry → dispute → under review → closed), and a closed dispute stays closed;
 * - the amounts withdrawn and reinstated only grow: a dispute whose funds were reinstated had them withdrawn, a lost
 *   one keeps all it disputed withdrawn, and a won one has all it withdrew reinstated, whichever event says so first
 *   (funds_withdrawn arriving after closed/won withdraws and reinstates at once: nothing changes);
 * - several disputes on one payment each count;
 * - the payment's and invoice's figures are recomputed in the same transaction (payment-balance.ts): funds withdrawn
 *   lower the invoice's amountPaid, and reopen it if it was paid; reinstated, they pay it again. Each step is
 *   audited once, when it happens.
 */
import type { Db, DbProvider } from '../../db/database';
import type { Payment } from '../../db/generated/sqlite/client';
import type { ProviderDispute } from '../../payments/payment-provider.port';
import type { AuditEntry, AuditLogService } from '../audit-log.service';
import type { DisputeStatus } from '../views';
import { isClosedDispute, lockInvoice, recountPayment } from './payment-balance';
import { moneyAfter } from './refunds';

/** How far along a dispute is; a status replaces another only from further along. Closed ones are all last. */
const RANK: Record<DisputeStatus, number> = {
  INQUIRY_NEEDS_RESPONSE: 0,
  INQUIRY_UNDER_REVIEW: 1,
  NEEDS_RESPONSE: 2,
  UNDER_REVIEW: 3,
  WON: 4,
  LOST: 4,
  INQUIRY_CLOSED: 4,
  PREVENTED: 4,
};

export class Disputes {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly audit: AuditLogService,
  ) {}

  /** What the provider reports about one dispute of the payment. */
  async apply(payment: Payment, dispute: ProviderDispute): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await lockInvoice(tx, this.dbProvider, payment.invoiceId);
      const entry = (action: AuditEntry['action'], details: Record<string, unknown> = {}): AuditEntry => ({
        action,
        organizationId: payment.organizationId,
        actorType: 'SYSTEM',
        targetType: 'Payment',
        targetId: payment.id,
        details: { disputeId: dispute.id, ...details },
      });
      const entries: AuditEntry[] = [];
      let row = await tx.dispute.findUnique({ where: { providerDisputeId: dispute.id } });
      if (!row) {
        row = await tx.dispute.create({
          data: {
            paymentId: payment.id,
            providerDisputeId: dispute.id,
            amount: dispute.amount,
            currency: dispute.currency,
            status: dispute.status,
            reason: dispute.reason,
            evidenceDueBy: dispute.evidenceDueBy,
          },
        });
        entries.push(entry('DISPUTE_OPENED', { amount: dispute.amount, currency: dispute.currency, reason: dispute.reason, status: dispute.status }));
        // First heard of once over (its earlier events are late): it closed all the same.
        if (isClosedDispute(dispute)) entries.push(entry('DISPUTE_CLOSED', { status: dispute.status }));
      } else if (RANK[dispute.status] > RANK[row.status as DisputeStatus]) {
        entries.push(entry(isClosedDispute(dispute) ? 'DISPUTE_CLOSED' : 'DISPUTE_UPDATED', { status: dispute.status, previousStatus: row.status }));
        row = await tx.dispute.update({
          where: { id: row.id },
          data: { status: dispute.status, amount: dispute.amount, reason: dispute.reason, evidenceDueBy: dispute.evidenceDueBy },
        });
      }
      // The stored status (never the snapshot's, which may be older) decides what a won or lost dispute means.
      const { status, amount } = row;
      const withdrawn = Math.max(row.amountWithdrawn, dispute.fundsWithdrawn || dispute.fundsReinstated || status === 'LOST' ? amount : 0);
      const reinstated = Math.min(withdrawn, Math.max(row.amountReinstated, dispute.fundsReinstated ? amount : 0, status === 'WON' ? withdrawn : 0));
      if (withdrawn > row.amountWithdrawn) entries.push(entry('DISPUTE_FUNDS_WITHDRAWN', { amount: withdrawn - row.amountWithdrawn, status }));
      if (reinstated > row.amountReinstated) entries.push(entry('DISPUTE_FUNDS_REINSTATED', { amount: reinstated - row.amountReinstated, status }));
      if (withdrawn !== row.amountWithdrawn || reinstated !== row.amountReinstated) {
        await tx.dispute.update({ where: { id: row.id }, data: { amountWithdrawn: withdrawn, amountReinstated: reinstated } });
      }
      if (entries.length === 0) return;
      const after = moneyAfter(await recountPayment(tx, payment.id));
      for (const e of entries) await this.audit.entry({ ...e, details: { ...e.details, ...after } }, tx);
    });
  }
}
