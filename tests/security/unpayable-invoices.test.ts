/**
 * Leaving an invoice that can never be paid: a part payment that leaves less than the card network's minimum charge
 * to pay later, or an amount above the largest single charge, would strand the invoice or fail as a "decline". Each
 * is refused before anything is written or sent to Stripe, with what the customer can pay instead; and an invoice
 * that already owes less than the minimum says it cannot be paid online, whatever is asked.
 */
import { CreateCustomerDocument, CreatePaymentIntentDocument, type CreatePaymentIntentInput } from '../graphql/generated/operations';
import { createInvoice, issueToken, recordPaidElsewhere, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

let t: TestApp;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
});
afterAll(() => t?.stop());

/** A link to a fresh invoice of `total` minor units in `currency`, of which all but `due` was paid outside the portal. */
async function invoiceOwing(total: number, due = total, currency = 'usd'): Promise<string> {
  const seed: SeededCustomer = await seedCustomer(t);
  const created = await graphql(t.url, CreateCustomerDocument, { input: { name: 'Emmy Noether', currency } }, { token: seed.adminApiKey });
  const customer = { organizationId: seed.organizationId, customerId: created.body.data!.createCustomer.id };
  const invoice = await createInvoice(t, customer, { issuedInDays: 0, dueInDays: 30, amount: total });
  if (due < total) await recordPaidElsewhere(t, invoice.id, total - due);
  return (await issueToken(t, customer, { invoiceId: invoice.id })).token;
}

async function refused(token: string, input: CreatePaymentIntentInput) {
  const res = await expectNothingChanged(t, () => graphql(t.url, CreatePaymentIntentDocument, { input }, { token }));
  return res.body.data!.createPaymentIntent;
}

describe('a part that would leave less than the minimum charge', () => {
  it.each([
    ['one cent', 49_899],
    ['49 cents', 49_851],
  ])('leaving %s of $499.00 is refused, saying to pay all or at most $498.50', async (_case, amount) => {
    const token = await invoiceOwing(49_900);
    expect(await refused(token, { amount })).toMatchObject({
      __typename: 'AmountLeavesUnpayableRemainderError',
      code: 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER',
      amountDue: { amount: 49_900, formatted: '$499.00' },
      maximumPartial: { amount: 49_850, formatted: '$498.50' },
      minimum: { amount: 50, formatted: '$0.50' },
    });
  });

  it.each([50, 51, 79])('of an invoice owing $0.80, any part (%i) is refused: only all of it can be paid', async (amount) => {
    const token = await invoiceOwing(10_000, 80);
    expect(await refused(token, { amount })).toMatchObject({ __typename: 'AmountLeavesUnpayableRemainderError', amountDue: { amount: 80 }, maximumPartial: null });
  });

  it("follows the currency's own minimum: leaving £0.25 is refused, leaving £0.30 is not", async () => {
    const token = await invoiceOwing(10_000, 10_000, 'gbp');
    expect(await refused(token, { amount: 9_975 })).toMatchObject({ __typename: 'AmountLeavesUnpayableRemainderError', minimum: { amount: 30, currency: 'gbp' } });
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: { amount: 9_970 } }, { token });
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: 9_970 } });
  });
});

describe("an amount above Stripe's largest single charge ($999,999.99)", () => {
  it.each([
    ['all that is due, by default', {}],
    ['all that is due, named', { amount: 150_000_000 }],
    ['one cent above the maximum', { amount: 100_000_000 }],
  ])('%s is AmountAboveMaximumError, never a decline', async (_case, input) => {
    const token = await invoiceOwing(150_000_000);
    expect(await refused(token, input)).toMatchObject({ __typename: 'AmountAboveMaximumError', code: 'AMOUNT_ABOVE_MAXIMUM', maximum: { amount: 99_999_999, formatted: '$999,999.99' } });
  });

  it('is paid in parts: the maximum now, the rest later', async () => {
    const token = await invoiceOwing(150_000_000);
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: { amount: 99_999_999 } }, { token });
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: 99_999_999 } });
  });
});

describe('an invoice owing less than the minimum charge', () => {
  it.each([
    ['all that is due', {}],
    ['the amount due', { amount: 30 }],
    ['the minimum charge', { amount: 50 }],
    ['more than is due', { amount: 5_000 }],
  ])('asked to be paid %s, answers that it cannot be paid online', async (_case, input) => {
    const token = await invoiceOwing(49_900, 30);
    expect(await refused(token, input)).toMatchObject({
      __typename: 'InvoiceNotPayableOnlineError',
      code: 'INVOICE_NOT_PAYABLE_ONLINE',
      amountDue: { amount: 30, formatted: '$0.30' },
      minimum: { amount: 50, formatted: '$0.50' },
    });
  });
});
