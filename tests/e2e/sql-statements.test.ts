/** The portal page costs the same number of SQL statements however many line items, payments or cards there are. */
import { CreateInvoiceDocument, InvoicesDocument, PortalPageDocument } from '../graphql/generated/operations';
import { createInvoice, markInvoicesPaid, recordPayments, saveCards, seedCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

let t: TestApp;
beforeAll(async () => {
  // Token usage is written behind requests, once per flush, and the email sender looks for messages once per poll: a
  // minute apart here, so neither lands in a count.
  t = await startTestApp({ ...NO_RATE_LIMITS, TOKEN_USAGE_FLUSH_MS: '60000', EMAIL_SEND_POLL_MS: '60000' });
});
afterAll(() => t?.stop());

async function customerWith(items: number) {
  const seed = await seedCustomer(t);
  // The page shows the oldest open invoice: the demo's are paid, so it is this one.
  await markInvoicesPaid(t, seed.customerId);
  const lineItems = Array.from({ length: items }, (_, i) => ({ description: `Item ${i}`, quantity: 1, unitAmount: 100 }));
  const created = await graphql(t.url, CreateInvoiceDocument, { input: { customerId: seed.customerId, lineItems } }, { token: seed.adminApiKey });
  await recordPayments(t, seed, Array(items).fill(1), { invoiceId: created.body.data!.createInvoice.id });
  await saveCards(t, seed.customerId, Array(items).fill({ brand: 'visa', last4: '4242', expMonth: 1, expYear: 2030 }));
  return seed.token;
}

/** The statements of one request, and its data, after the same request once warmed the token cache (the steady state). */
async function statementsOf<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables> | string,
  token: string,
  variables?: TVariables,
): Promise<{ statements: string[]; data: TData }> {
  await graphql(t.url, document, variables, { token });
  const statements: string[] = [];
  const stop = t.app.database.onStatement((sql) => statements.push(sql));
  const res = await graphql(t.url, document, variables, { token });
  stop();
  expect(res.body.errors).toBeUndefined();
  return { statements, data: res.body.data! };
}

it('runs the same number of statements at 5 and at 50 line items, payments and saved cards', async () => {
  const small = await statementsOf(PortalPageDocument, await customerWith(5));
  const large = await statementsOf(PortalPageDocument, await customerWith(50));
  expect(small.data.invoice.lineItems).toHaveLength(5);
  expect(large.data.invoice.lineItems).toHaveLength(50);
  expect(large.statements.length).toBe(small.statements.length);
  expect(small.statements.length).toBeGreaterThan(0);
});

it('sends the page\'s reads together on PostgreSQL: one round trip for the token check beside the invoice with its line items, the balance, payments and cards', async () => {
  const { statements } = await statementsOf(PortalPageDocument, await customerWith(5));
  // SQLite reads in-process, one prepared statement each: nothing to save by batching.
  expect(statements).toHaveLength(t.app.database.provider === 'postgresql' ? 1 : 6);
  expect(statements.filter((sql) => /FROM "InvoiceLineItem"/.test(sql))).toHaveLength(1);
  expect(statements.filter((sql) => /FROM "CustomerPaymentToken"/.test(sql))).toHaveLength(1);
});

it('checks a token that authenticated before its page\'s reads go out: first in a round trip of its own, then beside them', async () => {
  const token = await customerWith(5);
  const first: string[] = [];
  const stop = t.app.database.onStatement((sql) => first.push(sql));
  expect((await graphql(t.url, PortalPageDocument, undefined, { token })).body.errors).toBeUndefined();
  stop();
  const { statements } = await statementsOf(PortalPageDocument, token);
  expect(first.filter((sql) => /FROM "CustomerPaymentToken"/.test(sql))).toHaveLength(1);
  expect(statements.filter((sql) => /FROM "CustomerPaymentToken"/.test(sql))).toHaveLength(1);
  if (t.app.database.provider === 'postgresql') {
    expect(first).toHaveLength(2);
    expect(first[0]).toMatch(/^SELECT "id", "organizationId", "customerId", "invoiceId", "verifierHash", "expiresAt", "revokedAt" FROM "CustomerPaymentToken"/);
    expect(statements).toHaveLength(1);
  }
});

it('reads no line items for an invoice asked for without them', async () => {
  const { statements } = await statementsOf('query { invoice { id total { amount } } }', await customerWith(5));
  expect(statements.some((sql) => /FROM "Invoice" /.test(sql))).toBe(true);
  expect(statements.filter((sql) => /FROM "InvoiceLineItem"/.test(sql))).toEqual([]);
});

it('reads a page of invoices in one statement, and their line items in one more, at 5 and at 30 invoices', async () => {
  // 30, not more: the query cost counts every row of the page, and 30 invoices with every field is near the limit.
  async function statementsForInvoices(count: number) {
    const seed = await seedCustomer(t);
    for (let i = 0; i < count - 2; i++) await createInvoice(t, seed, { issuedInDays: -1, dueInDays: 10 + i });
    const { statements, data } = await statementsOf(InvoicesDocument, seed.token, { first: 30 });
    expect(data.invoices.edges).toHaveLength(count);
    return {
      total: statements.length,
      invoiceReads: statements.filter((sql) => /FROM "Invoice" /.test(sql)).length,
      lineItemReads: statements.filter((sql) => /FROM "InvoiceLineItem"/.test(sql)).length,
    };
  }
  const small = await statementsForInvoices(5);
  const large = await statementsForInvoices(30);
  expect(small).toMatchObject({ invoiceReads: 1, lineItemReads: 1 });
  expect(large).toEqual(small);
});
