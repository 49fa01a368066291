/**
 * Unique constraints under concurrency (OWASP API4/API8): a client that sends the same request many times at once
 * gets client errors or the one outcome, never an internal error. Every unique index a client can reach is tried:
 * an organization's invoice numbers (admin), a customer's one default card, a saved card's provider id and an
 * invoice's one open payment attempt (portal). The rest cannot be reached by a client: token and key selectors are
 * 96 random bits, line positions are written by the server in one statement, and payments, refunds, webhook events
 * and provider customers are keyed by the provider's ids and settled idempotently (tests/e2e/money-races).
 */
import {
  AddPaymentMethodDocument,
  CreateInvoiceDocument,
  CreatePaymentIntentDocument,
  PaymentMethodsDocument,
  SetDefaultMethodDocument,
} from '../graphql/generated/operations';
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type GraphQLResponse, type TestApp } from '../support/test-app';
import { snapshotDatabase, startSecurityApp } from './support';

let t: TestApp;
let a: SeededCustomer;
let b: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  a = await seedCustomer(t);
  b = await seedCustomer(t);
});
afterAll(() => t?.stop());

const PARALLEL = 10;

const invoice = (customerId: string, number: string) => ({ customerId, number, lineItems: [{ description: 'Retainer', quantity: 1, unitAmount: 25_000 }] });

function noInternalErrors(responses: GraphQLResponse<unknown>[]) {
  for (const res of responses) expect(errorCodes(res)).not.toContain('INTERNAL_SERVER_ERROR');
}

describe("an organization's invoice numbers", () => {
  it.each([
    ['one number sent ten times', () => Array.from({ length: PARALLEL }, () => 'RACE-001')],
    ['numbers that are the same once trimmed', () => Array.from({ length: PARALLEL }, (_, i) => `${' '.repeat(i % 3)}RACE-002${' '.repeat(i % 2)}`)],
  ])('%s at once: exactly one invoice is created, every other request is BAD_USER_INPUT "already used"', async (_case, numbers) => {
    const before = await snapshotDatabase(t);
    const responses = await Promise.all(numbers().map((number) => graphql(t.url, CreateInvoiceDocument, { input: invoice(a.customerId, number) }, { token: a.adminApiKey })));

    noInternalErrors(responses);
    const created = responses.filter((res) => !res.body.errors);
    const refused = responses.filter((res) => res.body.errors);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(PARALLEL - 1);
    const number = created[0].body.data!.createInvoice.number;
    for (const res of refused) {
      expect(res.body.errors).toEqual([expect.objectContaining({ message: `Invoice number ${number} is already used.`, extensions: { code: 'BAD_USER_INPUT', field: 'number' } })]);
    }

    // What changed is the one invoice and its line: nothing of the refused requests was written.
    const after = await snapshotDatabase(t);
    const id = created[0].body.data!.createInvoice.id;
    expect(after.Invoice.filter((row) => (row as { id: string }).id !== id)).toEqual(before.Invoice);
    expect(after.InvoiceLineItem.filter((row) => (row as { invoiceId: string }).invoiceId !== id)).toEqual(before.InvoiceLineItem);
    expect({ ...after, Invoice: [], InvoiceLineItem: [] }).toEqual({ ...before, Invoice: [], InvoiceLineItem: [] });
  });

  it('the same number in two organizations at once is two invoices', async () => {
    const responses = await Promise.all([
      ...Array.from({ length: PARALLEL / 2 }, () => graphql(t.url, CreateInvoiceDocument, { input: invoice(a.customerId, 'SHARED-1') }, { token: a.adminApiKey })),
      ...Array.from({ length: PARALLEL / 2 }, () => graphql(t.url, CreateInvoiceDocument, { input: invoice(b.customerId, 'SHARED-1') }, { token: b.adminApiKey })),
    ]);
    noInternalErrors(responses);
    expect(responses.filter((res) => !res.body.errors)).toHaveLength(2);
    expect(await t.app.database.prisma.invoice.count({ where: { number: 'SHARED-1' } })).toBe(2);
  });
});

describe('portal constraints', () => {
  it("one card added ten times at once is saved once, as the customer's default", async () => {
    const c = await seedCustomer(t);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () => graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: 'pm_card_visa' } }, { token: c.token })),
    );
    noInternalErrors(responses);
    const methods = (await graphql(t.url, PaymentMethodsDocument, undefined, { token: c.token })).body.data!.paymentMethods;
    expect(methods.filter((m) => m.isDefault)).toHaveLength(1);
  });

  it('changing the default card to different cards at once leaves exactly one default', async () => {
    const c = await seedCustomer(t);
    const ids: string[] = [];
    for (const card of ['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex']) {
      const res = await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: card } }, { token: c.token });
      ids.push((res.body.data!.addPaymentMethod as { id: string }).id);
    }
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => graphql(t.url, SetDefaultMethodDocument, { id: ids[i % ids.length] }, { token: c.token })),
    );
    noInternalErrors(responses);
    const methods = (await graphql(t.url, PaymentMethodsDocument, undefined, { token: c.token })).body.data!.paymentMethods;
    expect(methods.filter((m) => m.isDefault)).toHaveLength(1);
  });

  it('paying one invoice from ten requests at once opens one payment attempt', async () => {
    const c = await seedCustomer(t);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () => graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: c.invoiceIds[0] } }, { token: c.token })),
    );
    noInternalErrors(responses);
    expect(await t.app.database.prisma.paymentAttempt.count({ where: { invoiceId: c.invoiceIds[0], openInvoiceId: { not: null } } })).toBe(1);
  });
});
