/**
 * What the payment provider says no to, and what checkout makes of it, on the domain services with the in-memory
 * provider: a request refused as invalid is ours to fix, never a decline; an amount below the provider's minimum is
 * refused in the provider's words; and a failure the provider stored under an attempt's idempotency key (a 500 after
 * its work began, replayed for 24 hours) never leaves the invoice stuck, nor makes a second charge possible.
 * (End to end, against the Stripe emulator: tests/e2e/payments.)
 */
import { InMemoryPaymentProvider } from '../../src/payments/in-memory-payment-provider';
import { domainWorld, requestMeta, type DomainWorld } from '../support/domain-world';

let w: DomainWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function world(provider: InMemoryPaymentProvider): Promise<DomainWorld> {
  w = await domainWorld(provider);
  return w;
}

const attempts = (w: DomainWorld) => w.database.prisma.paymentAttempt.findMany({ where: { invoiceId: w.invoiceId }, orderBy: { createdAt: 'asc' } });
const createIntent = (w: DomainWorld, request: { amount?: number } = {}) => w.services.checkout.createPaymentIntent(w.customer, request, requestMeta());

describe('a request the provider refuses as invalid', () => {
  it('is "not possible, nothing charged" to the customer, never a decline, and an error with the provider\'s code for the operator', async () => {
    const provider = new InMemoryPaymentProvider();
    provider.acceptsCurrencies = ['eur']; // the account no longer takes the invoice's currency
    const w = await world(provider);

    const outcome = await createIntent(w);
    expect(outcome).toMatchObject({ kind: 'error', code: 'PAYMENT_NOT_POSSIBLE', message: expect.stringContaining('nothing was charged') });
    expect(outcome).not.toMatchObject({ code: 'PAYMENT_DECLINED' });
    expect(await attempts(w)).toMatchObject([{ status: 'FAILED', openInvoiceId: null, lastError: 'invalid_request_error' }]);
    expect(w.operatorLog).toMatchObject([
      {
        level: 'error',
        details: { providerCode: 'invalid_request_error', providerRequestId: expect.stringMatching(/^req_/), requestId: expect.stringMatching(/^domain-test-/), invoiceId: w.invoiceId },
        message: expect.stringContaining('refused a payment intent as invalid'),
      },
    ]);
    // The customer may try again (say, once the business fixed its account), and nothing is left open meanwhile.
    provider.acceptsCurrencies = ['usd'];
    expect(await createIntent(w)).toMatchObject({ kind: 'intent' });
  });
});

describe("an amount below the provider's minimum", () => {
  it("is refused in the provider's words, with its minimum, when the provider says so itself", async () => {
    const provider = new InMemoryPaymentProvider();
    provider.acceptsFrom = 100;
    const w = await world(provider);
    expect(await createIntent(w, { amount: 60 })).toMatchObject({
      code: 'AMOUNT_BELOW_MINIMUM',
      message: 'Amount must be at least the minimum charge.',
      minimum: { amount: 50, currency: 'usd' },
    });
  });

  it('names the settlement currency\'s minimum for an invoice in another currency: the provider converted before it compared', async () => {
    const provider = new InMemoryPaymentProvider({ rules: { settlementCurrency: 'eur', minimumCharge: (currency) => (currency === 'eur' ? 50 : 30) } });
    provider.acceptsFrom = 100;
    const w = await world(provider);
    expect(await createIntent(w, { amount: 60 })).toMatchObject({ code: 'AMOUNT_BELOW_MINIMUM', minimum: { amount: 50, currency: 'eur' } });
  });
});

describe('a failure the provider stored under the attempt\'s idempotency key', () => {
  async function payAndCount(w: DomainWorld, intentId: string) {
    w.provider.browser(intentId, { kind: 'succeed' });
    expect(await w.services.checkout.confirmPayment(w.customer, intentId, requestMeta())).toMatchObject({ kind: 'payment' });
    return w.database.prisma.payment.count({ where: { invoiceId: w.invoiceId } });
  }

  it('is recovered on the next try with a new attempt and a new key, when no intent came of it: one intent, one charge', async () => {
    const provider = new InMemoryPaymentProvider();
    const w = await world(provider);
    await w.services.providerCustomers.idFor(w.customer.customerId);
    provider.failAfterWork(1, { createsIntent: false });
    await expect(createIntent(w)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    expect(await attempts(w)).toMatchObject([{ status: 'CREATING' }]);

    const retried = await createIntent(w);
    if (retried.kind !== 'intent') throw new Error(`expected an intent, got ${retried.code}`);
    expect(await attempts(w)).toMatchObject([
      { status: 'FAILED', openInvoiceId: null, lastError: expect.stringContaining('stored a failure') },
      { status: 'OPEN', providerIntentId: retried.intent.id },
    ]);
    expect(provider.allIntents().map((intent) => intent.id)).toEqual([retried.intent.id]);
    expect(w.operatorLog).toMatchObject([{ level: 'warn', details: { intentFound: null } }]);
    expect(await payAndCount(w, retried.intent.id)).toBe(1);
  });

  it('adopts the intent the failed request created, found by its metadata, rather than creating another', async () => {
    const provider = new InMemoryPaymentProvider();
    const w = await world(provider);
    await w.services.providerCustomers.idFor(w.customer.customerId);
    provider.failAfterWork(1, { createsIntent: true });
    await expect(createIntent(w)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    const [created] = provider.allIntents();

    const retried = await createIntent(w);
    expect(retried).toMatchObject({ kind: 'intent', intent: { id: created.id } });
    expect(await attempts(w)).toMatchObject([{ status: 'OPEN', providerIntentId: created.id }]);
    expect(provider.allIntents()).toHaveLength(1);
    expect(await payAndCount(w, created.id)).toBe(1);
  });

  it('is recovered the same way by the reconciliation, which closes the attempt for good', async () => {
    const provider = new InMemoryPaymentProvider();
    const w = await world(provider);
    await w.services.providerCustomers.idFor(w.customer.customerId);
    provider.failAfterWork(1);
    await expect(createIntent(w)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    expect(await w.services.reconciliation.reconcile()).toMatchObject({ closed: 1 });
    expect(await attempts(w)).toMatchObject([{ status: 'FAILED', openInvoiceId: null }]);
    expect(await createIntent(w)).toMatchObject({ kind: 'intent' });
    expect(provider.allIntents()).toHaveLength(1);
  });

  it('leaves concurrent retries with a single payable intent', async () => {
    const provider = new InMemoryPaymentProvider();
    const w = await world(provider);
    await w.services.providerCustomers.idFor(w.customer.customerId);
    provider.failAfterWork(1);
    await expect(createIntent(w)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => createIntent(w)));
    const handedOut = new Set(outcomes.flatMap((outcome) => (outcome.kind === 'intent' ? [outcome.intent.id] : [])));
    const payable = provider.allIntents().filter((intent) => intent.status !== 'CANCELED');
    expect(payable).toHaveLength(1);
    expect([...handedOut].filter((id) => payable.some((intent) => intent.id === id))).toHaveLength(1);
    expect((await attempts(w)).filter((attempt) => attempt.status === 'OPEN')).toHaveLength(1);
  });
});
