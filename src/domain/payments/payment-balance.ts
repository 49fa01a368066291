/**
 * What a payment and its invoice count once money moves after the payment (refunds, disputes): one rule, used by
 * every path that changes them (refund and dispute events, an admin's refund). Here, beside settlement, because
 * settlement, refunds and disputes all apply it inside their own transactions.
 *
 * The counts are recomputed from the payment's refund and dispute rows, whose statuses and amounts only move forward,
 * so they do not depend on the order, or the number of times, the provider reported anything:
 * - a payment's amountRefunded counts its PENDING, REQUIRES_ACTION and SUCCEEDED refunds (the provider takes a pending
 *   refund out of the balance at once, so the two agree); a FAILED or CANCELED refund gives the money back;
 * - its amountDisputed counts what its disputes withdrew and did not reinstate (all of a lost dispute);
 * - the invoice's amountPaid is what was received net of both, and its amountRefunded what its refunds gave back.
 *   Money the business gave back is not owed again, so an invoice is paid when amountPaid + amountRefunded covers its
 *   total. A paid invoice never goes back, with one exception: a dispute, because that money really left without
 *   the business choosing it. It reopens the invoice for what the bank took, and a won dispute pays it again.
 */
import type { DbProvider, DbTransaction } from '../../db/database';
import type { Dispute, Refund } from '../../db/generated/sqlite/client';
import { LIMITS } from '../limits';
import { InvoiceStatus, type DisputeStatus, type PaymentStatus, type RefundStatus } from '../views';

/** Refunds whose money has left (or is leaving) the balance. */
const COUNTED_REFUNDS: ReadonlySet<string> = new Set<RefundStatus>(['PENDING', 'REQUIRES_ACTION', 'SUCCEEDED']);

/** Disputes that are over: nothing more will happen to their money. */
const CLOSED_DISPUTES: ReadonlySet<string> = new Set<DisputeStatus>(['WON', 'LOST', 'INQUIRY_CLOSED', 'PREVENTED']);

export const isCountedRefund = (refund: Pick<Refund, 'status'>) => COUNTED_REFUNDS.has(refund.status);
export const isClosedDispute = (dispute: Pick<Dispute, 'status'>) => CLOSED_DISPUTES.has(dispute.status);

/** What a dispute holds back now: withdrawn and not reinstated. */
export const heldByDispute = (dispute: Pick<Dispute, 'amountWithdrawn' | 'amountReinstated'>) => Math.max(dispute.amountWithdrawn - dispute.amountReinstated, 0);

/** Serializes money changes on one invoice. SQLite already runs one write transaction at a time. */
export async function lockInvoice(tx: DbTransaction, dbProvider: DbProvider, invoiceId: string): Promise<void> {
  if (dbProvider === 'postgresql') await tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE id = ${invoiceId} FOR UPDATE`;
}

/** An invoice's status once its figures moved: paid when covered; a paid one reopens only when a dispute took money. */
export function invoiceStatusAfter(
  invoice: { status: string; total: number },
  figures: { amountPaid: number; amountRefunded: number },
  disputeTookMoney: boolean,
): string {
  if (invoice.status === InvoiceStatus.VOID) return InvoiceStatus.VOID;
  const covered = figures.amountPaid + figures.amountRefunded >= invoice.total;
  if (covered) return InvoiceStatus.PAID;
  return invoice.status === InvoiceStatus.PAID && !disputeTookMoney ? InvoiceStatus.PAID : InvoiceStatus.OPEN;
}

/** How a recount moved a payment and its invoice; the audit rows of the change that caused it carry it. */
export interface Recount {
  changed: boolean;
  payment: { status: string; amountRefunded: number; amountDisputed: number };
  invoice: { id: string; status: string; amountPaid: number; amountRefunded: number; reopened: boolean; paid: boolean };
}

/**
 * Recomputes a payment's counts from its refunds and disputes and moves its invoice by the difference (the invoice
 * may hold money recorded outside the portal, so it is moved, never recomputed). Call inside a transaction that
 * holds the invoice's lock.
 */
export async function recountPayment(tx: DbTransaction, paymentId: string): Promise<Recount> {
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, include: { refunds: true, disputes: true } });
  const refunded = Math.min(payment.refunds.filter(isCountedRefund).reduce((sum, r) => sum + r.amount, 0), payment.amount);
  // The provider never has more taken back than was received; the clamp keeps the counts honest if it ever reports it.
  const disputed = Math.min(payment.disputes.reduce((sum, d) => sum + heldByDispute(d), 0), payment.amount - refunded);
  const openDispute = payment.disputes.some((d) => !isClosedDispute(d));
  const status: PaymentStatus =
    openDispute || disputed > 0 ? 'DISPUTED' : refunded >= payment.amount ? 'REFUNDED' : refunded > 0 ? 'PARTIALLY_REFUNDED' : 'SUCCEEDED';

  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: payment.invoiceId } });
  const refundedDelta = refunded - payment.amountRefunded;
  const disputedDelta = disputed - payment.amountDisputed;
  const changed = refundedDelta !== 0 || disputedDelta !== 0 || status !== payment.status;
  const amountPaid = invoice.amountPaid - refundedDelta - disputedDelta;
  const amountRefunded = invoice.amountRefunded + refundedDelta;
  const invoiceStatus = invoiceStatusAfter(invoice, { amountPaid, amountRefunded }, disputedDelta > 0);
  // Reachable only in extremes (an invoice near the largest total paid again while disputed, then the dispute won):
  // failing here, alike on both databases, keeps the event unapplied and loud rather than PostgreSQL's "out of range".
  if (Math.max(amountPaid, amountRefunded) > LIMITS.storedAmount.max) {
    throw new Error(`Invoice ${invoice.id}'s figures would exceed the largest stored amount (${LIMITS.storedAmount.max}); nothing was recorded. Settle it by hand.`);
  }
  if (changed) {
    await tx.payment.update({ where: { id: payment.id }, data: { amountRefunded: refunded, amountDisputed: disputed, status } });
    if (refundedDelta !== 0 || disputedDelta !== 0 || invoiceStatus !== invoice.status) {
      await tx.invoice.update({ where: { id: invoice.id }, data: { amountPaid, amountRefunded, status: invoiceStatus } });
    }
  }
  return {
    changed,
    payment: { status, amountRefunded: refunded, amountDisputed: disputed },
    invoice: {
      id: invoice.id,
      status: invoiceStatus,
      amountPaid,
      amountRefunded,
      reopened: invoice.status === InvoiceStatus.PAID && invoiceStatus === InvoiceStatus.OPEN,
      paid: invoice.status === InvoiceStatus.OPEN && invoiceStatus === InvoiceStatus.PAID,
    },
  };
}
