/**
 * Money recorded at the same moment on one invoice: payments settling (webhooks, confirmPayment, reconcile, from
 * several instances) while refunds arrive. Each change reads the invoice's amountPaid and writes it back, so without
 * the invoice lock (FOR UPDATE on PostgreSQL; one writer at a time on SQLite) two of them would overwrite each other.
 */
import type { ProviderIntent } from '../../src/payments/payment-provider.port';
import { openAttempt, seedCustomer } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

function succeeded(id: string, amount: number): ProviderIntent {
  return {
    id,
    status: 'SUCCEEDED',
    amount,
    amountReceived: amount,
    currency: 'usd',
    clientSecret: null,
    customerId: null,
    metadata: {},
    lastError: null,
    nextAction: null,
    paymentMethodId: null,
    card: null,
  };
}

it('keeps amountPaid equal to what was received minus what was refunded when payments and refunds land together', async () => {
  const seed = await seedCustomer(t);
  const db = t.app.database.prisma;
  const { settlement } = t.app.services;
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: seed.invoiceIds[0] } });
  const PAYMENTS = 20;
  const REFUNDS = 20;
  expect(invoice.total).toBeGreaterThan(1_000 + PAYMENTS * 100);

  // Intents our server started earlier (their attempts are on file), now settling all at once.
  await openAttempt(t, seed, invoice.id, 'pi_race_first', 1_000);
  await settlement.applyIntent(succeeded('pi_race_first', 1_000));
  for (let i = 0; i < PAYMENTS; i++) await openAttempt(t, seed, invoice.id, `pi_race_${i}`, 100);

  const noRecovery = async (): Promise<ProviderIntent> => {
    throw new Error('the first payment is already recorded');
  };
  await Promise.all([
    ...Array.from({ length: PAYMENTS }, (_, i) => settlement.applyIntent(succeeded(`pi_race_${i}`, 100))),
    // Stripe reports each refund by its id, 10 each.
    ...Array.from({ length: REFUNDS }, (_, i) =>
      settlement.applyRefundChange(
        { id: `re_race_${i}`, paymentIntentId: 'pi_race_first', amount: 10, currency: 'usd', status: 'SUCCEEDED', reason: null, failureReason: null, metadata: {} },
        noRecovery,
      ),
    ),
  ]);

  const recorded = await db.payment.findMany({ where: { invoiceId: invoice.id } });
  expect(recorded).toHaveLength(PAYMENTS + 1);
  const first = recorded.find((p) => p.providerIntentId === 'pi_race_first')!;
  expect(first.amountRefunded).toBe(REFUNDS * 10);
  const received = recorded.reduce((sum, p) => sum + p.amount, 0);
  const refunded = recorded.reduce((sum, p) => sum + p.amountRefunded, 0);
  expect(received).toBe(1_000 + PAYMENTS * 100);
  expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).amountPaid).toBe(received - refunded);
  expect(await db.refund.aggregate({ where: { paymentId: first.id }, _sum: { amount: true } })).toEqual({ _sum: { amount: REFUNDS * 10 } });
});
