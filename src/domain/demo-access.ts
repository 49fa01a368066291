import type { Db } from '../db/database';
import { DEMO_ORGANIZATION_NAME, seedDemo } from './demo-seed';
import { cliPrincipal } from './organization.service';
import type { Services } from '../services';

export interface DemoAccess {
  organizationId: string;
  customerId: string;
  invoiceIds: string[];
  adminApiKey: string;
  paymentToken: string;
  paymentUrl: string;
  seeded: boolean;
}

const STARTUP_KEY_NAME = 'demo (printed at start-up)';

/**
 * Development convenience: seeds the demo data into an empty database, and hands out a fresh admin key and
 * payment link for it on every start (secrets are stored hashed, so the previous ones cannot be shown again).
 * The previous start-up key is revoked so keys do not pile up.
 */
export async function demoAccess(db: Db, services: Services): Promise<DemoAccess | null> {
  let seeded = false;
  let organization = await db.organization.findFirst({ where: { name: DEMO_ORGANIZATION_NAME }, orderBy: { createdAt: 'asc' } });
  if (!organization) {
    if ((await db.organization.count()) > 0) return null;
    const seed = await seedDemo(services.organizations, services.billing);
    organization = await db.organization.findUniqueOrThrow({ where: { id: seed.organizationId } });
    seeded = true;
  }
  const customer = await db.customer.findFirst({ where: { organizationId: organization.id }, orderBy: { createdAt: 'asc' } });
  if (!customer) return null;
  const invoices = await db.invoice.findMany({ where: { customerId: customer.id }, orderBy: { issuedAt: 'asc' }, select: { id: true } });

  await services.organizations.revokeAdminKeysNamed(organization.id, STARTUP_KEY_NAME);
  const { secret } = await services.organizations.createAdminKey(organization.id, STARTUP_KEY_NAME);
  const issued = await services.tokens.issue(cliPrincipal(organization.id), { customerId: customer.id }, null);
  return {
    organizationId: organization.id,
    customerId: customer.id,
    invoiceIds: invoices.map((i) => i.id),
    adminApiKey: secret,
    paymentToken: issued.token,
    paymentUrl: issued.url,
    seeded,
  };
}
