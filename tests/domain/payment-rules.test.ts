/**
 * The payment rules, on the domain services with the in-memory provider behind the port: a real database, no HTTP,
 * no Stripe. What a customer can pay, one open attempt per invoice, a payment recorded exactly once however it is
 * reported, refunds, an unreachable provider, and money after the payment: disputes and refunds followed by the
 * provider's ids in every order we worry about, admins refunding and voiding. (The same flows run end to end, over
 * HTTP and against the Stripe emulator, in tests/e2e.)
 */
import { loadConfig } from '../../src/config/config';
import { openDatabase, type Database } from '../../src/db/database';
import { seedDemo } from '../../src/dev/demo-seed';
import type { RefundRequest } from '../../src/domain/payments/payment-admin.service';
import type { PaymentIntentOutcome } from '../../src/domain/payments/payment-results';
import type { AdminPrincipal, CustomerPrincipal } from '../../src/domain/principal';
import { InMemoryPaymentProvider } from '../../src/payments/in-memory-payment-provider';
import type { ProviderDispute } from '../../src/payments/payment-provider.port';
import { createServices, type Services } from '../../src/services';
import { createMigratedDatabase, type ScratchDatabase } from '../support/test-app';

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
  scratch = await createMigratedDatabase();
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

// ---- Money after the payment: disputes, refunds by the provider's id, admins acting on money ----

/** An admin of the demo organization, as the API hands one to the services. */
const adminOf = (w: World): AdminPrincipal => ({ kind: 'admin', adminKeyId: 'key_domain_test', organizationId: w.customer.organizationId });

/** The bound $499.00 invoice paid in full through the portal; the payment and its intent. */
async function paidInFull(w: World, amount?: number) {
  const intent = await intentOf(w, amount ? { amount } : {});
  w.provider.browser(intent.id, { kind: 'succeed' });
  const outcome = await w.services.checkout.confirmPayment(w.customer, intent.id, meta);
  if (outcome.kind !== 'payment') throw new Error(`expected a payment, got ${outcome.kind}`);
  return { intentId: intent.id, paymentId: outcome.payment.id };
}

const paymentRow = (paymentId: string) => database.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
const auditActions = async (targetId: string, prefix: string) =>
  (await database.prisma.auditLog.findMany({ where: { targetId, action: { startsWith: prefix } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((row) => row.action);

/** Every order of a list (small lists only). */
function orders<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('disputes', () => {
  it('take the disputed funds out of amountPaid and reopen a paid invoice for them; a won dispute pays it again', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const dispute = w.provider.openDispute(intentId);
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute, 'charge.dispute.created'));
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute, 'charge.dispute.funds_withdrawn'));

    expect(await invoice(w)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 0 }, amountDue: { amount: 49_900 }, payableOnline: true });
    const [disputed] = (await w.services.portal.paymentHistory(w.customer)).payments;
    expect(disputed.payment).toMatchObject({ status: 'DISPUTED', amountDisputed: { amount: 49_900, currency: 'usd' }, amountRefunded: { amount: 0 } });

    w.provider.updateDispute(dispute.id, { status: 'UNDER_REVIEW' });
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute.id, 'charge.dispute.updated'));
    w.provider.updateDispute(dispute.id, { status: 'WON' });
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute.id, 'charge.dispute.closed'));
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute.id, 'charge.dispute.funds_reinstated'));

    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'SUCCEEDED', amountDisputed: 0 });
    expect(await database.prisma.dispute.findMany({ where: { paymentId } })).toMatchObject([{ status: 'WON', amountWithdrawn: 49_900, amountReinstated: 49_900 }]);
    expect(await auditActions(paymentId, 'DISPUTE_')).toEqual(['DISPUTE_OPENED', 'DISPUTE_FUNDS_WITHDRAWN', 'DISPUTE_UPDATED', 'DISPUTE_CLOSED', 'DISPUTE_FUNDS_REINSTATED']);
    const withdrawn = await database.prisma.auditLog.findFirstOrThrow({ where: { targetId: paymentId, action: 'DISPUTE_FUNDS_WITHDRAWN' } });
    expect(JSON.parse(withdrawn.details!)).toMatchObject({ disputeId: dispute.id, amount: 49_900, invoiceStatus: 'OPEN', invoiceAmountPaid: 0, invoiceReopened: true });
  });

  it('lost, leave the invoice open for what the bank took, which the customer can pay again', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const dispute = w.provider.openDispute(intentId, { amount: 20_000, reason: 'product_not_received' });
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute, 'charge.dispute.created'));
    w.provider.updateDispute(dispute.id, { status: 'LOST' });
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute.id, 'charge.dispute.closed'));

    expect(await invoice(w)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 29_900 }, amountDue: { amount: 20_000 } });
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'DISPUTED', amountDisputed: 20_000 });

    const again = await intentOf(w);
    expect(again.amount.amount).toBe(20_000);
    w.provider.browser(again.id, { kind: 'succeed' });
    await w.services.checkout.confirmPayment(w.customer, again.id, meta);
    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
  });

  /** A dispute's whole life, won: the events Stripe sends, each a snapshot of the dispute when it was sent. */
  function wonDisputeEvents(w: World, intentId: string) {
    const opened = w.provider.openDispute(intentId);
    const review = w.provider.updateDispute(opened.id, { status: 'UNDER_REVIEW' });
    const won = w.provider.updateDispute(opened.id, { status: 'WON' });
    return [
      w.provider.disputeEvent(opened, 'charge.dispute.created'),
      w.provider.disputeEvent(opened, 'charge.dispute.funds_withdrawn'),
      w.provider.disputeEvent(review, 'charge.dispute.updated'),
      w.provider.disputeEvent(won, 'charge.dispute.closed'),
      w.provider.disputeEvent(won, 'charge.dispute.funds_reinstated'),
    ];
  }

  it('end the same whatever order their events arrive in, each applied once (every order of a won dispute, duplicated)', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const events = wonDisputeEvents(w, intentId);
    const expected = { status: 'WON', amountWithdrawn: 49_900, amountReinstated: 49_900 };
    // One payment per order would take a world each: the same events, with fresh ids, on one payment whose disputes
    // are cleared between orders (the payment's figures are recomputed from them).
    for (const order of orders([0, 1, 2, 3, 4])) {
      await database.prisma.dispute.deleteMany({ where: { paymentId } });
      for (const i of [...order, ...order]) await w.services.settlement.applyDispute((events[i] as { dispute: ProviderDispute }).dispute, (id) => w.provider.retrieveIntent(id));
      expect(await database.prisma.dispute.findMany({ where: { paymentId } })).toMatchObject([expected]);
      expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
    }
  });

  it.each([
    ['funds_withdrawn arriving after closed (won)', ['charge.dispute.created', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn'], 'PAID', 49_900],
    ['funds_reinstated arriving before funds_withdrawn', ['charge.dispute.funds_reinstated', 'charge.dispute.funds_withdrawn', 'charge.dispute.created'], 'PAID', 49_900],
    ['closed (lost) before created, then created again', ['charge.dispute.closed', 'charge.dispute.created', 'charge.dispute.created'], 'OPEN', 0],
  ])('are applied once with %s', async (_case, types, invoiceStatus, amountPaid) => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const opened = w.provider.openDispute(intentId);
    const outcome = types.includes('charge.dispute.funds_reinstated') || amountPaid > 0 ? 'WON' : 'LOST';
    const closed = w.provider.updateDispute(opened.id, { status: outcome });
    const snapshotOf = (type: string) => (type === 'charge.dispute.created' ? opened : closed);
    for (const type of types) await w.services.webhooks.handle(w.provider.disputeEvent(snapshotOf(type), type));

    expect(await invoice(w)).toMatchObject({ status: invoiceStatus, amountPaid: { amount: amountPaid } });
    expect(await database.prisma.dispute.findMany({ where: { paymentId } })).toMatchObject([{ status: outcome }]);
    expect((await auditActions(paymentId, 'DISPUTE_FUNDS_WITHDRAWN')).length).toBe(1);
  });

  it('count each of two disputes on one payment, and an inquiry moves no money', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const inquiry = w.provider.openDispute(intentId, { status: 'INQUIRY_NEEDS_RESPONSE', fundsWithdrawn: false, amount: 10_000 });
    await w.services.webhooks.handle(w.provider.disputeEvent(inquiry, 'charge.dispute.created'));
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'DISPUTED', amountDisputed: 0 });
    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });

    const first = w.provider.openDispute(intentId, { amount: 10_000 });
    const second = w.provider.openDispute(intentId, { amount: 15_000 });
    for (const d of [first, second]) await w.services.webhooks.handle(w.provider.disputeEvent(d, 'charge.dispute.funds_withdrawn'));
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'DISPUTED', amountDisputed: 25_000 });
    expect(await invoice(w)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 24_900 }, amountDue: { amount: 25_000 } });

    w.provider.updateDispute(first.id, { status: 'WON' });
    await w.services.webhooks.handle(w.provider.disputeEvent(first.id, 'charge.dispute.closed'));
    w.provider.updateDispute(inquiry.id, { status: 'INQUIRY_CLOSED' });
    await w.services.webhooks.handle(w.provider.disputeEvent(inquiry.id, 'charge.dispute.closed'));
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'DISPUTED', amountDisputed: 15_000 });
    expect(await invoice(w)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 34_900 }, amountDue: { amount: 15_000 } });
  });

  it('on a partially paid invoice raise what is due by the disputed amount, and first record a payment reported only by its dispute', async () => {
    const w = await world();
    const intent = await intentOf(w, { amount: 20_000 });
    w.provider.browser(intent.id, { kind: 'succeed' });
    // Neither the browser nor the payment's webhook came back: the dispute is the first we hear of it.
    const dispute = w.provider.openDispute(intent.id);
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute, 'charge.dispute.funds_withdrawn'));
    expect(await payments(w)).toMatchObject([{ providerIntentId: intent.id, amount: 20_000, amountDisputed: 20_000, status: 'DISPUTED' }]);
    expect(await invoice(w)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 0 }, amountDue: { amount: 49_900 } });
  });
});

describe('refunds by the provider\'s id', () => {
  it.each([
    ['after', false],
    ['before', true],
  ])('a refund that fails after succeeding gives the money back to amountPaid (its failure reported %s its creation)', async (_case, failedFirst) => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const refund = w.provider.dashboardRefund(intentId, 10_000);
    const created = w.provider.refundEvent(refund.id, 'refund.created');
    w.provider.setRefundStatus(refund.id, 'FAILED', 'expired_or_canceled_card');
    const failed = w.provider.refundEvent(refund.id, 'refund.failed');
    for (const event of failedFirst ? [failed, created, failed] : [created, failed, created]) await w.services.webhooks.handle(event);

    expect(await database.prisma.refund.findMany({ where: { paymentId } })).toMatchObject([{ providerRefundId: refund.id, status: 'FAILED', failureReason: 'expired_or_canceled_card', amount: 10_000 }]);
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'SUCCEEDED', amountRefunded: 0 });
    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
    expect(await auditActions(paymentId, 'REFUND_')).toEqual(failedFirst ? ['REFUND_FAILED'] : ['REFUND_RECORDED', 'REFUND_FAILED']);
  });

  it('partial refunds end in the same state in every order, duplicated, with the charge\'s totals in between', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const first = w.provider.dashboardRefund(intentId, 10_000, 'PENDING');
    const second = w.provider.dashboardRefund(intentId, 5_000);
    const events = [
      w.provider.refundEvent(first.id, 'refund.created'),
      w.provider.refundEvent(second.id, 'refund.created'),
      w.provider.refundTotalEvent(intentId),
      (w.provider.setRefundStatus(first.id, 'SUCCEEDED'), w.provider.refundEvent(first.id, 'charge.refund.updated')),
    ];
    for (const order of orders([0, 1, 2, 3])) {
      await database.prisma.refund.deleteMany({ where: { paymentId } });
      for (const i of [...order, ...order]) {
        const event = events[i];
        if (event.kind === 'refund_changed') await w.services.settlement.applyRefundChange(event.refund, (id) => w.provider.retrieveIntent(id));
        if (event.kind === 'refund') await w.services.settlement.applyRefund(event.refund, (id) => w.provider.retrieveIntent(id));
      }
      const rows = await database.prisma.refund.findMany({ where: { paymentId }, orderBy: { amount: 'asc' } });
      expect(rows.map((r) => [r.providerRefundId, r.amount, r.status])).toEqual([
        [second.id, 5_000, 'SUCCEEDED'],
        [first.id, 10_000, 'SUCCEEDED'],
      ]);
      expect(await paymentRow(paymentId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', amountRefunded: 15_000 });
      expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 34_900 }, amountDue: { amount: 0 } });
    }
  });

  it('a pending refund counts at once, and a canceled one gives the money back', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const refund = w.provider.dashboardRefund(intentId, 9_900, 'PENDING');
    await w.services.webhooks.handle(w.provider.refundEvent(refund.id, 'refund.created'));
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', amountRefunded: 9_900 });
    expect((await invoice(w)).amountPaid.amount).toBe(40_000);
    w.provider.setRefundStatus(refund.id, 'CANCELED');
    await w.services.webhooks.handle(w.provider.refundEvent(refund.id, 'refund.updated'));
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'SUCCEEDED', amountRefunded: 0 });
    expect((await invoice(w)).amountPaid.amount).toBe(49_900);
  });

  it('money refunded is not owed again: a refund on a partly paid invoice leaves what is due as it was', async () => {
    const w = await world();
    const { intentId } = await paidInFull(w, 20_000);
    expect((await invoice(w)).amountDue.amount).toBe(29_900);
    const refund = w.provider.dashboardRefund(intentId, 5_000);
    await w.services.webhooks.handle(w.provider.refundEvent(refund.id, 'refund.created'));
    expect(await invoice(w)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 15_000 }, amountDue: { amount: 29_900 } });
    expect(await w.services.portal.balance(w.customer)).toMatchObject({ totalOutstanding: { amount: 29_900 } });
  });

  it('legacy rows (keyed by the charge\'s refunded total) stay counted, and are replaced by the provider\'s refunds once one is heard of', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    // Recorded before this version, from charge.refunded's totals: $100.00, then $50.00 more.
    const old = w.provider.dashboardRefund(intentId, 10_000);
    const older = w.provider.dashboardRefund(intentId, 5_000);
    await database.prisma.refund.createMany({
      data: [
        { paymentId, legacyKey: `${intentId}:10000`, amount: 10_000, currency: 'usd', status: 'SUCCEEDED' },
        { paymentId, legacyKey: `${intentId}:15000`, amount: 5_000, currency: 'usd', status: 'SUCCEEDED' },
      ],
    });
    await database.prisma.payment.update({ where: { id: paymentId }, data: { amountRefunded: 15_000, status: 'PARTIALLY_REFUNDED' } });
    await database.prisma.invoice.update({ where: { id: w.invoiceId }, data: { amountPaid: 34_900, amountRefunded: 15_000 } });

    // A charge.refunded for what is already counted changes nothing, and asks the provider nothing.
    const calls = w.provider.calls.length;
    await w.services.settlement.applyRefund({ paymentIntentId: intentId, amountRefunded: 15_000, currency: 'usd' }, (id) => w.provider.retrieveIntent(id));
    expect(w.provider.calls.length).toBe(calls);

    // The older refund fails: its event names a refund the legacy rows cannot; the provider's list replaces them.
    w.provider.setRefundStatus(older.id, 'FAILED', 'lost_or_stolen_card');
    await w.services.webhooks.handle(w.provider.refundEvent(older.id, 'refund.failed'));
    const rows = await database.prisma.refund.findMany({ where: { paymentId }, orderBy: { amount: 'asc' } });
    expect(rows.map((r) => [r.providerRefundId, r.legacyKey, r.status])).toEqual([
      [older.id, null, 'FAILED'],
      [old.id, null, 'SUCCEEDED'],
    ]);
    expect(await paymentRow(paymentId)).toMatchObject({ amountRefunded: 10_000 });
    expect(await invoice(w)).toMatchObject({ amountPaid: { amount: 39_900 } });
    expect(await auditActions(paymentId, 'REFUNDS_RESYNCED')).toEqual(['REFUNDS_RESYNCED']);
  });
});

describe('admins refund', () => {
  const refund = (w: World, paymentId: string, input: Partial<RefundRequest> = {}) =>
    w.services.paymentAdmin.refundPayment(adminOf(w), { paymentId, reason: 'REQUESTED_BY_CUSTOMER', ...input }, meta);

  it('part of a payment, then the rest, then refuses one too many', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    expect(await refund(w, paymentId, { amount: 10_000, note: 'Late delivery' })).toMatchObject({
      kind: 'refund',
      refund: { status: 'SUCCEEDED', amount: { amount: 10_000 }, reason: 'REQUESTED_BY_CUSTOMER', note: 'Late delivery', providerRefundId: expect.stringMatching(/^re_/) },
    });
    expect(await refund(w, paymentId, { amount: 40_000 })).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', refundable: { amount: 39_900, currency: 'usd' } });
    expect(await refund(w, paymentId)).toMatchObject({ kind: 'refund', refund: { amount: { amount: 39_900 } } });
    expect(await refund(w, paymentId, { amount: 1 })).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', refundable: { amount: 0 } });

    expect(await paymentRow(paymentId)).toMatchObject({ status: 'REFUNDED', amountRefunded: 49_900 });
    expect(await invoice(w)).toMatchObject({ status: 'PAID', amountPaid: { amount: 0 }, amountDue: { amount: 0 } });
    expect(w.provider.refundsOf(intentId).map((r) => r.amount)).toEqual([10_000, 39_900]);
    expect(await auditActions(paymentId, 'REFUND_')).toEqual(['REFUND_REQUESTED', 'REFUND_RECORDED', 'REFUND_REQUESTED', 'REFUND_RECORDED']);
    const requested = await database.prisma.auditLog.findFirstOrThrow({ where: { targetId: paymentId, action: 'REFUND_REQUESTED' } });
    expect(requested).toMatchObject({ actorType: 'ADMIN_KEY', actorId: 'key_domain_test', ip: meta.ip });
  });

  it('once per request id: a retry answers the same refund, and the same id for another refund is refused', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const [a, b] = await Promise.all([refund(w, paymentId, { amount: 5_000, requestId: 'req-1' }), refund(w, paymentId, { amount: 5_000, requestId: 'req-1' })]);
    expect(a).toMatchObject({ kind: 'refund' });
    expect(b).toEqual(a);
    expect(await refund(w, paymentId, { amount: 6_000, requestId: 'req-1' })).toMatchObject({ code: 'REFUND_REQUEST_CONFLICT' });
    expect(w.provider.refundsOf(intentId)).toHaveLength(1);
  });

  it('never more than was paid when several admins refund at once', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => refund(w, paymentId, { amount: 20_000, requestId: `at-once-${i}` })));
    expect(outcomes.filter((o) => o.kind === 'refund')).toHaveLength(2);
    expect(outcomes.filter((o) => o.kind === 'error' && o.code === 'REFUND_EXCEEDS_REFUNDABLE')).toHaveLength(4);
    expect(w.provider.refundsOf(intentId).map((r) => r.amount)).toEqual([20_000, 20_000]);
    expect(await paymentRow(paymentId)).toMatchObject({ amountRefunded: 40_000 });
    expect((await invoice(w)).amountPaid.amount).toBe(9_900);
  });

  it('held while the provider cannot be reached, and resumed with the same key: one refund', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    w.provider.loseAnswers(1);
    await expect(refund(w, paymentId, { amount: 30_000, requestId: 'lost' })).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    expect(await database.prisma.refund.findMany({ where: { paymentId } })).toMatchObject([{ status: 'REQUESTED', amount: 30_000 }]);
    // The unanswered request holds its amount: another admin cannot refund it again meanwhile.
    expect(await refund(w, paymentId, { amount: 20_000 })).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE', refundable: { amount: 19_900 } });

    expect(await refund(w, paymentId, { amount: 30_000, requestId: 'lost' })).toMatchObject({ kind: 'refund', refund: { status: 'SUCCEEDED' } });
    expect(w.provider.refundsOf(intentId).map((r) => r.amount)).toEqual([30_000]);
    expect((await invoice(w)).amountPaid.amount).toBe(19_900);
  });

  it('records one refund when its webhook beats the answer to the admin\'s call', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    w.provider.loseAnswers(1);
    await expect(refund(w, paymentId, { amount: 10_000, requestId: 'raced' })).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    const [made] = w.provider.refundsOf(intentId);
    await w.services.webhooks.handle(w.provider.refundEvent(made.id, 'refund.created'));
    expect(await refund(w, paymentId, { amount: 10_000, requestId: 'raced' })).toMatchObject({ kind: 'refund', refund: { providerRefundId: made.id } });
    expect(await database.prisma.refund.findMany({ where: { paymentId } })).toMatchObject([{ providerRefundId: made.id, status: 'SUCCEEDED', note: null }]);
    expect((await invoice(w)).amountPaid.amount).toBe(39_900);
  });

  it.each([
    ['open', 'NEEDS_RESPONSE', 'PAYMENT_DISPUTED'],
    ['lost', 'LOST', 'PAYMENT_DISPUTED'],
    ['won', 'WON', 'refund'],
  ] as const)('not while the payment is charged back, as the provider: a dispute %s', async (_case, status, expected) => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const dispute = w.provider.openDispute(intentId, { amount: 20_000 });
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute, 'charge.dispute.created'));
    w.provider.updateDispute(dispute.id, { status });
    await w.services.webhooks.handle(w.provider.disputeEvent(dispute.id, 'charge.dispute.closed'));
    const outcome = await refund(w, paymentId, { amount: 100 });
    expect(outcome.kind === 'error' ? outcome.code : outcome.kind).toBe(expected);
    expect(w.provider.refundsOf(intentId)).toHaveLength(expected === 'refund' ? 1 : 0);
  });

  it("see another organization's payment as missing", async () => {
    const w = await world();
    const { paymentId } = await paidInFull(w);
    const stranger: AdminPrincipal = { kind: 'admin', adminKeyId: 'key_other', organizationId: 'org_other' };
    await expect(w.services.paymentAdmin.refundPayment(stranger, { paymentId, reason: 'DUPLICATE' }, meta)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.services.paymentAdmin.voidInvoice(stranger, w.invoiceId, meta)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.services.paymentAdmin.invoicePayments(stranger, w.invoiceId, meta)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('admins void an invoice', () => {
  it('canceling its open intent at the provider first; a payment that lands on it anyway is recorded and flagged, not counted as overpaid', async () => {
    const w = await world();
    const intent = await intentOf(w);
    const voided = await w.services.paymentAdmin.voidInvoice(adminOf(w), w.invoiceId, meta);
    expect(voided).toMatchObject({ kind: 'invoice', invoice: { status: 'VOID', voidedAt: expect.any(Date), amountDue: { amount: 0 } } });
    expect((await w.provider.retrieveIntent(intent.id)).status).toBe('CANCELED');
    expect(await attempts(w)).toMatchObject([{ status: 'CANCELED', openInvoiceId: null }]);
    expect(await w.services.checkout.createPaymentIntent(w.customer, {}, meta)).toMatchObject({ code: 'INVOICE_NOT_PAYABLE', invoiceStatus: 'VOID' });
    const audit = await database.prisma.auditLog.findFirstOrThrow({ where: { action: 'INVOICE_VOIDED', targetId: w.invoiceId } });
    expect(JSON.parse(audit.details!)).toMatchObject({ canceledPaymentIntents: [intent.id] });
    // Voiding again keeps the first time.
    expect(await w.services.paymentAdmin.voidInvoice(adminOf(w), w.invoiceId, meta)).toMatchObject({ kind: 'invoice', invoice: { status: 'VOID' } });
    expect(await database.prisma.auditLog.count({ where: { action: 'INVOICE_VOIDED' } })).toBe(1);
  });

  it('records a payment the bank confirmed before the cancellation reached it, and flags it', async () => {
    const w = await world();
    const open = await intentOf(w, { amount: 10_000 });
    await w.services.paymentAdmin.voidInvoice(adminOf(w), w.invoiceId, meta);
    // Another attempt, opened before the void and paid at the provider after it (the customer's second tab).
    const late = await w.provider.createIntent({ amount: 20_000, currency: 'usd', providerCustomerId: 'cus_1', savePaymentMethod: false, metadata: {}, idempotencyKey: 'late' });
    await openLateAttempt(w, late.id, 20_000);
    w.provider.browser(late.id, { kind: 'succeed' });
    await w.services.webhooks.handle(w.provider.event(late.id));

    expect(await payments(w)).toMatchObject([{ providerIntentId: late.id, amount: 20_000, overpaidAmount: 0, attentionReason: 'PAID_ON_VOID_INVOICE' }]);
    expect(await invoice(w)).toMatchObject({ status: 'VOID', amountPaid: { amount: 20_000 }, amountDue: { amount: 0 } });
    const listed = await w.services.paymentAdmin.invoicePayments(adminOf(w), w.invoiceId, meta);
    expect(listed.payments).toMatchObject([{ needsAttention: ['PAID_ON_VOID_INVOICE'], overpaid: null }]);
    expect((await w.provider.retrieveIntent(open.id)).status).toBe('CANCELED');
    expect(await auditActions(listed.payments[0].id, 'PAYMENT_')).toEqual(['PAYMENT_RECORDED', 'PAYMENT_FLAGGED']);

    // Refunding it in full puts it right.
    await w.services.paymentAdmin.refundPayment(adminOf(w), { paymentId: listed.payments[0].id, reason: 'DUPLICATE' }, meta);
    expect((await w.services.paymentAdmin.invoicePayments(adminOf(w), w.invoiceId, meta)).payments[0].needsAttention).toEqual([]);
  });

  it('refuses a paid invoice, one holding money, and one whose payment is processing', async () => {
    const w = await world();
    const processing = await intentOf(w, { amount: 10_000 });
    w.provider.browser(processing.id, { kind: 'processing' });
    expect(await w.services.paymentAdmin.voidInvoice(adminOf(w), w.invoiceId, meta)).toMatchObject({ code: 'PAYMENT_IN_PROGRESS' });
    w.provider.browser(processing.id, { kind: 'succeed' });
    expect(await w.services.paymentAdmin.voidInvoice(adminOf(w), w.invoiceId, meta)).toMatchObject({
      code: 'INVOICE_NOT_VOIDABLE',
      invoiceStatus: 'OPEN',
      amountPaid: { amount: 10_000 },
    });
    await paidInFull(w, 39_900);
    expect(await w.services.paymentAdmin.voidInvoice(adminOf(w), w.invoiceId, meta)).toMatchObject({ code: 'INVOICE_NOT_VOIDABLE', invoiceStatus: 'PAID' });
    expect(await database.prisma.auditLog.count({ where: { action: 'INVOICE_VOIDED' } })).toBe(0);
  });
});

describe('admins read a customer\'s money', () => {
  it('lists invoices newest first a page at a time, and an invoice\'s payments with refunds, disputes and what needs attention', async () => {
    const w = await world();
    const { intentId, paymentId } = await paidInFull(w);
    const refunded = w.provider.dashboardRefund(intentId, 1_000);
    w.provider.setRefundStatus(refunded.id, 'FAILED', 'expired_or_canceled_card');
    await w.services.webhooks.handle(w.provider.refundEvent(refunded.id, 'refund.failed'));
    const inquiry = w.provider.openDispute(intentId, { status: 'INQUIRY_NEEDS_RESPONSE', fundsWithdrawn: false });
    await w.services.webhooks.handle(w.provider.disputeEvent(inquiry, 'charge.dispute.created'));

    const first = await w.services.paymentAdmin.customerInvoices(adminOf(w), w.customer.customerId, { first: 1 }, meta);
    expect(first.invoices.map((i) => i.invoice.id)).toEqual([w.invoiceId]);
    expect(first.hasNextPage).toBe(true);
    const next = await w.services.paymentAdmin.customerInvoices(adminOf(w), w.customer.customerId, { first: 1, after: first.invoices[0].cursor }, meta);
    expect(next.invoices.map((i) => i.invoice.id)).toEqual([w.otherInvoiceId]);
    expect(next).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const listed = await w.services.paymentAdmin.invoicePayments(adminOf(w), w.invoiceId, meta);
    expect(listed.invoice).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountRefunded: { amount: 0 } });
    expect(listed.payments).toMatchObject([
      {
        id: paymentId,
        status: 'DISPUTED',
        providerIntentId: intentId,
        needsAttention: ['REFUND_FAILED', 'DISPUTE_NEEDS_RESPONSE'],
        refunds: [{ status: 'FAILED', failureReason: 'expired_or_canceled_card', providerRefundId: refunded.id }],
        disputes: [{ status: 'INQUIRY_NEEDS_RESPONSE', providerDisputeId: inquiry.id, amountWithdrawn: { amount: 0 } }],
      },
    ]);
    expect(await database.prisma.auditLog.count({ where: { action: 'ADMIN_QUERY', actorId: 'key_domain_test' } })).toBe(3);
  });
});

/** An attempt our server opened for an intent (in another tab, before the invoice was voided). */
async function openLateAttempt(w: World, providerIntentId: string, amount: number) {
  await database.prisma.paymentAttempt.create({ data: { invoiceId: w.invoiceId, customerId: w.customer.customerId, amount, currency: 'usd', status: 'OPEN', providerIntentId } });
}
