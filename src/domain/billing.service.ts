import type { Db } from '../db/database';
import { isUniqueViolationOf } from '../db/db-errors';
import type { ProviderRules } from '../payments/payment-provider.port';
import type { AuditLogService } from './audit-log.service';
import { optionalEmail, optionalLocale } from './contact-details';
import { badInput, notFound } from './errors';
import { LIMITS } from './limits';
import { formatMoney, isMinorUnitAmount, normalizeCurrency } from './money';
import type { OrganizationActor, RequestMeta } from './principal';
import { customerView, invoiceView, type CustomerView, type InvoiceView } from './views';

export interface NewCustomer {
  name: string;
  email?: string | null;
  /** BCP 47 language tag (e.g. "fr-CA"), stored canonical. */
  locale?: string | null;
  /** All the customer's invoices are in it; default "usd". */
  currency?: string | null;
}

export interface NewLineItem {
  description: string;
  quantity: number;
  /** Minor units. */
  unitAmount: number;
}

export interface NewInvoice {
  customerId: string;
  /** Unique within the organization; generated when absent. */
  number?: string | null;
  dueAt?: Date | null;
  issuedAt?: Date | null;
  lineItems: NewLineItem[];
}

const DAY_MS = 86_400_000;

/**
 * Customers and invoices. A real deployment syncs these from its billing system; these admin operations
 * let the product run standalone.
 */
export class BillingService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
    /**
     * A customer can only be billed in a currency the payment provider charges, and an invoice only for at least
     * its minimum charge; an invoice shows its minimum payment.
     */
    private readonly providerRules: ProviderRules,
  ) {}

  async createCustomer(actor: OrganizationActor, input: NewCustomer, meta: RequestMeta | null): Promise<CustomerView> {
    const name = input.name.trim();
    const { min: minName, max: maxName } = LIMITS.customerName;
    if (name.length < minName || name.length > maxName) throw badInput(`name must be ${minName} to ${maxName} characters.`, 'name');
    const email = optionalEmail(input.email, 'email');
    const locale = optionalLocale(input.locale, 'locale');
    const currency = normalizeCurrency(input.currency ?? 'usd');
    const { currencies } = this.providerRules;
    if (!currencies.includes(currency)) throw badInput(`currency must be one of ${currencies.join(', ')}.`, 'currency');

    const customer = await this.db.customer.create({ data: { organizationId: actor.organizationId, name, email, locale, currency } });
    await this.audit.recordFor(actor, meta, {
      action: 'CUSTOMER_CREATED',
      targetType: 'Customer',
      targetId: customer.id,
    });
    return customerView(customer);
  }

  /** The organization a customer belongs to, for the operator who knows only the customer (the CLI). */
  async organizationOfCustomer(customerId: string): Promise<string> {
    const customer = await this.db.customer.findUnique({ where: { id: customerId }, select: { organizationId: true } });
    if (!customer) throw notFound('Customer');
    return customer.organizationId;
  }

  async createInvoice(actor: OrganizationActor, input: NewInvoice, meta: RequestMeta | null): Promise<InvoiceView> {
    // Another organization's customer is answered exactly like a missing one.
    const customer = await this.db.customer.findFirst({ where: { id: input.customerId, organizationId: actor.organizationId } });
    if (!customer) throw notFound('Customer');

    if (input.lineItems.length < LIMITS.lineItems.min) throw badInput('An invoice needs at least one line item.', 'lineItems');
    if (input.lineItems.length > LIMITS.lineItems.max) throw badInput(`An invoice takes at most ${LIMITS.lineItems.max} line items.`, 'lineItems');
    const { lineItemDescription: text, lineItemQuantity: quantity } = LIMITS;
    const items = input.lineItems.map((item, index) => {
      const description = item.description.trim();
      if (description.length < text.min || description.length > text.max) {
        throw badInput(`lineItems[${index}].description must be ${text.min} to ${text.max} characters.`, 'lineItems');
      }
      if (!Number.isInteger(item.quantity) || item.quantity < quantity.min || item.quantity > quantity.max) {
        throw badInput(`lineItems[${index}].quantity must be a whole number from ${quantity.min} to ${quantity.max}.`, 'lineItems');
      }
      if (!isMinorUnitAmount(item.unitAmount) || item.unitAmount < 0) {
        throw badInput(`lineItems[${index}].unitAmount must be a whole number of minor units, 0 or more.`, 'lineItems');
      }
      return { position: index, description, quantity: item.quantity, unitAmount: item.unitAmount, amount: item.quantity * item.unitAmount };
    });
    const total = items.reduce((sum, item) => sum + item.amount, 0);
    const { min: minTotal, max: maxTotal } = LIMITS.invoiceTotal;
    if (total < minTotal || total > maxTotal) throw badInput(`The invoice total must be between ${minTotal} and ${maxTotal} minor units.`, 'lineItems');
    // Below the provider's minimum charge an invoice could never be paid online, and would stay open for good; an
    // amount that small is better added to the customer's next invoice.
    const minimum = { amount: this.providerRules.minimumCharge(customer.currency), currency: customer.currency };
    if (total < minimum.amount) {
      throw badInput(`The invoice total must be at least ${formatMoney(minimum)}, the smallest amount the payment provider can charge in ${customer.currency.toUpperCase()}.`, 'lineItems');
    }

    const issuedAt = input.issuedAt ?? new Date();
    const dueAt = input.dueAt ?? new Date(issuedAt.getTime() + LIMITS.defaultDaysToPay * DAY_MS);
    if (Number.isNaN(dueAt.getTime()) || dueAt < issuedAt) throw badInput('dueAt must be on or after issuedAt.', 'dueAt');
    const number = input.number?.trim() || `INV-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    if (number.length > LIMITS.invoiceNumber.max) throw badInput(`number must be at most ${LIMITS.invoiceNumber.max} characters.`, 'number');

    let invoice;
    try {
      invoice = await this.db.invoice.create({
        data: {
          organizationId: actor.organizationId,
          customerId: customer.id,
          number,
          currency: customer.currency,
          total,
          issuedAt,
          dueAt,
          lineItems: { create: items },
        },
      });
    } catch (error) {
      // The unique index decides, so a number sent twice at once is refused once rather than failing as a fault.
      if (isUniqueViolationOf(error, 'Invoice', ['organizationId', 'number'])) throw badInput(`Invoice number ${number} is already used.`, 'number');
      throw error;
    }
    await this.audit.recordFor(actor, meta, {
      action: 'INVOICE_CREATED',
      targetType: 'Invoice',
      targetId: invoice.id,
      details: { customerId: customer.id, total, currency: invoice.currency },
    });
    return invoiceView(invoice, this.providerRules);
  }
}
