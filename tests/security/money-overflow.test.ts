/**
 * Amounts at the edges of the integers that carry them: GraphQL's 32-bit Int for inputs, 53-bit safe integers for
 * Money going out (a balance sums invoices), and 32-bit columns on PostgreSQL for what is stored. Every input beyond
 * its bound is refused changing nothing; every value the system can produce reads back exactly, on both databases.
 */
import { BalanceDocument, ConfirmPaymentDocument, CreateInvoiceDocument, CreatePaymentIntentDocument, InvoiceDocument } from '../graphql/generated/operations';
import { LIMITS } from '../../src/domain/limits';
import { createInvoice, issueToken, recordPaidElsewhere, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, snapshotDatabase, startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;
const LARGEST_INT = 2 ** 31 - 1;
const CAP = LIMITS.invoiceTotal.max;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  c = await seedCustomer(t);
});
afterAll(() => t?.stop());

describe('sums beyond 32 bits', () => {
  it('a balance over three invoices at the largest total reads back exactly, $30,000,000.00 and more', async () => {
    const rich = await seedCustomer(t);
    for (let i = 0; i < 3; i++) await createInvoice(t, rich, { issuedInDays: -40, dueInDays: -10 + i, amount: CAP });
    const res = await graphql(t.url, BalanceDocument, undefined, { token: rich.token });
    expect(res.body.errors).toBeUndefined();
    const total = 3 * CAP + 242_400;
    expect(total).toBeGreaterThan(LARGEST_INT);
    expect(res.body.data!.balance).toEqual({
      totalOutstanding: { amount: total, currency: 'usd', formatted: '$30,002,424.00' },
      overdue: { amount: 3 * CAP + 192_500, currency: 'usd', formatted: '$30,001,925.00' },
      openInvoiceCount: 5,
    });
  });

  it('a link bound to one of them sees that invoice alone, at its cap', async () => {
    const rich = await seedCustomer(t);
    const invoice = await createInvoice(t, rich, { issuedInDays: -1, dueInDays: 10, amount: CAP });
    await createInvoice(t, rich, { issuedInDays: -1, dueInDays: 10, amount: CAP });
    const { token } = await issueToken(t, rich, { invoiceId: invoice.id });
    expect((await graphql(t.url, BalanceDocument, undefined, { token })).body.data!.balance.totalOutstanding).toEqual({ amount: CAP, currency: 'usd', formatted: '$10,000,000.00' });
  });
});

describe('inputs at the edges of Int', () => {
  it.each([
    ['2^31 − 1, the largest Int: more than is due', LARGEST_INT, 'AmountExceedsBalanceError'],
    ['2^31, past Int', 2 ** 31, 'BAD_USER_INPUT'],
    ['2^53, past the safe integers', 2 ** 53, 'BAD_USER_INPUT'],
  ])('createPaymentIntent.amount at %s is refused, changing nothing', async (_case, amount, refusal) => {
    const res = await expectNothingChanged(t, () => graphql(t.url, CreatePaymentIntentDocument, { input: { amount } }, { token: c.token }));
    if (refusal === 'BAD_USER_INPUT') expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    else expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: refusal });
  });

  it.each([
    ['unitAmount 2^31 − 1: the total is past the largest invoice', [{ description: 'Big', quantity: 1, unitAmount: LARGEST_INT }]],
    ['unitAmount 2^31', [{ description: 'Bigger', quantity: 1, unitAmount: 2 ** 31 }]],
    ['unitAmount 2^53', [{ description: 'Huge', quantity: 1, unitAmount: 2 ** 53 }]],
    ['quantity 2^31', [{ description: 'Many', quantity: 2 ** 31, unitAmount: 1 }]],
    ['a line whose product is far past 2^31', [{ description: 'Product', quantity: 1_000_000, unitAmount: LARGEST_INT }]],
    ['the largest total plus one cent, over two lines', [{ description: 'A', quantity: 1, unitAmount: CAP }, { description: 'B', quantity: 1, unitAmount: 1 }]],
  ])('createInvoice with %s is BAD_USER_INPUT, changing nothing', async (_case, lineItems) => {
    const res = await expectNothingChanged(t, () => graphql(t.url, CreateInvoiceDocument, { input: { customerId: c.customerId, lineItems } }, { token: c.adminApiKey }));
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('createInvoice at the largest total is accepted, and reads back exactly', async () => {
    const res = await graphql(t.url, CreateInvoiceDocument, { input: { customerId: c.customerId, lineItems: [{ description: 'Everything', quantity: 1, unitAmount: CAP }] } }, { token: c.adminApiKey });
    expect(res.body.errors).toBeUndefined();
    const read = await graphql(t.url, InvoiceDocument, { id: res.body.data!.createInvoice.id }, { token: c.token });
    expect(read.body.data!.invoice.total).toEqual({ amount: CAP, currency: 'usd', formatted: '$10,000,000.00' });
  });
});

describe('what was paid, near what a column holds', () => {
  /** A link to a fresh $499.00 invoice, a $100.00 payment on it confirmed at Stripe, and amountPaid then set outside the portal. */
  async function paymentReportedWhen(paidElsewhere: number) {
    const customer = await seedCustomer(t, { invoiceBound: true });
    const intent = (await graphql(t.url, CreatePaymentIntentDocument, { input: { amount: 10_000 } }, { token: customer.token })).body.data!.createPaymentIntent;
    if (intent.__typename !== 'PaymentIntent') throw new Error(`setup: no intent (${intent.__typename})`);
    await recordPaidElsewhere(t, customer.invoiceIds[1], paidElsewhere);
    await t.browser.confirm(intent.id, 'pm_card_visa');
    return { customer, intentId: intent.id };
  }

  it('a payment that brings amountPaid to 2^31 − 1 is recorded and reads back exactly', async () => {
    const { customer, intentId } = await paymentReportedWhen(LARGEST_INT - 10_000);
    const res = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intentId }, { token: customer.token });
    expect(res.body.data!.confirmPayment).toMatchObject({ __typename: 'Payment', amount: { amount: 10_000 } });
    const invoice = (await graphql(t.url, InvoiceDocument, {}, { token: customer.token })).body.data!.invoice;
    expect(invoice).toMatchObject({ status: 'PAID', amountPaid: { amount: LARGEST_INT, formatted: '$21,474,836.47' }, amountDue: { amount: 0 } });
  });

  it('a payment that would take amountPaid past 2^31 − 1 is not recorded, by confirmPayment or by the webhook, on either database', async () => {
    const { customer, intentId } = await paymentReportedWhen(LARGEST_INT - 9_999);
    // The webhook Stripe sent on confirmation was refused the same way (and is kept, unprocessed, with the reason).
    await t.stripe.flushWebhooks();
    const event = await t.app.database.prisma.webhookEvent.findFirstOrThrow({ where: { type: 'payment_intent.succeeded', payload: { contains: intentId } } });
    expect(event).toMatchObject({ processedAt: null, lastError: expect.stringContaining('beyond the largest stored amount') });

    const before = await snapshotDatabase(t);
    const res = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intentId }, { token: customer.token });
    expect(errorCodes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(await snapshotDatabase(t)).toEqual(before);
    expect(await t.app.database.prisma.payment.count({ where: { providerIntentId: intentId } })).toBe(0);
    expect(t.logs()).toContain('StoredAmountOverflowError');
  });
});
