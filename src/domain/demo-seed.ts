import { BillingService } from './billing.service';
import { cliPrincipal, OrganizationService } from './organization.service';

export interface DemoSeed {
  organizationId: string;
  customerId: string;
  invoiceIds: string[];
  adminApiKey: string;
}

export const DEMO_ORGANIZATION_NAME = 'Demo Organization';
const DAY = 86_400_000;

/** A demo organization with one customer, an overdue invoice, an open one, and an admin key. */
export async function seedDemo(organizations: OrganizationService, billing: BillingService): Promise<DemoSeed> {
  const organization = await organizations.createOrganization(DEMO_ORGANIZATION_NAME);
  const admin = cliPrincipal(organization.id);
  const customer = await billing.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com', currency: 'usd' }, null);
  const now = Date.now();
  const suffix = organization.id.slice(-6).toUpperCase();
  const overdue = await billing.createInvoice(
    admin,
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
    admin,
    {
      customerId: customer.id,
      number: `DEMO-${suffix}-002`,
      issuedAt: new Date(now - 2 * DAY),
      dueAt: new Date(now + 28 * DAY),
      lineItems: [{ description: 'Monthly support plan', quantity: 1, unitAmount: 49_900 }],
    },
    null,
  );
  const { secret } = await organizations.createAdminKey(organization.id, 'demo');
  return { organizationId: organization.id, customerId: customer.id, invoiceIds: [overdue.id, open.id], adminApiKey: secret };
}
