/** The portal page costs the same number of SQL statements however many line items, payments or cards there are. */
import { PortalPageDocument } from '../graphql/generated/operations';
import { graphql, seedCustomer, startTestApp, type TestApp } from '../support/test-app';
import { operatorPrincipal } from '../../src/domain/principal';

let t: TestApp;
beforeAll(async () => {
  // Token usage is written behind requests, once per flush: a minute apart here, so no flush lands in a count.
  t = await startTestApp({ RATE_LIMIT_VIEW_PER_MINUTE: '1000', TOKEN_USAGE_FLUSH_MS: '60000' });
});
afterAll(() => t?.stop());

async function customerWith(items: number) {
  const seed = await seedCustomer(t.app);
  const admin = operatorPrincipal(seed.organizationId);
  const db = t.app.database.prisma;
  await db.invoice.updateMany({ where: { customerId: seed.customerId }, data: { status: 'PAID' } });
  const invoice = await t.app.services.billing.createInvoice(
    admin,
    { customerId: seed.customerId, lineItems: Array.from({ length: items }, (_, i) => ({ description: `Item ${i}`, quantity: 1, unitAmount: 100 })) },
    null,
  );
  for (let i = 0; i < items; i++) {
    await db.payment.create({ data: { organizationId: seed.organizationId, customerId: seed.customerId, invoiceId: invoice.id, providerIntentId: `pi_${seed.customerId}_${i}`, amount: 1, currency: 'usd', status: 'SUCCEEDED' } });
    await db.paymentMethod.create({ data: { customerId: seed.customerId, providerPaymentMethodId: `pm_${seed.customerId}_${i}`, brand: 'visa', last4: '4242', expMonth: 1, expYear: 2030 } });
  }
  return seed.token;
}

async function statementsFor(token: string): Promise<{ count: number; lineItems: number }> {
  // Warm the token cache so both runs measure the steady state.
  await graphql(t.url, PortalPageDocument, undefined, { token });
  let count = 0;
  const stop = t.app.database.onStatement(() => count++);
  const res = await graphql(t.url, PortalPageDocument, undefined, { token });
  stop();
  expect(res.body.errors).toBeUndefined();
  return { count, lineItems: res.body.data!.invoice.lineItems.length };
}

it('runs the same number of statements at 5 and at 50 line items, payments and saved cards', async () => {
  const small = await statementsFor(await customerWith(5));
  const large = await statementsFor(await customerWith(50));
  expect(small.lineItems).toBe(5);
  expect(large.lineItems).toBe(50);
  expect(large.count).toBe(small.count);
  expect(small.count).toBeGreaterThan(0);
});
