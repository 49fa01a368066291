import type { PaymentHistoryRow, PortalReads } from '../db/portal-reads';
import type { Invoice, Payment, PaymentMethod } from '../db/generated/sqlite/client';
import { badInput, notFound } from './errors';
import type { Money } from './money';
import type { CustomerPrincipal } from './principal';

export interface Balance {
  totalOutstanding: Money;
  overdue: Money;
  openInvoiceCount: number;
}

export interface PaymentPage {
  payments: PaymentHistoryRow[];
  hasNextPage: boolean;
  cursorOf(payment: Pick<Payment, 'createdAt' | 'id'>): string;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

/** What is still owed: nothing on a paid or void invoice (a refund on a paid invoice does not reopen it). */
export function amountDue(invoice: Pick<Invoice, 'total' | 'amountPaid' | 'status'>): number {
  return invoice.status === 'OPEN' ? Math.max(invoice.total - invoice.amountPaid, 0) : 0;
}

/** Opaque to clients; encodes the (createdAt, id) position in newest-first order. */
function encodeCursor(payment: Pick<Payment, 'createdAt' | 'id'>): string {
  return Buffer.from(`${payment.createdAt.getTime()}:${payment.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after is not a cursor returned by paymentHistory.', 'after');
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

/**
 * What a customer sees through a payment link. Every method takes the principal resolved from the token,
 * and every query is filtered by its customer, so another customer's rows are simply not found.
 */
export class PaymentPortalService {
  constructor(private readonly reads: PortalReads) {}

  /**
   * The token's invoice when the link is bound to one; otherwise the given invoice of the customer,
   * or the oldest open one. Someone else's invoice id is reported exactly like a missing one.
   */
  async invoice(customer: CustomerPrincipal, id?: string | null): Promise<Invoice> {
    const wanted = customer.invoiceId ?? id ?? null;
    if (customer.invoiceId && id && id !== customer.invoiceId) throw notFound('Invoice');
    const invoice = wanted
      ? await this.reads.invoiceOfCustomer(customer.customerId, wanted)
      : await this.reads.oldestOpenInvoice(customer.customerId);
    if (!invoice) throw notFound('Invoice');
    return invoice;
  }

  async balance(customer: CustomerPrincipal, now = new Date()): Promise<Balance> {
    const figures = await this.reads.openInvoices(customer.customerId);
    if (!figures) throw notFound('Customer');
    const { currency, open } = figures;
    let totalOutstanding = 0;
    let overdue = 0;
    for (const invoice of open) {
      const due = amountDue(invoice);
      totalOutstanding += due;
      if (invoice.dueAt < now) overdue += due;
    }
    return {
      totalOutstanding: { amount: totalOutstanding, currency },
      overdue: { amount: overdue, currency },
      openInvoiceCount: open.length,
    };
  }

  /** Newest first. `first` is capped at MAX_PAGE_SIZE. */
  async paymentHistory(customer: CustomerPrincipal, first?: number | null, after?: string | null): Promise<PaymentPage> {
    if (first != null && (!Number.isInteger(first) || first < 0)) throw badInput('first must be 0 or more.', 'first');
    const take = Math.min(first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const position = after ? decodeCursor(after) : null;
    const rows = take === 0 ? [] : await this.reads.payments(customer.customerId, position, take + 1);
    return { payments: rows.slice(0, take), hasNextPage: rows.length > take, cursorOf: encodeCursor };
  }

  /** Default first, then newest. */
  async paymentMethods(customer: CustomerPrincipal): Promise<PaymentMethod[]> {
    return this.reads.paymentMethods(customer.customerId);
  }
}
