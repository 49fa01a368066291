/** What a customer sees through a payment link, over HTTP with the real server and database. */
import {
  BalanceDocument,
  InvoiceDocument,
  PaymentHistoryDocument,
  PaymentMethodsDocument,
  RevokeCustomerPaymentTokenDocument,
} from '../graphql/generated/operations';
import {
  expireToken,
  markInvoicePaid,
  markInvoicesPaid,
  recordPaidElsewhere,
  recordPayments,
  saveCards,
  seedCustomer,
  type SeededCustomer,
} from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let ada: SeededCustomer;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
  ada = await seedCustomer(t);
});
afterAll(() => t?.stop());

describe('invoice', () => {
  it('without an id, is the oldest open invoice, with its line items and money in minor units', async () => {
    const res = await graphql(t.url, InvoiceDocument, {}, { token: ada.token });
    expect(res.body.errors).toBeUndefined();
    const invoice = res.body.data!.invoice;
    expect(invoice.id).toBe(ada.invoiceIds[0]);
    expect(invoice.status).toBe('OPEN');
    expect(invoice.total).toEqual({ amount: 192_500, currency: 'usd', formatted: '$1,925.00' });
    expect(invoice.amountPaid.amount).toBe(0);
    expect(invoice.amountDue.amount).toBe(192_500);
    expect(invoice.lineItems).toEqual([
      {
        description: 'Analytical Engine consulting (hours)',
        quantity: 12,
        unitAmount: { amount: 15_000, currency: 'usd', formatted: '$150.00' },
        amount: { amount: 180_000, currency: 'usd', formatted: '$1,800.00' },
      },
      {
        description: 'Punched cards',
        quantity: 500,
        unitAmount: { amount: 25, currency: 'usd', formatted: '$0.25' },
        amount: { amount: 12_500, currency: 'usd', formatted: '$125.00' },
      },
    ]);
  });

  it('with an id, is that invoice of the customer, with its own line items', async () => {
    const res = await graphql(t.url, InvoiceDocument, { id: ada.invoiceIds[1] }, { token: ada.token });
    expect(res.body.data!.invoice).toMatchObject({ id: ada.invoiceIds[1], total: { amount: 49_900 } });
    expect(res.body.data!.invoice.lineItems.map(({ description, amount }) => [description, amount.amount])).toEqual([['Monthly support plan', 49_900]]);
  });

  it("reports another customer's invoice exactly like a missing one", async () => {
    const bob = await seedCustomer(t);
    const other = await graphql(t.url, InvoiceDocument, { id: bob.invoiceIds[0] }, { token: ada.token });
    const missing = await graphql(t.url, InvoiceDocument, { id: 'cl_no_such_invoice' }, { token: ada.token });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    expect(other.status).toBe(missing.status);
    expect(other.body.errors![0].message).toBe(missing.body.errors![0].message);
    expect(other.body.errors![0].extensions).toEqual(missing.body.errors![0].extensions);
  });

  it('of a link bound to one invoice, is always that invoice and nothing else', async () => {
    const bound = await seedCustomer(t, { invoiceBound: true });
    const implicit = await graphql(t.url, InvoiceDocument, {}, { token: bound.token });
    expect(implicit.body.data!.invoice.id).toBe(bound.invoiceIds[1]);
    expect(implicit.body.data!.invoice.lineItems.map((item) => item.description)).toEqual(['Monthly support plan']);
    const sibling = await graphql(t.url, InvoiceDocument, { id: bound.invoiceIds[0] }, { token: bound.token });
    expect(errorCodes(sibling)).toEqual(['NOT_FOUND']);
  });

  it('honours the standard @include and @skip directives', async () => {
    const res = await graphql(t.url, 'query($full: Boolean!) { invoice { id number @include(if: $full) status @skip(if: true) } }', { full: false }, { token: ada.token });
    expect(res.body).toEqual({ data: { invoice: { id: ada.invoiceIds[0] } } });
  });

  it('is NOT_FOUND when the customer has no open invoice', async () => {
    const carol = await seedCustomer(t);
    await markInvoicesPaid(t, carol.customerId);
    const res = await graphql(t.url, InvoiceDocument, {}, { token: carol.token });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });
});

describe('balance', () => {
  it('sums what is due over open invoices and the overdue part of it', async () => {
    const res = await graphql(t.url, BalanceDocument, undefined, { token: ada.token });
    expect(res.body.data!.balance).toEqual({
      totalOutstanding: { amount: 242_400, currency: 'usd', formatted: '$2,424.00' },
      overdue: { amount: 192_500, currency: 'usd', formatted: '$1,925.00' },
      openInvoiceCount: 2,
    });
  });

  it('of a link bound to one invoice, is what is due on that invoice alone', async () => {
    const bound = await seedCustomer(t, { invoiceBound: true });
    const res = await graphql(t.url, BalanceDocument, undefined, { token: bound.token });
    expect(res.body.data!.balance).toEqual({
      totalOutstanding: { amount: 49_900, currency: 'usd', formatted: '$499.00' },
      overdue: { amount: 0, currency: 'usd', formatted: '$0.00' },
      openInvoiceCount: 1,
    });
    // Once its invoice is paid, nothing is owed through it, though the customer's other invoice is still open.
    await markInvoicePaid(t, bound.invoiceIds[1]);
    const after = await graphql(t.url, BalanceDocument, undefined, { token: bound.token });
    expect(after.body.data!.balance).toMatchObject({ totalOutstanding: { amount: 0 }, openInvoiceCount: 0 });
  });

  it('goes down by what was paid', async () => {
    const dave = await seedCustomer(t);
    await recordPaidElsewhere(t, dave.invoiceIds[0], 2_500);
    const res = await graphql(t.url, BalanceDocument, undefined, { token: dave.token });
    expect(res.body.data!.balance.totalOutstanding.amount).toBe(242_400 - 2_500);
    expect(res.body.data!.balance.overdue.amount).toBe(192_500 - 2_500);
  });
});

describe('paymentHistory', () => {
  let erin: SeededCustomer;
  beforeAll(async () => {
    erin = await seedCustomer(t);
    await recordPayments(t, erin, [100, 200, 300, 400, 500]);
  });

  it('lists payments newest first', async () => {
    const res = await graphql(t.url, PaymentHistoryDocument, {}, { token: erin.token });
    const amounts = res.body.data!.paymentHistory.edges.map((e) => e.node.amount.amount);
    expect(amounts).toEqual([500, 400, 300, 200, 100]);
    expect(res.body.data!.paymentHistory.edges[0].node).toMatchObject({ status: 'SUCCEEDED', cardBrand: 'visa', cardLast4: '4242', overpaid: null });
    expect(res.body.data!.paymentHistory.pageInfo.hasNextPage).toBe(false);
  });

  it('pages with first and after until the end, with Relay page info', async () => {
    const page = async (after: string | null) =>
      (await graphql(t.url, PaymentHistoryDocument, { first: 2, after }, { token: erin.token })).body.data!.paymentHistory;
    const pages = [await page(null)];
    while (pages.length < 5 && pages.at(-1)!.pageInfo.hasNextPage) pages.push(await page(pages.at(-1)!.pageInfo.endCursor));
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.amount.amount))).toEqual([500, 400, 300, 200, 100]);

    // Each page names its first and last cursor; only the first page has nothing before it.
    const [first, second, last] = pages;
    expect(pages.map((p) => p.pageInfo)).toEqual([
      { hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[1].cursor },
      { hasNextPage: true, hasPreviousPage: true, startCursor: second.edges[0].cursor, endCursor: second.edges[1].cursor },
      { hasNextPage: false, hasPreviousPage: true, startCursor: last.edges[0].cursor, endCursor: last.edges[0].cursor },
    ]);
    // Past the last payment: an empty page, without cursors.
    expect(await page(last.pageInfo.endCursor)).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
  });

  it('caps first at 100', async () => {
    const frank = await seedCustomer(t);
    await recordPayments(t, frank, Array.from({ length: 105 }, (_, i) => 100 + i));
    // Lean fields: the query cost counts the 100 rows this returns, and every field of 100 payments is over it.
    const res = await graphql(t.url, `query($first: Int) { paymentHistory(first: $first) { edges { node { id } } pageInfo { hasNextPage } } }`, { first: 500 }, { token: frank.token });
    const { paymentHistory } = res.body.data as { paymentHistory: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } };
    expect(paymentHistory.edges).toHaveLength(100);
    expect(paymentHistory.pageInfo.hasNextPage).toBe(true);
  });

  it('answers first: 0 with no edges, but says whether there are payments to page through', async () => {
    const res = await graphql(t.url, PaymentHistoryDocument, { first: 0 }, { token: erin.token });
    expect(res.body.data!.paymentHistory).toEqual({ edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it('refuses a cursor it did not hand out, and a negative page size', async () => {
    const bad = await graphql(t.url, PaymentHistoryDocument, { after: 'bm90LWEtY3Vyc29y' }, { token: erin.token });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const negative = await graphql(t.url, PaymentHistoryDocument, { first: -1 }, { token: erin.token });
    expect(errorCodes(negative)).toEqual(['BAD_USER_INPUT']);
  });

  it('of a link bound to one invoice, shows only the payments of that invoice, page after page', async () => {
    const bound = await seedCustomer(t, { invoiceBound: true });
    // Interleaved in time: the other invoice's payments sit between the bound invoice's.
    await recordPayments(t, bound, [101, 102, 103], { invoiceId: bound.invoiceIds[0] });
    await recordPayments(t, bound, [201, 202, 203], { invoiceId: bound.invoiceIds[1] });
    await recordPayments(t, bound, [104], { invoiceId: bound.invoiceIds[0] });
    const first = (await graphql(t.url, PaymentHistoryDocument, { first: 2 }, { token: bound.token })).body.data!.paymentHistory;
    const rest = (await graphql(t.url, PaymentHistoryDocument, { after: first.pageInfo.endCursor }, { token: bound.token })).body.data!.paymentHistory;
    expect([...first.edges, ...rest.edges].map((e) => [e.node.invoiceId, e.node.amount.amount])).toEqual([
      [bound.invoiceIds[1], 203],
      [bound.invoiceIds[1], 202],
      [bound.invoiceIds[1], 201],
    ]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it("never shows another customer's payments", async () => {
    const res = await graphql(t.url, PaymentHistoryDocument, {}, { token: ada.token });
    expect(res.body.data!.paymentHistory.edges).toEqual([]);
  });
});

describe('paymentMethods', () => {
  it('lists saved cards with the default first, and never a card number', async () => {
    const gina = await seedCustomer(t);
    // The default is the older card, so "default first" is not just "newest first".
    await saveCards(t, gina.customerId, [
      { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: true },
      { brand: 'mastercard', last4: '4444', expMonth: 1, expYear: 2031 },
    ]);
    const res = await graphql(t.url, PaymentMethodsDocument, undefined, { token: gina.token });
    expect(res.body.data!.paymentMethods.map(({ id: _id, ...m }) => m)).toEqual([
      { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: true },
      { brand: 'mastercard', last4: '4444', expMonth: 1, expYear: 2031, isDefault: false },
    ]);
    const ownMethods = await graphql(t.url, PaymentMethodsDocument, undefined, { token: ada.token });
    expect(ownMethods.body.data!.paymentMethods).toEqual([]);
  });
});

describe('token lifetime', () => {
  it('stops working on the very next request after revocation or expiry', async () => {
    const hank = await seedCustomer(t);
    expect((await graphql(t.url, BalanceDocument, undefined, { token: hank.token })).body.errors).toBeUndefined();
    await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: hank.tokenId }, { token: hank.adminApiKey });
    expect(errorCodes(await graphql(t.url, BalanceDocument, undefined, { token: hank.token }))).toEqual(['UNAUTHENTICATED']);

    const ivy = await seedCustomer(t);
    expect((await graphql(t.url, BalanceDocument, undefined, { token: ivy.token })).body.errors).toBeUndefined();
    await expireToken(t, ivy.tokenId);
    // Told apart from a wrong link only because the secret is right: the page then offers a new link by email.
    expect(errorCodes(await graphql(t.url, BalanceDocument, undefined, { token: ivy.token }))).toEqual(['LINK_EXPIRED']);
  });
});
