import type { Db } from '../db/database';
import type { Customer, Invoice } from '../db/generated/sqlite/client';
import { AuditLogService } from './audit-log.service';
import { badInput, forbidden, notFound } from './errors';
import { isMinorUnitAmount, isSupportedCurrency, normalizeCurrency, SUPPORTED_CURRENCIES } from './money';
import type { AdminPrincipal, RequestMeta } from './principal';

export interface CreateCustomerInput {
  name: string;
  email?: string | null;
  currency?: string | null;
}

export interface LineItemInput {
  description: string;
  quantity: number;
  /** Minor units. */
  unitAmount: number;
}

export interface CreateInvoiceInput {
  customerId: string;
  number?: string | null;
  dueAt?: Date | null;
  issuedAt?: Date | null;
  lineItems: LineItemInput[];
}

const MAX_LINE_ITEMS = 1000;
/** Keeps every total far inside the 32-bit range GraphQL's Int can carry. */
const MAX_INVOICE_TOTAL = 1_000_000_000;

/**
 * Customers and invoices. A real deployment syncs these from its billing system; these admin operations
 * let the product run standalone.
 */
export class BillingService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
  ) {}

  async createCustomer(admin: AdminPrincipal, input: CreateCustomerInput, meta: RequestMeta | null): Promise<Customer> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw badInput('name must be 1 to 200 characters.', 'name');
    const email = input.email?.trim() || null;
    if (email && (email.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(email))) throw badInput('email is not a valid address.', 'email');
    const currency = normalizeCurrency(input.currency ?? 'usd');
    if (!isSupportedCurrency(currency)) throw badInput(`currency must be one of ${SUPPORTED_CURRENCIES.join(', ')}.`, 'currency');

    const customer = await this.db.customer.create({ data: { organizationId: admin.organizationId, name, email, currency } });
    await this.audit.recordFor(admin, meta, {
      action: 'CUSTOMER_CREATED',
      targetType: 'Customer',
      targetId: customer.id,
    });
    return customer;
  }

  async createInvoice(admin: AdminPrincipal, input: CreateInvoiceInput, meta: RequestMeta | null): Promise<Invoice> {
    const customer = await this.db.customer.findUnique({ where: { id: input.customerId } });
    if (!customer) throw notFound('Customer');
    if (customer.organizationId !== admin.organizationId) throw forbidden('That customer belongs to another organization.');

    if (input.lineItems.length === 0) throw badInput('An invoice needs at least one line item.', 'lineItems');
    if (input.lineItems.length > MAX_LINE_ITEMS) throw badInput(`An invoice takes at most ${MAX_LINE_ITEMS} line items.`, 'lineItems');
    const items = input.lineItems.map((item, index) => {
      const description = item.description.trim();
      if (!description || description.length > 500) throw badInput(`lineItems[${index}].description must be 1 to 500 characters.`, 'lineItems');
      if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 1_000_000) {
        throw badInput(`lineItems[${index}].quantity must be a whole number from 1 to 1000000.`, 'lineItems');
      }
      if (!isMinorUnitAmount(item.unitAmount) || item.unitAmount < 0) {
        throw badInput(`lineItems[${index}].unitAmount must be a whole number of minor units, 0 or more.`, 'lineItems');
      }
      return { position: index, description, quantity: item.quantity, unitAmount: item.unitAmount, amount: item.quantity * item.unitAmount };
    });
    const total = items.reduce((sum, item) => sum + item.amount, 0);
    if (total <= 0 || total > MAX_INVOICE_TOTAL) throw badInput(`The invoice total must be between 1 and ${MAX_INVOICE_TOTAL} minor units.`, 'lineItems');

    const issuedAt = input.issuedAt ?? new Date();
    const dueAt = input.dueAt ?? new Date(issuedAt.getTime() + 30 * 86_400_000);
    if (Number.isNaN(dueAt.getTime()) || dueAt < issuedAt) throw badInput('dueAt must be on or after issuedAt.', 'dueAt');
    const number = input.number?.trim() || `INV-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    if (number.length > 64) throw badInput('number must be at most 64 characters.', 'number');

    const existing = await this.db.invoice.findUnique({ where: { organizationId_number: { organizationId: admin.organizationId, number } } });
    if (existing) throw badInput(`Invoice number ${number} is already used.`, 'number');

    const invoice = await this.db.invoice.create({
      data: {
        organizationId: admin.organizationId,
        customerId: customer.id,
        number,
        currency: customer.currency,
        total,
        issuedAt,
        dueAt,
        lineItems: { create: items },
      },
    });
    await this.audit.recordFor(admin, meta, {
      action: 'INVOICE_CREATED',
      targetType: 'Invoice',
      targetId: invoice.id,
      details: { customerId: customer.id, total, currency: invoice.currency },
    });
    return invoice;
  }
}
