/**
 * Amount tampering: a customer chooses how much to pay (partial payments are allowed), so every amount a client
 * can send is an attack surface. Each refusal leaves no payment attempt behind, and nothing reaches Stripe.
 */
import { CreateInvoiceDocument, CreatePaymentIntentDocument, type CreatePaymentIntentInput } from '../graphql/generated/operations';
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

let t: TestApp;
/** A link bound to an open invoice of $499.00. */
let c: SeededCustomer;
const DUE = 49_900;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  c = await seedCustomer(t, { invoiceBound: true });
});
afterAll(() => t?.stop());

function pay(input: CreatePaymentIntentInput) {
  return expectNothingChanged(t, () => graphql(t.url, CreatePaymentIntentDocument, { input }, { token: c.token }));
}

describe('createPaymentIntent refuses a tampered amount', () => {
  it.each([
    ['negative', -100],
    ['zero', 0],
  ])('%s: InvalidAmountError', async (_case, amount) => {
    const res = await pay({ amount });
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'InvalidAmountError', code: 'INVALID_AMOUNT' });
  });

  it.each([
    ['fractional', 10.5],
    ['2^31, beyond GraphQL Int', 2 ** 31],
    ['beyond the safe integers', 2 ** 53 + 2],
    ['astronomical', 1e308],
    ['a string', '49900'],
  ])('%s: BAD_USER_INPUT before any resolver runs', async (_case, amount) => {
    const res = await pay({ amount: amount as number });
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('one cent above what is due: AmountExceedsBalanceError, which says what is due', async () => {
    const res = await pay({ amount: DUE + 1 });
    expect(res.body.data!.createPaymentIntent).toMatchObject({
      __typename: 'AmountExceedsBalanceError',
      code: 'AMOUNT_EXCEEDS_BALANCE',
      amountDue: { amount: DUE, currency: 'usd' },
    });
  });

  it("in another currency than the invoice's: CurrencyMismatchError", async () => {
    const res = await pay({ amount: 1_000, currency: 'eur' });
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'CurrencyMismatchError', code: 'CURRENCY_MISMATCH', expectedCurrency: 'usd' });
  });

  it("below Stripe's minimum charge (a card-testing favourite): AmountBelowMinimumError", async () => {
    const res = await pay({ amount: 1 });
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'AmountBelowMinimumError', minimum: { amount: 50, currency: 'usd' } });
  });

  it('the same request with the amount due is accepted: the refusals above are about the amount alone', async () => {
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: { amount: DUE, currency: 'usd' } }, { token: c.token });
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: DUE, currency: 'usd' } });
  });
});

describe('createInvoice refuses line items that would make a nonsense total', () => {
  it.each([
    ['a negative unit amount', [{ description: 'Credit', quantity: 1, unitAmount: -50_000 }]],
    ['a quantity of zero', [{ description: 'Nothing', quantity: 0, unitAmount: 1_000 }]],
    ['a total beyond what an Int can carry', [{ description: 'Overflow', quantity: 1_000_000, unitAmount: 2_000_000_000 }]],
    ['items that sum past the limit', [{ description: 'Half', quantity: 1, unitAmount: 600_000_000 }, { description: 'Half', quantity: 1, unitAmount: 600_000_000 }]],
    ['no items at all', []],
  ])('%s: BAD_USER_INPUT', async (_case, lineItems) => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, CreateInvoiceDocument, { input: { customerId: c.customerId, lineItems } }, { token: c.adminApiKey }),
    );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});
