/**
 * Reaching past a link's scope (OWASP API1): a link bound to one invoice is given to someone who should see that
 * invoice, not the customer's account. Whatever it sends, it reads only its invoice (balance, history, listings)
 * and changes nothing else: not the other invoices, their payments or payment intents, nor the saved cards, which
 * it may pay with but not manage. Each refusal leaves the database as it was.
 */
import {
  AddPaymentMethodDocument,
  BalanceDocument,
  ConfirmPaymentDocument,
  CreatePaymentIntentDocument,
  InvoiceDocument,
  InvoicesDocument,
  PaymentHistoryDocument,
  PaymentMethodsDocument,
  RemovePaymentMethodDocument,
  SetDefaultMethodDocument,
} from '../graphql/generated/operations';
import { issueToken, recordPayments, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type GraphQLResponse, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

let t: TestApp;
/** The customer, through a link for the whole account; `bound` is a link to its second invoice only. */
let account: SeededCustomer;
let bound: { token: string };
let otherInvoiceId: string;
let otherIntentId: string;
let cardIds: string[];
/** Cursors the account-wide link was given, pointing into the other invoice's rows. */
let otherInvoiceCursor: string;
let otherPaymentCursor: string;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  account = await seedCustomer(t);
  otherInvoiceId = account.invoiceIds[0];
  await recordPayments(t, account, [1_111, 2_222], { invoiceId: otherInvoiceId });
  await recordPayments(t, account, [3_333], { invoiceId: account.invoiceIds[1] });
  cardIds = [];
  for (const card of ['pm_card_visa', 'pm_card_mastercard']) {
    const added = (await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: card } }, { token: account.token })).body.data!.addPaymentMethod;
    if (added.__typename !== 'PaymentMethod') throw new Error(`setup: card not saved (${added.__typename})`);
    cardIds.push(added.id);
  }
  const intent = (await graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: otherInvoiceId, amount: 5_000 } }, { token: account.token })).body.data!.createPaymentIntent;
  if (intent.__typename !== 'PaymentIntent') throw new Error(`setup: no intent (${intent.__typename})`);
  otherIntentId = intent.id;
  otherInvoiceCursor = (await graphql(t.url, InvoicesDocument, { first: 1 }, { token: account.token })).body.data!.invoices.edges[0].cursor;
  const history = (await graphql(t.url, PaymentHistoryDocument, {}, { token: account.token })).body.data!.paymentHistory.edges;
  otherPaymentCursor = history.find((edge) => edge.node.invoiceId === otherInvoiceId)!.cursor;
  bound = await issueToken(t, account, { invoiceId: account.invoiceIds[1] });
});
afterAll(() => t?.stop());

const as = (token: string) => ({ token });

describe('reading through a bound link', () => {
  it('the balance is its invoice alone, not the sum over the account', async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, BalanceDocument, undefined, as(bound.token)));
    expect(res.body.data!.balance).toMatchObject({ totalOutstanding: { amount: 49_900 }, overdue: { amount: 0 }, openInvoiceCount: 1 });
  });

  it.each([
    ['from the start', {}],
    ["after a cursor into the other invoice's payments", { after: () => otherPaymentCursor }],
  ])('the payment history is its invoice alone, %s', async (_case, variables) => {
    const after = 'after' in variables ? variables.after() : undefined;
    const res = await expectNothingChanged(t, () => graphql(t.url, PaymentHistoryDocument, { after }, as(bound.token)));
    const invoices = new Set(res.body.data!.paymentHistory.edges.map((edge) => edge.node.invoiceId));
    expect([...invoices].filter((id) => id !== account.invoiceIds[1])).toEqual([]);
  });

  it('the other invoice is not found by id, and not listed after a cursor pointing at it', async () => {
    const byId = await expectNothingChanged(t, () => graphql(t.url, InvoiceDocument, { id: otherInvoiceId }, as(bound.token)));
    expect(errorCodes(byId)).toEqual(['NOT_FOUND']);
    const listed = await expectNothingChanged(t, () => graphql(t.url, InvoicesDocument, { after: otherInvoiceCursor }, as(bound.token)));
    expect(listed.body.data!.invoices.edges.map((edge) => edge.node.id).filter((id) => id !== account.invoiceIds[1])).toEqual([]);
  });

  it('the saved cards are listed, to pay with', async () => {
    const res = await graphql(t.url, PaymentMethodsDocument, undefined, as(bound.token));
    expect(res.body.data!.paymentMethods.map((card) => card.id).sort()).toEqual([...cardIds].sort());
  });
});

describe('changing through a bound link', () => {
  const refused = { __typename: 'CardManagementNotAllowedError', code: 'CARD_MANAGEMENT_NOT_ALLOWED' };

  it.each<[string, () => Promise<GraphQLResponse<Record<string, unknown>>>]>([
    ['adding a card', () => graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: 'pm_card_amex', setAsDefault: true } }, as(bound.token))],
    ['making another card the default', () => graphql(t.url, SetDefaultMethodDocument, { id: cardIds[1] }, as(bound.token))],
    ['removing the default card', () => graphql(t.url, RemovePaymentMethodDocument, { id: cardIds[0] }, as(bound.token))],
    ['removing a card that does not exist', () => graphql(t.url, RemovePaymentMethodDocument, { id: 'cl0000000000000000000none' }, as(bound.token))],
  ])('%s is refused with CardManagementNotAllowedError, changing nothing', async (_case, attack) => {
    const res = await expectNothingChanged(t, attack);
    expect(Object.values(res.body.data!)[0]).toMatchObject(refused);
  });

  it('paying the other invoice is refused as not found, changing nothing (its open payment intent is left alone)', async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: otherInvoiceId, amount: 1_000, paymentMethodId: cardIds[0] } }, as(bound.token)),
    );
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });

  it("confirming the other invoice's payment intent is refused as not found, recording nothing through this link", async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: otherIntentId }, as(bound.token)));
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });

  it('paying its own invoice with a saved card is what it is for', async () => {
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: { paymentMethodId: cardIds[1] } }, as(bound.token));
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: 49_900 } });
  });
});
