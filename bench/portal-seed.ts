import type { App } from '../src/app';
import { operatorPrincipal } from '../src/domain/principal';

/** How much one benchmark customer has. */
export interface CustomerShape {
  /** Names the customer's rows, so ids are the same on every database and every run. */
  key: string;
  lineItems: number;
  payments: number;
  methods: number;
}

export interface SeededCustomer {
  key: string;
  organizationId: string;
  customerId: string;
  invoiceId: string;
  /** A real payment token, issued through the token service (argon2id-hashed like any other). */
  token: string;
  tokenId: string;
}

const BASE = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The organization, customer and token go through the domain services. The invoices, payments and cards are
 * written with fixed ids and timestamps, so SQLite and PostgreSQL return byte-identical portal pages.
 * The portal page shows the oldest open invoice (overdue here) and a balance over two open invoices.
 */
export async function seedCustomer(app: App, shape: CustomerShape): Promise<SeededCustomer> {
  const { services, database } = app;
  const db = database.prisma;
  const organization = await services.organizations.createOrganization(`Benchmark ${shape.key}`);
  const admin = operatorPrincipal(organization.id);
  const customer = await services.billing.createCustomer(admin, { name: `Customer ${shape.key}`, email: `${shape.key}@example.com`, currency: 'usd' }, null);
  const id = (kind: string, i: number) => `bench-${shape.key}-${kind}-${String(i).padStart(4, '0')}`;

  const lineItems = Array.from({ length: shape.lineItems }, (_, i) => {
    const quantity = 1 + (i % 4);
    const unitAmount = 2_500 + 125 * (i % 9);
    return { position: i, description: `Service line ${i + 1}`, quantity, unitAmount, amount: quantity * unitAmount };
  });
  const total = lineItems.reduce((sum, item) => sum + item.amount, 0);
  const payments = Array.from({ length: shape.payments }, (_, i) => ({ amount: 100 + (i % 7) * 10, at: new Date(BASE + 2 * DAY + i * HOUR) }));
  const amountPaid = payments.reduce((sum, p) => sum + p.amount, 0);
  if (amountPaid >= total) throw new Error(`seed ${shape.key}: payments must leave the invoice open`);

  const invoiceId = id('inv', 1);
  await db.invoice.create({
    data: {
      id: invoiceId,
      organizationId: organization.id,
      customerId: customer.id,
      number: `BENCH-${shape.key.toUpperCase()}-001`,
      status: 'OPEN',
      currency: 'usd',
      total,
      amountPaid,
      issuedAt: new Date(BASE),
      dueAt: new Date(BASE + 30 * DAY),
      createdAt: new Date(BASE),
      lineItems: { create: lineItems },
    },
  });
  await db.invoice.create({
    data: {
      id: id('inv', 2),
      organizationId: organization.id,
      customerId: customer.id,
      number: `BENCH-${shape.key.toUpperCase()}-002`,
      status: 'OPEN',
      currency: 'usd',
      total: 49_900,
      issuedAt: new Date(BASE + 40 * DAY),
      dueAt: new Date(Date.UTC(2099, 0, 1)),
      createdAt: new Date(BASE + 40 * DAY),
      lineItems: { create: [{ position: 0, description: 'Monthly support plan', quantity: 1, unitAmount: 49_900, amount: 49_900 }] },
    },
  });
  await db.payment.createMany({
    data: payments.map((p, i) => ({
      id: id('pay', i),
      organizationId: organization.id,
      customerId: customer.id,
      invoiceId,
      providerIntentId: `pi_bench_${shape.key}_${i}`,
      amount: p.amount,
      currency: 'usd',
      status: 'SUCCEEDED',
      paymentMethodBrand: 'visa',
      paymentMethodLast4: '4242',
      createdAt: p.at,
      updatedAt: p.at,
    })),
  });
  await db.paymentMethod.createMany({
    data: Array.from({ length: shape.methods }, (_, i) => ({
      id: id('pm', i),
      customerId: customer.id,
      providerPaymentMethodId: `pm_bench_${shape.key}_${i}`,
      brand: i % 2 ? 'mastercard' : 'visa',
      last4: i % 2 ? '4444' : '4242',
      expMonth: 1 + (i % 12),
      expYear: 2030 + (i % 5),
      defaultForCustomerId: i === 0 ? customer.id : null,
      createdAt: new Date(BASE + i * HOUR),
    })),
  });

  const issued = await services.tokens.issue(admin, { customerId: customer.id, invoiceId: null, expiresInDays: 30 }, null);
  return { key: shape.key, organizationId: organization.id, customerId: customer.id, invoiceId, token: issued.token, tokenId: issued.paymentToken.id };
}
