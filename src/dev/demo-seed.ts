/**
 * Demo data for development and tests: lives in dev/ because no production path needs it (start-up seeds only with
 * SEED_DEMO_DATA, which production leaves off, and the CLI's `demo-seed` is for trying the product).
 */
import type { BillingService } from '../domain/billing.service';
import type { OrganizationService } from '../domain/organization.service';
import { operatorPrincipal } from '../domain/principal';

export interface DemoSeed {
  organizationId: string;
  customerId: string;
  invoiceIds: string[];
  adminApiKey: string;
}

export const DEMO_ORGANIZATION_NAME = 'Demo Organization';
/** Shown on the payment page as where to write; `.example` is reserved, so nothing is ever sent there. */
export const DEMO_SUPPORT_EMAIL = 'billing@demo.example';
const DAY = 86_400_000;

/** A demo organization with one customer, an overdue invoice, an open one, and an admin key. */
export async function seedDemo(organizations: OrganizationService, billing: BillingService): Promise<DemoSeed> {
  const organization = await organizations.createOrganization(DEMO_ORGANIZATION_NAME, { supportEmail: DEMO_SUPPORT_EMAIL });
  const operator = operatorPrincipal(organization.id);
  const customer = await billing.createCustomer(operator, { name: 'Ada Lovelace', email: 'ada@example.com', currency: 'usd' }, null);
  const now = Date.now();
  const suffix = organization.id.slice(-6).toUpperCase();
  const overdue = await billing.createInvoice(
    operator,
    {
      customerId: customer.id,
      number: `DEMO-${suffix}-001`,
      issuedAt: new Date(now - 45 * DAY),
      dueAt: new Date(now - 15 * DAY),
      lineItems: [
        { description: 'Analytical Engine consulting (hours)', quantity: 12, unitAmount: 15_000 },
        { description: 'Punched cards', quantity: 500, unitAmount: 25 },
      ],
    },
    null,
  );
  const open = await billing.createInvoice(
    operator,
    {
      customerId: customer.id,
      number: `DEMO-${suffix}-002`,
      issuedAt: new Date(now - 2 * DAY),
      dueAt: new Date(now + 28 * DAY),
      lineItems: [{ description: 'Monthly support plan', quantity: 1, unitAmount: 49_900 }],
    },
    null,
  );
  const { secret } = await organizations.createAdminKey(operator, 'demo');
  return { organizationId: organization.id, customerId: customer.id, invoiceIds: [overdue.id, open.id], adminApiKey: secret };
}
