import type { InvoicePosition, InvoiceRecord, PortalReads } from '../db/portal-reads';
import { badInput, notFound } from './errors';
import { LIMITS } from './limits';
import type { ChargeLimits } from './payments/payable-amounts';
import type { CustomerPrincipal } from './principal';
import {
  amountDue,
  customerView,
  invoiceView,
  lineItemView,
  paymentView,
  savedCardView,
  type BalanceView,
  type InvoiceStatus,
  type InvoiceView,
  type LineItemView,
  type PaymentLinkView,
  type PaymentView,
  type SavedCardView,
} from './views';

export interface PaymentPage {
  /** Newest first, each with its opaque cursor. */
  payments: { cursor: string; payment: PaymentView }[];
  hasNextPage: boolean;
  /** True when the page was asked for after a cursor (there is something newer before it). */
  hasPreviousPage: boolean;
}

/** The customer's invoices as a page lists them: open ones first (earliest due first), then the others, newest issued first. */
export interface InvoicePage {
  invoices: { cursor: string; invoice: InvoiceView }[];
  hasNextPage: boolean;
  /** True when the page was asked for after a cursor. */
  hasPreviousPage: boolean;
}

export interface InvoiceListing {
  /** Only invoices of this status. */
  status?: InvoiceStatus | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Which invoice a customer's request is about: the link's own when it is bound to one (asking for another is
 * reported exactly like a missing invoice), else the one asked for, else null for "the oldest open one".
 * The page views and checkout both scope by this, each through its own data path.
 */
export function scopedInvoiceId(customer: CustomerPrincipal, id: string | null | undefined): string | null {
  if (customer.invoiceId && id && id !== customer.invoiceId) throw notFound('Invoice');
  return customer.invoiceId ?? id ?? null;
}

/** Opaque to clients; encodes the (createdAt, id) position in newest-first order. */
function encodeCursor(payment: { createdAt: Date; id: string }): string {
  return Buffer.from(`${payment.createdAt.getTime()}:${payment.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after is not a cursor returned by paymentHistory.', 'after');
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

/** Opaque to clients; encodes an invoice's InvoicePosition (open or not, the date it sorts by, its id). */
function encodeInvoiceCursor(invoice: InvoiceView): string {
  const open = invoice.status === 'OPEN';
  return Buffer.from(`${open ? 'o' : 'c'}:${(open ? invoice.dueAt : invoice.issuedAt).getTime()}:${invoice.id}`).toString('base64url');
}

function decodeInvoiceCursor(cursor: string): InvoicePosition {
  const match = /^([oc]):(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after is not a cursor returned by invoices.', 'after');
  return { open: match[1] === 'o', at: new Date(Number(match[2])), id: match[3] };
}

/** `first` as a page size: default, capped at the largest page. */
function pageSize(first: number | null | undefined): number {
  if (first != null && (!Number.isInteger(first) || first < 0)) throw badInput('first must be 0 or more.', 'first');
  return Math.min(first ?? LIMITS.pageSize.default, LIMITS.pageSize.max);
}

/**
 * What a customer sees through a payment link: the page views, read through the plain-SQL read model (these are
 * the hot path; see db/portal-reads.ts). Every method takes the principal resolved from the token, and every query
 * is filtered by its customer, so another customer's rows are simply not found; and, for a link bound to one
 * invoice, by that invoice, so the customer's other invoices and their payments are not found either.
 */
export class PaymentPortalService {
  constructor(
    private readonly reads: PortalReads,
    /** An invoice shows the smallest and largest payment the provider takes on it now. */
    private readonly rules: ChargeLimits,
  ) {}

  /** Who sent the link and to whom, and whether it is bound to one invoice. */
  async paymentLink(customer: CustomerPrincipal): Promise<PaymentLinkView> {
    const link = await this.reads.paymentLink(customer.tokenId, customer.customerId);
    // The token was read a moment ago to authenticate this request: only a deletion in between gets here.
    if (!link) throw notFound('Payment link');
    return { organization: link.organization, customer: customerView(link.customer), invoiceId: link.invoiceId, expiresAt: link.expiresAt };
  }

  /**
   * The token's invoice when the link is bound to one; otherwise the given invoice of the customer,
   * or the oldest open one. Someone else's invoice id is reported exactly like a missing one.
   */
  async invoice(customer: CustomerPrincipal, id?: string | null): Promise<InvoiceView> {
    return this.found(await this.invoiceRow(customer, scopedInvoiceId(customer, id)));
  }

  /**
   * The same invoice with its lines, both read at once: the lines are found by the same conditions as the invoice
   * rather than by its id, so they need not wait for it (one round trip for both on PostgreSQL).
   */
  async invoiceWithLineItems(customer: CustomerPrincipal, id?: string | null): Promise<{ invoice: InvoiceView; lineItems: LineItemView[] }> {
    const wanted = scopedInvoiceId(customer, id);
    const [row, lines] = await Promise.all([this.invoiceRow(customer, wanted), this.reads.lineItemsOfInvoiceFound(customer.customerId, wanted)]);
    const invoice = this.found(row);
    // On PostgreSQL both are one statement, so one snapshot; on SQLite they run back to back in one synchronous step.
    return { invoice, lineItems: lines.map((item) => lineItemView(item, invoice.currency)) };
  }

  /** The wanted invoice of the customer, or (none wanted) the oldest open one. */
  private invoiceRow(customer: CustomerPrincipal, wanted: string | null): Promise<InvoiceRecord | null> {
    return wanted ? this.reads.invoiceOfCustomer(customer.customerId, wanted) : this.reads.oldestOpenInvoice(customer.customerId);
  }

  private found(row: InvoiceRecord | null): InvoiceView {
    if (!row) throw notFound('Invoice');
    return invoiceView(row, this.rules);
  }

  /**
   * The customer's invoices, open ones first (earliest due first), then the others (newest issued first); a link
   * bound to one invoice lists only that one. One statement per page.
   */
  async invoices(customer: CustomerPrincipal, listing: InvoiceListing = {}): Promise<InvoicePage> {
    const take = pageSize(listing.first);
    const position = listing.after ? decodeInvoiceCursor(listing.after) : null;
    const filter = { status: listing.status ?? null, invoiceId: customer.invoiceId };
    // One row more than the page tells whether there is a next page.
    const rows = await this.reads.invoices(customer.customerId, filter, position, take + 1);
    const now = new Date();
    return {
      invoices: rows.slice(0, take).map((row) => {
        const invoice = invoiceView(row, this.rules, now);
        return { cursor: encodeInvoiceCursor(invoice), invoice };
      }),
      hasNextPage: rows.length > take,
      hasPreviousPage: position !== null,
    };
  }

  /** Line items of several invoices at once (a page's DataLoader batch), in the invoices' order. */
  async lineItems(invoices: readonly Pick<InvoiceView, 'id' | 'currency'>[]): Promise<LineItemView[][]> {
    const rows = await this.reads.lineItems(invoices.map((invoice) => invoice.id));
    const byInvoice = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byInvoice.get(row.invoiceId);
      if (list) list.push(row);
      else byInvoice.set(row.invoiceId, [row]);
    }
    return invoices.map((invoice) => (byInvoice.get(invoice.id) ?? []).map((item) => lineItemView(item, invoice.currency)));
  }

  /** What is owed over the customer's open invoices; for a link bound to one invoice, over that invoice alone. */
  async balance(customer: CustomerPrincipal, now = new Date()): Promise<BalanceView> {
    const figures = await this.reads.openInvoices(customer.customerId, customer.invoiceId);
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

  /** Newest first; for a link bound to one invoice, that invoice's payments alone. `first` is capped at the largest page size. */
  async paymentHistory(customer: CustomerPrincipal, first?: number | null, after?: string | null): Promise<PaymentPage> {
    const take = pageSize(first);
    const position = after ? decodeCursor(after) : null;
    // One row more than the page tells whether there is a next page (even for an empty page, first: 0).
    const rows = await this.reads.payments(customer.customerId, customer.invoiceId, position, take + 1);
    return {
      payments: rows.slice(0, take).map((row) => ({ cursor: encodeCursor(row), payment: paymentView(row) })),
      hasNextPage: rows.length > take,
      hasPreviousPage: position !== null,
    };
  }

  /**
   * Default first, then newest. A link bound to one invoice lists them too: it may pay with them (managing them takes
   * a link for the whole account; see PaymentMethodService).
   */
  async paymentMethods(customer: CustomerPrincipal): Promise<SavedCardView[]> {
    return (await this.reads.paymentMethods(customer.customerId)).map(savedCardView);
  }
}
