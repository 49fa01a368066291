/**
 * `npm start`'s demo credentials, printed at start-up in development. In dev/ with the demo seed: production never
 * seeds (SEED_DEMO_DATA is off there).
 */
import type { Db } from '../db/database';
import { operatorPrincipal } from '../domain/principal';
import type { Services } from '../services';
import { DEMO_ORGANIZATION_NAME, seedDemo } from './demo-seed';

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
 * Seeds the demo data into an empty database, and hands out a fresh admin key and payment link for it on every
 * start (secrets are stored hashed, so the previous ones cannot be shown again). The previous start-up key is
 * revoked so keys do not pile up. Nothing happens in a database that holds other organizations.
 */
export async function demoAccess(db: Db, services: Services): Promise<DemoAccess | null> {
  let seeded = false;
  let organization = await services.organizations.findByName(DEMO_ORGANIZATION_NAME);
  if (!organization) {
    if ((await services.organizations.count()) > 0) return null;
    const seed = await seedDemo(services.organizations, services.billing);
    organization = { id: seed.organizationId, name: DEMO_ORGANIZATION_NAME };
    seeded = true;
  }
  // Reading the demo's own rows back is dev tooling's business, not an API the domain offers.
  const customer = await db.customer.findFirst({ where: { organizationId: organization.id }, orderBy: { createdAt: 'asc' } });
  if (!customer) return null;
  const invoices = await db.invoice.findMany({ where: { customerId: customer.id }, orderBy: { issuedAt: 'asc' }, select: { id: true } });

  const operator = operatorPrincipal(organization.id);
  await services.organizations.revokeAdminKeysNamed(operator, STARTUP_KEY_NAME);
  const { secret } = await services.organizations.createAdminKey(operator, STARTUP_KEY_NAME);
  const issued = await services.tokens.issue(operator, { customerId: customer.id }, null);
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
