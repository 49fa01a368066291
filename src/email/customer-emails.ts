import type { Db, DbTransaction } from '../db/database';
import type { OperatorLog } from '../domain/operator-log';
import { amountDue, InvoiceStatus } from '../domain/views';
import { EmailKind, type EmailOutbox, type EnqueueResult } from './email-outbox';
import { emailLocale, type EmailLocale } from './templates/email-locale';
import type { EmailSender } from './templates/layout';
import type { Owed } from './templates/owed';
import { renderPaymentLinkEmail } from './templates/payment-link.template';
import { renderReceiptEmail } from './templates/receipt.template';
import { renderRefundNoticeEmail } from './templates/refund-notice.template';

/** Who a message goes to, and in whose name: what every message to a customer starts from. */
export interface EmailAudience {
  organizationId: string;
  customerId: string;
  customerName: string;
  /** The customer's address; null when the organization has none on file. */
  to: string | null;
  locale: EmailLocale;
  sender: EmailSender;
}

/** A receipt's or refund notice's audience and invoice number, read before the transaction that queues it. */
export interface PreparedEmail {
  audience: EmailAudience;
  to: string;
  invoiceNumber: string;
}

/**
 * The messages to customers, composed from the database inside the transaction of what they report and queued in the
 * outbox there. A customer without an email gets none (the caller decides whether that is an error).
 */
export class CustomerEmails {
  constructor(
    readonly outbox: EmailOutbox,
    private readonly log?: OperatorLog,
  ) {}

  /** Whom a customer's messages go to, in which language, from which organization. */
  async audience(tx: DbTransaction | Pick<Db, 'customer'>, customerId: string): Promise<EmailAudience> {
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, include: { organization: true } });
    return {
      organizationId: customer.organizationId,
      customerId: customer.id,
      customerName: customer.name,
      to: customer.email,
      locale: emailLocale(customer.locale),
      sender: { organizationName: customer.organization.name, supportEmail: customer.organization.supportEmail },
    };
  }

  /** What a link asks to be paid: its invoice's amount due, or the account's outstanding balance. */
  async owed(tx: DbTransaction, customerId: string, invoiceId: string | null): Promise<Owed> {
    if (invoiceId) {
      const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
      return { kind: 'invoice', invoiceNumber: invoice.number, amountDue: amountDue(invoice), currency: invoice.currency, dueAt: invoice.dueAt };
    }
    const [customer, open] = await Promise.all([
      tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } }),
      tx.invoice.findMany({ where: { customerId, status: InvoiceStatus.OPEN } }),
    ]);
    return {
      kind: 'account',
      totalOutstanding: open.reduce((sum, invoice) => sum + amountDue(invoice), 0),
      currency: customer.currency,
      openInvoiceCount: open.filter((invoice) => amountDue(invoice) > 0).length,
    };
  }

  /**
   * The link email, queued in the transaction that issues the link (the caller checked the customer has an address).
   * Marks the link `emailedAt`, which reminders look for.
   */
  async queuePaymentLink(
    tx: DbTransaction,
    token: { id: string; customerId: string; invoiceId: string | null; expiresAt: Date },
    url: string,
  ): Promise<EnqueueResult> {
    const audience = await this.audience(tx, token.customerId);
    if (!audience.to) throw new Error('queuePaymentLink needs a customer with an email address');
    const owed = await this.owed(tx, token.customerId, token.invoiceId);
    const rendered = renderPaymentLinkEmail({ locale: audience.locale, sender: audience.sender, customerName: audience.customerName, owed, url, expiresAt: token.expiresAt });
    const queued = await this.outbox.enqueue(tx, {
      ...this.entryOf(audience, audience.to),
      kind: EmailKind.PAYMENT_LINK,
      dedupeKey: `payment-link:${token.id}`,
      rendered,
    });
    if (queued.id) await tx.customerPaymentToken.update({ where: { id: token.id }, data: { emailedAt: new Date() } });
    return queued;
  }

  /**
   * What a receipt or refund notice needs beyond the transaction's own rows: the audience and the invoice's number,
   * read before the transaction that records the payment or refund, so that transaction (which holds the invoice's
   * lock) does no more than insert the message. Null when nothing is to be sent: email off, or no address.
   */
  async prepare(db: Pick<Db, 'customer' | 'invoice'>, customerId: string, invoiceId: string): Promise<PreparedEmail | null> {
    if (!this.outbox.enabled) return null;
    const audience = await this.audience(db, customerId);
    if (!audience.to) return null;
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { number: true } });
    return { audience, to: audience.to, invoiceNumber: invoice.number };
  }

  /**
   * The receipt of a payment just recorded, in the transaction that records it (under the invoice's lock), once per
   * payment (`receipt:<id>`) however many paths report it. A message that cannot be composed is logged and skipped:
   * a receipt never stops a payment from being recorded.
   */
  async queueReceipt(
    tx: DbTransaction,
    prepared: PreparedEmail | null,
    payment: { id: string; amount: number; currency: string; paymentMethodBrand: string | null; paymentMethodLast4: string | null; createdAt: Date },
    remaining: number,
  ): Promise<void> {
    if (!prepared) return;
    const { audience } = prepared;
    const rendered = this.render('RECEIPT', payment.id, () =>
      renderReceiptEmail({
        locale: audience.locale,
        sender: audience.sender,
        customerName: audience.customerName,
        receiptNumber: payment.id,
        invoiceNumber: prepared.invoiceNumber,
        amount: payment.amount,
        currency: payment.currency,
        cardBrand: payment.paymentMethodBrand,
        cardLast4: payment.paymentMethodLast4,
        paidAt: payment.createdAt,
        remaining,
      }),
    );
    if (!rendered) return;
    await this.outbox.enqueueSerialized(tx, { ...this.entryOf(audience, prepared.to), kind: EmailKind.RECEIPT, dedupeKey: `receipt:${payment.id}`, rendered });
  }

  /** The notice of a refund that now counts (pending or succeeded at the provider), once per refund (`refund:<id>`), under the invoice's lock. */
  async queueRefundNotice(
    tx: DbTransaction,
    prepared: PreparedEmail | null,
    refund: { id: string; amount: number; currency: string; createdAt: Date },
    payment: { id: string; paymentMethodBrand: string | null; paymentMethodLast4: string | null },
  ): Promise<void> {
    if (!prepared) return;
    const { audience } = prepared;
    const rendered = this.render('REFUND_NOTICE', refund.id, () =>
      renderRefundNoticeEmail({
        locale: audience.locale,
        sender: audience.sender,
        customerName: audience.customerName,
        invoiceNumber: prepared.invoiceNumber,
        receiptNumber: payment.id,
        amount: refund.amount,
        currency: refund.currency,
        cardBrand: payment.paymentMethodBrand,
        cardLast4: payment.paymentMethodLast4,
        refundedAt: refund.createdAt,
      }),
    );
    if (!rendered) return;
    await this.outbox.enqueueSerialized(tx, { ...this.entryOf(audience, prepared.to), kind: EmailKind.REFUND_NOTICE, dedupeKey: `refund:${refund.id}`, rendered });
  }

  /** The fields of an outbox entry that come from the audience. */
  entryOf(audience: EmailAudience, to: string) {
    return { organizationId: audience.organizationId, customerId: audience.customerId, to, locale: audience.locale.tag };
  }

  private render<T>(kind: EmailKind, about: string, render: () => T): T | null {
    try {
      return render();
    } catch (err) {
      this.log?.error({ err, kind, about }, 'email not queued: it could not be composed');
      return null;
    }
  }
}
