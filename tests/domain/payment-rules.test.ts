/**
 * The payment rules, on the domain services with the in-memory provider behind the port: a real database, no HTTP,
 * no Stripe. What a customer can pay, one open attempt per invoice, a payment recorded exactly once however it is
 * reported, refunds, and an unreachable provider. (The same flows run end to end, over HTTP and against the
 * Stripe emulator, in tests/e2e.)
 */
import { loadConfig } from '../../src/config/config';
import { openDatabase, type Database } from '../../src/db/database';
import { applyMigrations } from '../../src/db/migrator';
import { seedDemo } from '../../src/dev/demo-seed';
import type { PaymentIntentOutcome } from '../../src/domain/payments/payment-results';
import type { CustomerPrincipal } from '../../src/domain/principal';
import { InMemoryPaymentProvider } from '../../src/payments/in-memory-payment-provider';
import { createServices, type Services } from '../../src/services';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-app';

/** Each test gets a database of its own: the reconciliation looks at every unsettled attempt in it. */
let scratch: ScratchDatabase | undefined;
let database: Database;

afterEach(async () => {
  await database?.close();
  await scratch?.drop();
  scratch = undefined;
});

const meta = { ip: '192.0.2.1', requestId: 'domain-test' };

interface World {
  provider: InMemoryPaymentProvider;
  services: Services;
  /** A payment link bound to the demo's open invoice of $499.00. */
  customer: CustomerPrincipal;
  invoiceId: string;
  /** A link for the same customer's whole account, and the customer's other invoice (overdue, $1,925.00). */
  account: CustomerPrincipal;
  otherInvoiceId: string;
}

/** The demo organization's customer and its $499.00 invoice, with services on a provider of our own. */
async function world(provider = new InMemoryPaymentProvider()): Promise<World> {
  scratch = await createScratchDatabase();
  await applyMigrations(scratch.url);
  database = await openDatabase(scratch.url);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: scratch.url, ARGON2_MEMORY_KIB: '8192', ARGON2_TIME_COST: '1' });
  const services = createServices({ db: database.prisma, dbProvider: database.provider, reads: database.reads, config, provider });
  const seed = await seedDemo(services.organizations, services.billing);
  const invoiceId = seed.invoiceIds[1];
  const issued = await services.tokens.issue({ kind: 'operator', organizationId: seed.organizationId }, { customerId: seed.customerId, invoiceId }, null);
  const customer: CustomerPrincipal = { kind: 'customer', tokenId: issued.paymentToken.id, organizationId: seed.organizationId, customerId: seed.customerId, invoiceId };
  const wide = await services.tokens.issue({ kind: 'operator', organizationId: seed.organizationId }, { customerId: seed.customerId }, null);
  const account: CustomerPrincipal = { ...customer, tokenId: wide.paymentToken.id, invoiceId: null };
  await services.usage.close();
  return { provider, services, customer, invoiceId, account, otherInvoiceId: seed.invoiceIds[0] };
}

async function intentOf(w: World, request: { amount?: number } = {}) {
  const outcome = await w.services.checkout.createPaymentIntent(w.customer, request, meta);
  if (outcome.kind !== 'intent') throw new Error(`expected an intent, got ${outcome.code}`);
  return outcome.intent;
}

const invoice = (w: World) => w.services.portal.invoice(w.customer);
const attempts = (w: World) => database.prisma.paymentAttempt.findMany({ where: { invoiceId: w.invoiceId }, orderBy: { createdAt: 'asc' } });
const payments = (w: World) => database.prisma.payment.findMany({ where: { invoiceId: w.invoiceId } });

describe('what a customer can pay', () => {
  it.each<[string, { amount?: number; currency?: string }, Partial<PaymentIntentOutcome>]>([
    ['more than is due', { amount: 49_901 }, { code: 'AMOUNT_EXCEEDS_BALANCE', amountDue: { amount: 49_900, currency: 'usd' } } as never],
    ['nothing', { amount: 0 }, { code: 'INVALID_AMOUNT' } as never],
    ['a negative amount', { amount: -1 }, { code: 'INVALID_AMOUNT' } as never],
    ['a fraction of a cent', { amount: 10.5 }, { code: 'INVALID_AMOUNT' } as never],
    ["below the provider's minimum", { amount: 49 }, { code: 'AMOUNT_BELOW_MINIMUM', minimum: { amount: 50, currency: 'usd' } } as never],
    ['in another currency', { currency: 'EUR' }, { code: 'CURRENCY_MISMATCH', expectedCurrency: 'usd' } as never],
  ])('refuses %s before anything is written or sent', async (_case, request, expected) => {
    const w = await world();
    expect(await w.services.checkout.createPaymentIntent(w.customer, request, meta)).toMatchObject({ kind: 'error', ...expected });
    expect(await attempts(w)).toEqual([]);
    expect(w.provider.calls).toEqual([]);
  });

  it("takes the minimum from the provider's rules, not from a table of the domain's", async () => {
    const w = await world(new InMemoryPaymentProvider({ rules: { minimumCharge: () => 1_000 } }));
    expect(await w.services.checkout.createPaymentIntent(w.customer, { amount: 999 }, meta)).toMatchObject({ code: 'AMOUNT_BELOW_MINIMUM', minimum: { amount: 1_000 } });
    expect((await intentOf(w, { amount: 1_000 })).amount).toEqual({ amount: 1_000, currency: 'usd' });
  });

  it('reports an amount the provider itself refuses as below its minimum, and closes the attempt', async () => {
    const provider = new InMemoryPaymentProvider();
    provider.acceptsFrom = 100;
    const w = await world(provider);
    expect(await w.services.checkout.createPaymentIntent(w.customer, { amount: 60 }, meta)).toMatchObject({ code: 'AMOUNT_BELOW_MINIMUM', minimum: { amount: 50 } });
    expect(await attempts(w)).toMatchObject([{ status: 'FAILED', openInvoiceId: null, lastError: 'amount_too_small' }]);
  });

  it('defaults to all that is due, and refuses a paid invoice', async () => {
    const w = await world();
    const intent = await intentOf(w);
    expect(intent.amount).toEqual({ amount: 49_900, currency: 'usd' });
    w.provider.browser(intent.id, { kind: 'succeed' });
    await w.services.checkout.confirmPayment(w.customer, intent.id, meta);
    expect(await w.services.checkout.createPaymentIntent(w.customer, {}, meta)).toMatchObject({ code: 'INVOICE_NOT_PAYABLE', invoiceStatus: 'PAID' });
  });
});

describe('one open attempt per invoice', () => {
  it('reuses the open intent when asked again for the same payment', async () => {
    const w = await world();
    const first = await intentOf(w, { amount: 10_000 });
    const again = await intentOf(w, { amount: 10_000 });
    expect(again.id).toBe(first.id);
    expect(await attempts(w)).toHaveLength(1);
  });

  it('cancels and replaces the open intent when the amount changes', async () => {
    const w = await world();
    const first = await intentOf(w, { amount: 10_000 });
    const second = await intentOf(w, { amount: 20_000 });
    expect(second.id).not.toBe(first.id);
    expect(await attempts(w)).toMatchObject([{ status: 'CANCELED', openInvoiceId: null }, { status: 'OPEN', openInvoiceId: w.invoiceId }]);
    expect((await w.provider.retrieveIntent(first.id)).status).toBe('CANCELED');
  });

  it('gives every one of many concurrent requests the same intent', async () => {
    const w = await world();
    const intents = await Promise.all(Array.from({ length: 8 }, () => intentOf(w, { amount: 5_000 })));
    expect(new Set(intents.map((i) => i.id)).size).toBe(1);
    expect((await attempts(w)).filter((a) => a.status === 'OPEN')).toHaveLength(1);
    expect(w.provider.allIntents()).toHaveLength(1);
  });

  it('says a payment is in progress while the open one is processing, rather than starting another', async () => {
    const w = await world();
    const first = await intentOf(w, { amount: 10_000 });
    w.provider.browser(first.id, { kind: 'processing' });
    expect(await w.services.checkout.createPaymentIntent(w.customer, { amount: 20_000 }, meta)).toMatchObject({ code: 'PAYMENT_IN_PROGRESS' });
    expect(w.provider.allIntents()).toHaveLength(1);
  });

  it('records the open intent instead of replacing it when it succeeded meanwhile', async () => {
    const w = await world();
    const first = await intentOf(w, { amount: 10_000 });
    w.provider.browser(first.id, { kind: 'succeed' });
    const second = await intentOf(w, { amount: 20_000 });
    expect(second.id).not.toBe(first.id);
    expect(await payments(w)).toMatchObject([{ providerIntentId: first.id, amount: 10_000 }]);
    expect((await invoice(w)).amountDue.amount).toBe(39_900);
  });
});

describe('a payment is recorded exactly once', () => {
  it('whether the browser, a webhook or the reconciliation reports it first, and however often', async () => {
    const w = await world();
    const intent = await intentOf(w);
    w.provider.browser(intent.id, { kind: 'succeed', card: 'card_mastercard' });
    const event = w.provider.event(intent.id);

    const results = await Promise.all([
      w.services.checkout.confirmPayment(w.customer, intent.id, meta),
      w.services.checkout.confirmPayment(w.customer, intent.id, meta),
      w.services.webhooks.handle(event),
      w.services.webhooks.handle(event),
      w.services.reconciliation.reconcile(),
    ]);

    expect(await payments(w)).toMatchObject([{ amount: 49_900, paymentMethodBrand: 'mastercard', paymentMethodLast4: '4444', overpaidAmount: 0 }]);
    expect(results[0]).toMatchObject({ kind: 'payment', payment: { amount: { amount: 49_900, currency: 'usd' }, cardLast4: '4444' } });
    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect(await database.prisma.auditLog.count({ where: { action: 'PAYMENT_RECORDED', details: { contains: intent.id } } })).toBe(1);
  });

  it('records nothing for a decline, and the same intent can then succeed with another card', async () => {
    const w = await world();
    const intent = await intentOf(w);
    w.provider.browser(intent.id, { kind: 'decline', code: 'insufficient_funds' });
    expect(await w.services.checkout.confirmPayment(w.customer, intent.id, meta)).toMatchObject({ code: 'PAYMENT_DECLINED', declineCode: 'insufficient_funds' });
    expect(await payments(w)).toEqual([]);

    w.provider.browser(intent.id, { kind: 'succeed' });
    expect(await w.services.checkout.confirmPayment(w.customer, intent.id, meta)).toMatchObject({ kind: 'payment' });
  });

  it('asks for 3-D Secure and keeps processing payments pending, recording neither', async () => {
    const w = await world();
    const intent = await intentOf(w);
    w.provider.browser(intent.id, { kind: 'require_action' });
    expect(await w.services.checkout.confirmPayment(w.customer, intent.id, meta)).toMatchObject({ kind: 'requires_action', paymentIntentId: intent.id, clientSecret: intent.clientSecret });
    w.provider.browser(intent.id, { kind: 'processing' });
    expect(await w.services.checkout.confirmPayment(w.customer, intent.id, meta)).toMatchObject({ kind: 'pending', status: 'PROCESSING' });
    expect(await payments(w)).toEqual([]);
  });

  it('flags money received beyond what was due, never dropping it', async () => {
    const w = await world();
    const first = await intentOf(w, { amount: 40_000 });
    w.provider.browser(first.id, { kind: 'succeed' });
    // The invoice was paid in full elsewhere meanwhile (e.g. a second tab); the provider still took the money.
    await database.prisma.invoice.update({ where: { id: w.invoiceId }, data: { amountPaid: 20_000 } });
    await w.services.settlement.applyIntent(await w.provider.retrieveIntent(first.id));
    expect(await payments(w)).toMatchObject([{ amount: 40_000, overpaidAmount: 10_100 }]);
    expect((await invoice(w)).status).toBe('PAID');
  });
});

describe('refunds', () => {
  it('lower amountPaid once per step up in the refunded total, however events repeat or reorder', async () => {
    const w = await world();
    const intent = await intentOf(w);
    w.provider.browser(intent.id, { kind: 'succeed' });
    await w.services.checkout.confirmPayment(w.customer, intent.id, meta);
    const first = w.provider.refund(intent.id, 10_000);
    const second = w.provider.refund(intent.id, 5_000);
    const recover = (id: string) => w.provider.retrieveIntent(id);

    for (const refund of [second, first, second, first]) await w.services.settlement.applyRefund(refund, recover);

    expect(await payments(w)).toMatchObject([{ amountRefunded: 15_000, status: 'PARTIALLY_REFUNDED' }]);
    expect((await invoice(w)).amountPaid.amount).toBe(49_900 - 15_000);
    // A refund on a paid invoice does not reopen it.
    expect((await invoice(w)).status).toBe('PAID');
  });

  it('record the payment first when the refund is reported before it', async () => {
    const w = await world();
    const intent = await intentOf(w);
    w.provider.browser(intent.id, { kind: 'succeed' });
    await w.services.settlement.applyRefund(w.provider.refund(intent.id, 49_900), (id) => w.provider.retrieveIntent(id));
    expect(await payments(w)).toMatchObject([{ amount: 49_900, amountRefunded: 49_900, status: 'REFUNDED' }]);
    expect((await invoice(w)).amountPaid.amount).toBe(0);
  });
});

describe('when the provider cannot be reached', () => {
  it('fails as PAYMENT_PROVIDER_UNAVAILABLE, keeps the attempt, and resumes it with the same key', async () => {
    const w = await world();
    await w.services.providerCustomers.idFor(w.customer.customerId);
    w.provider.goDown(1);
    await expect(w.services.checkout.createPaymentIntent(w.customer, {}, meta)).rejects.toMatchObject({ name: 'DomainError', code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    expect(await attempts(w)).toMatchObject([{ status: 'CREATING', providerIntentId: null }]);

    const intent = await intentOf(w);
    expect(w.provider.allIntents().map((i) => i.id)).toEqual([intent.id]);
    expect(await attempts(w)).toMatchObject([{ status: 'OPEN', providerIntentId: intent.id }]);
  });

  it('finds the intent whose answer was lost, so a later success is recorded by the reconciliation', async () => {
    const w = await world();
    await w.services.providerCustomers.idFor(w.customer.customerId);
    w.provider.loseAnswers(1);
    await expect(w.services.checkout.createPaymentIntent(w.customer, {}, meta)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    // The intent exists at the provider, and the customer paid it (say, from a retry in another tab).
    const [lost] = w.provider.allIntents();
    w.provider.browser(lost.id, { kind: 'succeed' });

    expect(await w.services.reconciliation.reconcile()).toMatchObject({ recorded: 1 });
    expect(await payments(w)).toMatchObject([{ providerIntentId: lost.id, amount: 49_900 }]);
    expect(w.provider.allIntents()).toHaveLength(1);
  });

  it('closes an attempt left unanswered past the provider\'s idempotency window instead of resuming it', async () => {
    const w = await world(new InMemoryPaymentProvider({ rules: { idempotencyWindowMs: 60_000 } }));
    await w.services.providerCustomers.idFor(w.customer.customerId);
    w.provider.goDown(1);
    await expect(w.services.checkout.createPaymentIntent(w.customer, {}, meta)).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    await database.prisma.paymentAttempt.updateMany({ where: { invoiceId: w.invoiceId }, data: { createdAt: new Date(Date.now() - 120_000) } });

    expect(await w.services.reconciliation.reconcile()).toMatchObject({ closed: 1 });
    expect(await attempts(w)).toMatchObject([{ status: 'FAILED', lastError: 'abandoned before the provider answered' }]);
    expect(w.provider.allIntents()).toEqual([]);
  });
});

describe('a link bound to one invoice', () => {
  /** A $100.00 payment on the invoice, through the link for the whole account. */
  async function paid(w: World, invoiceId: string) {
    const outcome = await w.services.checkout.createPaymentIntent(w.account, { invoiceId, amount: 10_000 }, meta);
    if (outcome.kind !== 'intent') throw new Error(`expected an intent, got ${outcome.code}`);
    w.provider.browser(outcome.intent.id, { kind: 'succeed' });
    await w.services.checkout.confirmPayment(w.account, outcome.intent.id, meta);
  }

  it("sees the balance and the payments of its invoice, never those of the customer's other invoices", async () => {
    const w = await world();
    await paid(w, w.otherInvoiceId);
    await paid(w, w.invoiceId);

    expect(await w.services.portal.balance(w.customer)).toEqual({
      totalOutstanding: { amount: 39_900, currency: 'usd' },
      overdue: { amount: 0, currency: 'usd' },
      openInvoiceCount: 1,
    });
    expect((await w.services.portal.paymentHistory(w.customer)).payments.map(({ payment }) => payment.invoiceId)).toEqual([w.invoiceId]);
    // The link for the whole account still sees both.
    expect(await w.services.portal.balance(w.account)).toMatchObject({ totalOutstanding: { amount: 242_400 - 20_000 }, openInvoiceCount: 2 });
    expect((await w.services.portal.paymentHistory(w.account)).payments).toHaveLength(2);
  });

  it('pays with a saved card, but adds, removes or changes the default card only through a link for the whole account', async () => {
    const w = await world();
    const saved = await w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_visa' }, meta);
    if (saved.kind !== 'method') throw new Error(`expected a saved card, got ${saved.code}`);
    const cards = () => database.prisma.paymentMethod.findMany({ orderBy: { id: 'asc' } });
    const before = await cards();
    const callsBefore = w.provider.calls.length;

    const refusals = [
      await w.services.paymentMethods.add(w.customer, { providerPaymentMethodId: 'card_mastercard', setAsDefault: true }, meta),
      await w.services.paymentMethods.setDefault(w.customer, saved.method.id, meta),
      await w.services.paymentMethods.remove(w.customer, saved.method.id, meta),
    ];
    for (const refusal of refusals) expect(refusal).toMatchObject({ kind: 'error', code: 'CARD_MANAGEMENT_NOT_ALLOWED' });
    expect(await cards()).toEqual(before);
    expect(w.provider.calls.length).toBe(callsBefore);

    // Using the card to pay its own invoice is what the link is for.
    expect(await w.services.portal.paymentMethods(w.customer)).toMatchObject([{ id: saved.method.id, isDefault: true }]);
    const outcome = await w.services.checkout.createPaymentIntent(w.customer, { paymentMethodId: saved.method.id }, meta);
    expect(outcome).toMatchObject({ kind: 'intent', intent: { amount: { amount: 49_900 } } });
    expect(await attempts(w)).toMatchObject([{ paymentMethodId: 'card_visa' }]);
  });
});

describe('no payment leaves an invoice that cannot be paid', () => {
  /** What is due on the bound invoice, the rest having been paid outside the portal (say, by bank transfer). */
  const owing = (w: World, due: number) => database.prisma.invoice.update({ where: { id: w.invoiceId }, data: { amountPaid: 49_900 - due } });

  it('refuses a part that would leave less than the minimum charge, and says what can be paid instead', async () => {
    const w = await world();
    expect(await w.services.checkout.createPaymentIntent(w.customer, { amount: 49_860 }, meta)).toMatchObject({
      code: 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER',
      amountDue: { amount: 49_900, currency: 'usd' },
      maximumPartial: { amount: 49_850, currency: 'usd' },
      minimum: { amount: 50, currency: 'usd' },
    });
    expect(await attempts(w)).toEqual([]);
    expect(w.provider.calls).toEqual([]);
    // The invoice says the same before anything is sent.
    expect(await invoice(w)).toMatchObject({ payableOnline: true, minimumPayment: { amount: 50 }, maximumPayment: { amount: 49_900 }, maximumPartialPayment: { amount: 49_850 } });
    expect((await intentOf(w, { amount: 49_850 })).amount.amount).toBe(49_850);
  });

  it('takes only all that is due when any smaller part would leave too little', async () => {
    const w = await world();
    await owing(w, 80);
    expect(await invoice(w)).toMatchObject({ payableOnline: true, minimumPayment: { amount: 80 }, maximumPayment: { amount: 80 }, maximumPartialPayment: null });
    expect(await w.services.checkout.createPaymentIntent(w.customer, { amount: 50 }, meta)).toMatchObject({ code: 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER', maximumPartial: null });
    expect(await w.services.checkout.createPaymentIntent(w.customer, { amount: 40 }, meta)).toMatchObject({ code: 'AMOUNT_BELOW_MINIMUM', minimum: { amount: 80 } });
    expect(await attempts(w)).toEqual([]);
    expect((await intentOf(w)).amount.amount).toBe(80);
  });

  it.each([
    ['all that is due', {}],
    ['the amount due', { amount: 30 }],
    ['the minimum charge', { amount: 50 }],
  ])('says an invoice with less due than the minimum charge cannot be paid online, whatever is asked (%s)', async (_case, request) => {
    const w = await world();
    await owing(w, 30);
    expect(await invoice(w)).toMatchObject({ payableOnline: false, amountDue: { amount: 30 }, minimumPayment: { amount: 50 }, maximumPayment: { amount: 0 }, maximumPartialPayment: null });
    expect(await w.services.checkout.createPaymentIntent(w.customer, request, meta)).toMatchObject({
      code: 'INVOICE_NOT_PAYABLE_ONLINE',
      amountDue: { amount: 30, currency: 'usd' },
      minimum: { amount: 50, currency: 'usd' },
    });
    expect(await attempts(w)).toEqual([]);
    expect(w.provider.calls).toEqual([]);
  });

  it('refuses more than the largest single charge, never as a decline, and takes the invoice in parts', async () => {
    const w = await world(new InMemoryPaymentProvider({ rules: { maximumCharge: () => 20_000 } }));
    expect(await invoice(w)).toMatchObject({ maximumPayment: { amount: 20_000 }, maximumPartialPayment: { amount: 20_000 } });
    expect(await w.services.checkout.createPaymentIntent(w.customer, {}, meta)).toMatchObject({ code: 'AMOUNT_ABOVE_MAXIMUM', maximum: { amount: 20_000, currency: 'usd' } });
    expect(w.provider.calls).toEqual([]);

    for (const part of [20_000, 20_000, 9_900]) {
      const intent = await intentOf(w, { amount: part });
      w.provider.browser(intent.id, { kind: 'succeed' });
      expect(await w.services.checkout.confirmPayment(w.customer, intent.id, meta)).toMatchObject({ kind: 'payment' });
    }
    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
  });

  it('reports an amount the provider itself refuses as too large as above the maximum, and closes the attempt', async () => {
    const provider = new InMemoryPaymentProvider();
    provider.acceptsUpTo = 10_000;
    const w = await world(provider);
    expect(await w.services.checkout.createPaymentIntent(w.customer, { amount: 20_000 }, meta)).toMatchObject({ code: 'AMOUNT_ABOVE_MAXIMUM', maximum: { amount: 99_999_999 } });
    expect(await attempts(w)).toMatchObject([{ status: 'FAILED', openInvoiceId: null, lastError: 'amount_too_large' }]);
  });
});

describe('amounts stay within what a money column holds', () => {
  const LARGEST = 2 ** 31 - 1;

  /** A $100.00 payment the customer completed, reported while amountPaid (set outside the portal) is already `paidBefore`. */
  async function succeededWith(w: World, paidBefore: number) {
    const intent = await intentOf(w, { amount: 10_000 });
    w.provider.browser(intent.id, { kind: 'succeed' });
    await database.prisma.invoice.update({ where: { id: w.invoiceId }, data: { amountPaid: paidBefore } });
    return intent;
  }

  it('records a payment that brings amountPaid to the largest stored amount', async () => {
    const w = await world();
    const intent = await succeededWith(w, LARGEST - 10_000);
    expect(await w.services.checkout.confirmPayment(w.customer, intent.id, meta)).toMatchObject({ kind: 'payment' });
    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: LARGEST }, amountDue: { amount: 0 } });
  });

  it('refuses, loudly and on both databases alike, a payment that would take amountPaid beyond it, recording nothing', async () => {
    const w = await world();
    const intent = await succeededWith(w, LARGEST - 9_999);
    await expect(w.services.checkout.confirmPayment(w.customer, intent.id, meta)).rejects.toMatchObject({
      name: 'StoredAmountOverflowError',
      message: expect.stringContaining(`beyond the largest stored amount (${LARGEST})`),
    });
    // The webhook that reports it keeps it unprocessed, with the reason, for the provider to deliver again.
    const event = w.provider.event(intent.id);
    await expect(w.services.webhooks.handle(event)).rejects.toMatchObject({ name: 'StoredAmountOverflowError' });
    expect(await database.prisma.webhookEvent.findUnique({ where: { id: event.id } })).toMatchObject({ processedAt: null, lastError: expect.stringContaining('not recorded') });
    expect(await payments(w)).toEqual([]);
    expect(await invoice(w)).toMatchObject({ status: 'OPEN', amountPaid: { amount: LARGEST - 9_999 } });
  });
});
