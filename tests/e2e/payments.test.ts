/**
 * Paying an invoice by card, end to end: the server over HTTP, the real Stripe SDK on both sides
 * (server and "browser"), the local Stripe emulator, webhooks, and a real database.
 */
import {
  BalanceDocument,
  ConfirmPaymentDocument,
  CreatePaymentIntentDocument,
  type CreatePaymentIntentInput,
} from '../graphql/generated/operations';
import { runCli } from '../../src/cli/main';
import {
  billInUnsupportedCurrency,
  customerBilledIn,
  providerCustomerIdOf,
  recordPaidElsewhere,
  seedCustomer,
  type SeededCustomer,
} from '../support/fixtures';
import { moneyViews } from '../support/money-views';
import { cliEnvOf, errorCodes, graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
});
afterAll(() => t?.stop());
afterEach(() => t.stripe.faults.reset());

/** A fresh customer whose link is bound to one open invoice of $499.00. */
async function customer(): Promise<SeededCustomer> {
  return seedCustomer(t, { invoiceBound: true });
}

async function createIntent(c: SeededCustomer, input: CreatePaymentIntentInput = {}) {
  const res = await graphql(t.url, CreatePaymentIntentDocument, { input }, { token: c.token });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createPaymentIntent;
}

async function intentOf(c: SeededCustomer, input: CreatePaymentIntentInput = {}) {
  const result = await createIntent(c, input);
  if (result.__typename !== 'PaymentIntent') throw new Error(`expected an intent, got ${result.__typename}`);
  return result;
}

async function confirm(c: SeededCustomer, paymentIntentId: string) {
  const res = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId }, { token: c.token });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.confirmPayment;
}

const { invoice, history } = moneyViews(() => t);

const paymentsOf = (c: SeededCustomer) => t.app.database.prisma.payment.findMany({ where: { customerId: c.customerId } });

describe('paying an invoice', () => {
  it('creates an intent, the browser confirms it with a card, confirmPayment records it; history and balance show it', async () => {
    const c = await customer();
    const before = (await graphql(t.url, BalanceDocument, undefined, { token: c.token })).body.data!.balance;

    const intent = await intentOf(c);
    expect(intent).toMatchObject({ status: 'REQUIRES_PAYMENT_METHOD', amount: { amount: 49_900, currency: 'usd' } });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.clientSecret).toMatch(new RegExp(`^${intent.id}_secret_`));

    await t.browser.confirm(intent.id, 'pm_card_visa');
    const result = await confirm(c, intent.id);
    expect(result).toMatchObject({ __typename: 'Payment', status: 'SUCCEEDED', amount: { amount: 49_900, currency: 'usd' }, cardBrand: 'visa', cardLast4: '4242', overpaid: null });

    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect((await history(c)).map((p) => p.amount.amount)).toEqual([49_900]);
    const after = (await graphql(t.url, BalanceDocument, undefined, { token: c.token })).body.data!.balance;
    expect(after.totalOutstanding.amount).toBe(before.totalOutstanding.amount - 49_900);
    expect(after.openInvoiceCount).toBe(before.openInvoiceCount - 1);
  });

  it('takes partial payments until the invoice is paid, then refuses more', async () => {
    const c = await customer();
    for (const amount of [10_000, 20_000, 19_900]) {
      const intent = await intentOf(c, { amount });
      await t.browser.confirm(intent.id, 'pm_card_mastercard');
      expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'Payment', amount: { amount } });
    }
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect((await history(c)).map((p) => p.amount.amount)).toEqual([19_900, 20_000, 10_000]);
    expect(await createIntent(c)).toMatchObject({ __typename: 'InvoiceNotPayableError', code: 'INVOICE_NOT_PAYABLE', invoiceStatus: 'PAID' });
  });

  it('is idempotent: confirming the same intent again returns the same payment and records nothing more', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    const [a, b, d] = await Promise.all([confirm(c, intent.id), confirm(c, intent.id), confirm(c, intent.id)]);
    expect(a.__typename).toBe('Payment');
    expect(new Set([a, b, d].map((r) => (r as { id: string }).id)).size).toBe(1);
    expect(await paymentsOf(c)).toHaveLength(1);
    expect((await invoice(c)).amountPaid.amount).toBe(49_900);
  });
});

describe('amounts that are refused, writing nothing', () => {
  let c: SeededCustomer;
  beforeAll(async () => {
    c = await customer();
  });

  it.each([
    ['above the amount due', { amount: 49_901 }, { __typename: 'AmountExceedsBalanceError', code: 'AMOUNT_EXCEEDS_BALANCE', amountDue: { amount: 49_900, currency: 'usd' } }],
    ['zero', { amount: 0 }, { __typename: 'InvalidAmountError', code: 'INVALID_AMOUNT' }],
    ['negative', { amount: -100 }, { __typename: 'InvalidAmountError', code: 'INVALID_AMOUNT' }],
    ["below Stripe's minimum", { amount: 49 }, { __typename: 'AmountBelowMinimumError', code: 'AMOUNT_BELOW_MINIMUM', minimum: { amount: 50, currency: 'usd' } }],
    ['in another currency', { currency: 'eur' }, { __typename: 'CurrencyMismatchError', code: 'CURRENCY_MISMATCH', expectedCurrency: 'usd' }],
    [
      'leaving less than the minimum to pay later',
      { amount: 49_860 },
      {
        __typename: 'AmountLeavesUnpayableRemainderError',
        code: 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER',
        amountDue: { amount: 49_900, currency: 'usd' },
        maximumPartial: { amount: 49_850, currency: 'usd', formatted: '$498.50' },
        minimum: { amount: 50, currency: 'usd' },
      },
    ],
    ['at 2^31 − 1, the largest Int', { amount: 2 ** 31 - 1 }, { __typename: 'AmountExceedsBalanceError', amountDue: { amount: 49_900 } }],
  ])('%s', async (_case, input, expected) => {
    expect(await createIntent(c, input)).toMatchObject(expected);
    expect(await t.app.database.prisma.paymentAttempt.count({ where: { customerId: c.customerId } })).toBe(0);
  });

  it("an amount above Stripe's largest single charge is Stripe's own refusal at the port, never a decline", async () => {
    // The domain checks the maximum before calling Stripe; this is the adapter's mapping for when Stripe says it itself.
    const providerCustomerId = await t.app.services.providerCustomers.idFor(c.customerId);
    await expect(
      t.app.services.provider.createIntent({ amount: 100_000_000, currency: 'usd', providerCustomerId, savePaymentMethod: false, metadata: {}, idempotencyKey: 'too-large' }),
    ).rejects.toMatchObject({ name: 'ProviderRejectedError', reason: 'AMOUNT_TOO_LARGE', code: 'amount_too_large' });
  });

  it('a fractional amount never reaches the server (GraphQL Int)', async () => {
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: { amount: 10.5 } }, { token: c.token });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('requests Stripe refuses, which are not declines', () => {
  it('a currency Stripe does not take is "not possible, nothing charged", logged for us with Stripe\'s code and request id', async () => {
    const c = await customer();
    await billInUnsupportedCurrency(t, c.invoiceIds[1], 'xts');
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token });
    expect(res.body.errors).toBeUndefined();
    const refused = res.body.data!.createPaymentIntent;
    expect(refused).toMatchObject({ __typename: 'PaymentNotPossibleError', code: 'PAYMENT_NOT_POSSIBLE', message: expect.stringContaining('nothing was charged') });
    expect(refused.__typename).not.toBe('PaymentDeclinedError');
    expect(await paymentsOf(c)).toHaveLength(0);
    expect(await t.app.database.prisma.paymentAttempt.findMany({ where: { customerId: c.customerId } })).toMatchObject([{ status: 'FAILED', openInvoiceId: null }]);

    const line = t.logs().split('\n').find((l) => l.includes('refused a payment intent as invalid') && l.includes(c.invoiceIds[1]));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 50, providerCode: 'invalid_request_error', providerRequestId: expect.stringMatching(/^req_/), requestId: expect.any(String) });
  });

  it("an amount below Stripe's minimum once converted to the account's currency is refused in Stripe's words, with the minimum it converts to", async () => {
    const seed = await customer();
    // £0.35 is above Stripe's £0.30 for a pound account, but this account settles in dollars: £0.35 is about $0.44.
    const gbp = await customerBilledIn(t, seed.organizationId, 'gbp', 1_000);
    await recordPaidElsewhere(t, gbp.invoiceId, 965);
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: gbp.token });
    expect(res.body.data!.createPaymentIntent).toMatchObject({
      __typename: 'AmountBelowMinimumError',
      code: 'AMOUNT_BELOW_MINIMUM',
      message: expect.stringMatching(/^Amount must convert to at least 50 cents/),
      minimum: { amount: 50, currency: 'usd', formatted: '$0.50' },
    });
    expect(await t.app.database.prisma.paymentAttempt.findMany({ where: { customerId: gbp.customerId } })).toMatchObject([{ status: 'FAILED', lastError: 'amount_too_small' }]);
  });
});

describe('declines and 3-D Secure', () => {
  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ])('%s gives PaymentDeclinedError (%s) and records nothing; another card then succeeds', async (card, declineCode) => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, card);
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'PaymentDeclinedError', code: 'PAYMENT_DECLINED', declineCode });
    expect(await paymentsOf(c)).toHaveLength(0);
    expect((await invoice(c)).status).toBe('OPEN');

    await t.browser.confirm(intent.id, 'pm_card_visa');
    expect((await confirm(c, intent.id)).__typename).toBe('Payment');
  });

  it('asks for 3-D Secure, then records the payment once the customer authenticates', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_authenticationRequired');
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'PaymentRequiresAction', paymentIntentId: intent.id, clientSecret: intent.clientSecret });
    expect(await paymentsOf(c)).toHaveLength(0);

    await t.browser.authenticate(intent.id, 'succeed');
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'Payment', amount: { amount: 49_900 } });
  });

  it('reports a failed 3-D Secure challenge as a decline', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_authenticationRequired');
    await t.browser.authenticate(intent.id, 'fail');
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'PaymentDeclinedError', code: 'PAYMENT_DECLINED' });
  });

  it('keeps a processing payment pending until Stripe settles it', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    t.stripe.faults.nextConfirmProcessing = true;
    await t.browser.confirm(intent.id, 'pm_card_visa');
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'PaymentPending', intentStatus: 'PROCESSING' });
    expect(await createIntent(c)).toMatchObject({ __typename: 'PaymentInProgressError' });

    await t.stripe.succeedOutOfBand(intent.id);
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'Payment' });
  });

  it("refuses to confirm another customer's intent, exactly like a missing one", async () => {
    const a = await customer();
    const b = await customer();
    const intent = await intentOf(a);
    const res = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intent.id }, { token: b.token });
    const missing = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: 'pi_missing' }, { token: b.token });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(res.body.errors![0].message).toBe(missing.body.errors![0].message);
  });
});

describe('webhooks', () => {
  it('settle a payment on their own, without confirmPayment', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    await t.stripe.flushWebhooks();
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
    expect(await history(c)).toHaveLength(1);
  });

  it('duplicated, and racing confirmPayment, still record the payment exactly once', async () => {
    const c = await customer();
    t.stripe.faults.duplicateWebhooks = true;
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    await Promise.all([confirm(c, intent.id), t.stripe.flushWebhooks(), confirm(c, intent.id)]);
    await t.stripe.flushWebhooks();
    expect(await paymentsOf(c)).toHaveLength(1);
    expect((await invoice(c)).amountPaid.amount).toBe(49_900);
    const delivered = t.stripe.deliveries.filter((d) => d.type === 'payment_intent.succeeded' && d.status === 200);
    expect(delivered.length).toBeGreaterThanOrEqual(2);
  });

  it('out of order never move a paid invoice back', async () => {
    const c = await customer();
    t.stripe.faults.reorderWebhooks = true;
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_chargeDeclined'); // payment_failed first…
    await t.browser.confirm(intent.id, 'pm_card_visa'); // …then succeeded; delivered newest first
    await t.stripe.flushWebhooks();
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
    expect(await paymentsOf(c)).toHaveLength(1);
  });

  it('record a refund: amountPaid goes down and the history shows it', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    await confirm(c, intent.id);
    await t.stripe.refund(intent.id, 9_900);
    await t.stripe.flushWebhooks();
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 40_000 }, amountDue: { amount: 0 } });
    expect((await history(c))[0]).toMatchObject({ status: 'PARTIALLY_REFUNDED', amount: { amount: 49_900 }, amountRefunded: { amount: 9_900 } });

    await t.stripe.refund(intent.id);
    await t.stripe.flushWebhooks();
    expect((await history(c))[0]).toMatchObject({ status: 'REFUNDED', amountRefunded: { amount: 49_900 } });
    expect((await invoice(c)).amountPaid.amount).toBe(0);
  });

  it('refuse a forged signature and change nothing', async () => {
    const res = await fetch(`${t.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=deadbeef' },
      body: JSON.stringify({ id: 'evt_forged', type: 'payment_intent.succeeded', data: { object: {} } }),
    });
    expect(res.status).toBe(400);
    expect(await t.app.database.prisma.webhookEvent.findUnique({ where: { id: 'evt_forged' } })).toBeNull();
  });
});

describe('one open intent per invoice', () => {
  it('asking again for the same payment reuses the open intent', async () => {
    const c = await customer();
    const first = await intentOf(c);
    const second = await intentOf(c);
    expect(second.id).toBe(first.id);
  });

  it('asking for a different amount cancels the first intent, which can then no longer be paid', async () => {
    const c = await customer();
    const first = await intentOf(c, { amount: 20_000 });
    const second = await intentOf(c, { amount: 30_000 });
    expect(second.id).not.toBe(first.id);
    expect((await t.browser.stripe.paymentIntents.retrieve(first.id)).status).toBe('canceled');
    await expect(t.browser.stripe.paymentIntents.confirm(first.id, { payment_method: 'pm_card_visa' })).rejects.toThrow();
  });

  it('concurrent creates for one invoice leave at most one payable intent and never pay more than is due', async () => {
    const c = await customer();
    const results = await Promise.all([10_000, 20_000, 49_900, 49_900, 30_000].map((amount) => createIntent(c, { amount })));
    expect(results.every((r) => r.__typename === 'PaymentIntent' || r.__typename === 'PaymentInProgressError')).toBe(true);
    const handedOut = new Set(results.flatMap((r) => (r.__typename === 'PaymentIntent' ? [r.id] : [])));
    const payable = [];
    for (const id of handedOut) if (['requires_payment_method', 'requires_confirmation'].includes((await t.browser.stripe.paymentIntents.retrieve(id)).status)) payable.push(id);
    expect(payable.length).toBeLessThanOrEqual(1);

    // The customer tries to pay every intent they were handed; replaced ones are canceled and refuse.
    for (const id of handedOut) await t.browser.confirm(id, 'pm_card_visa').catch(() => null);
    await t.stripe.flushWebhooks();
    // Whatever is left is paid in one more go.
    const rest = await createIntent(c);
    if (rest.__typename === 'PaymentIntent') {
      await t.browser.confirm(rest.id, 'pm_card_visa');
      await confirm(c, rest.id);
    }
    const paid = (await paymentsOf(c)).reduce((sum, p) => sum + p.amount, 0);
    expect(paid).toBe(49_900);
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountDue: { amount: 0 } });
  });

  it('records and flags money received beyond what was due, never dropping it', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    // Meanwhile $100.00 of the invoice was paid elsewhere.
    await recordPaidElsewhere(t, c.invoiceIds[1], 10_000);
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'Payment', amount: { amount: 49_900 }, overpaid: { amount: 10_000, currency: 'usd' } });
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 59_900 } });
  });
});

describe('when Stripe is unavailable', () => {
  it.each([
    ['answers 500', () => t.stripe.faults.failNext(10, 500)],
    ['answers 429', () => t.stripe.faults.rateLimitNext(10)],
    ['does not answer', () => t.stripe.faults.hangNext(10)],
    ['drops the connection', () => t.stripe.faults.dropNext(10)],
  ])('and %s, createPaymentIntent fails with PAYMENT_PROVIDER_UNAVAILABLE and money is untouched; a retry later works', async (_case, inject) => {
    const c = await customer();
    await seedProviderCustomer(c);
    inject();
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token });
    expect(errorCodes(res)).toEqual(['PAYMENT_PROVIDER_UNAVAILABLE']);
    expect(await paymentsOf(c)).toHaveLength(0);
    expect((await invoice(c)).amountPaid.amount).toBe(0);

    t.stripe.faults.reset();
    const retried = await intentOf(c);
    await t.browser.confirm(retried.id, 'pm_card_visa');
    expect((await confirm(c, retried.id)).__typename).toBe('Payment');
    // The retry reused the committed attempt and its idempotency key: one attempt, one intent.
    const attempts = await t.app.database.prisma.paymentAttempt.findMany({ where: { customerId: c.customerId } });
    expect(attempts.map((a) => a.status)).toEqual(['SUCCEEDED']);
  });

  it('and confirmPayment cannot reach it, nothing is recorded until it can', async () => {
    const c = await customer();
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    t.stripe.faults.failNext(10, 503);
    const res = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intent.id }, { token: c.token });
    expect(errorCodes(res)).toEqual(['PAYMENT_PROVIDER_UNAVAILABLE']);
    t.stripe.faults.reset();
    expect((await confirm(c, intent.id)).__typename).toBe('Payment');
  });
});

describe('crash recovery', () => {
  it('a success Stripe saw but we never wrote is repaired by `payments reconcile`', async () => {
    const c = await customer();
    t.stripe.faults.configure({ holdWebhooks: true }); // the webhook is lost as well
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    expect(await paymentsOf(c)).toHaveLength(0);

    const out: string[] = [];
    const code = await runCli(['payments', 'reconcile', '--json'], { out: (s) => out.push(s) }, cliEnvOf(t));
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ recorded: 1 });
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
    t.stripe.faults.configure({ holdWebhooks: false });
    await t.stripe.flushWebhooks();
    expect(await paymentsOf(c)).toHaveLength(1);
  });

  it('a 500 Stripe stored under the idempotency key after it began work does not leave the invoice stuck: the next try pays it, one charge', async () => {
    const c = await customer();
    await seedProviderCustomer(c);
    // Stripe creates the intent, then answers 500 and keeps that answer under the key: a retry with it gets the 500 again.
    t.stripe.faults.failAfterProcessingNext(1, 500, { pathPrefix: '/v1/payment_intents' });
    const failed = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token });
    expect(errorCodes(failed)).toEqual(['PAYMENT_PROVIDER_UNAVAILABLE']);

    // The retry's create replays the stored 500: the intent the failed request began is found by its metadata and adopted.
    const intent = await intentOf(c);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    expect(await confirm(c, intent.id)).toMatchObject({ __typename: 'Payment', amount: { amount: 49_900 } });

    const atStripe = await t.browser.stripe.paymentIntents.list({ customer: (await providerCustomerIdOf(t, c.customerId))! });
    expect(atStripe.data.map((pi) => [pi.id, pi.status])).toEqual([[intent.id, 'succeeded']]);
    expect(await paymentsOf(c)).toHaveLength(1);
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
    expect(t.logs()).toMatch(/replays a failure stored under the attempt's idempotency key; the intent it began was found and adopted/);
  });

  it('an intent Stripe created but whose answer was lost is found again with the same idempotency key', async () => {
    const c = await customer();
    await seedProviderCustomer(c);
    // Stripe creates the intent, then the answer is lost (twice: the SDK retries a dropped connection once).
    t.stripe.faults.dropNext(2, { pathPrefix: '/v1/payment_intents', afterProcessing: true });
    const lost = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token });
    expect(errorCodes(lost)).toEqual(['PAYMENT_PROVIDER_UNAVAILABLE']);
    const attempt = await t.app.database.prisma.paymentAttempt.findFirstOrThrow({ where: { customerId: c.customerId } });
    expect(attempt).toMatchObject({ status: 'CREATING', providerIntentId: null });

    const intent = await intentOf(c);
    const after = await t.app.database.prisma.paymentAttempt.findMany({ where: { customerId: c.customerId } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: attempt.id, status: 'OPEN', providerIntentId: intent.id });
    const atStripe = await t.browser.stripe.paymentIntents.list({ customer: (await providerCustomerIdOf(t, c.customerId))! });
    expect(atStripe.data.map((pi) => pi.id)).toEqual([intent.id]);
  });
});

/** Creates the Stripe customer up front, so a fault injected next hits the PaymentIntent call. */
async function seedProviderCustomer(c: SeededCustomer) {
  await t.app.services.providerCustomers.idFor(c.customerId);
}
