/**
 * What the payment page reads through a link, beyond one invoice: who sent the link and to whom, the customer's
 * invoices a page at a time, and what each invoice lets the customer pay. Over HTTP with the real server and database.
 */
import { cliMain } from '../../src/cli/main';
import {
  CreateCustomerDocument,
  CreatePaymentIntentDocument,
  GenerateCustomerPaymentTokenDocument,
  InvoiceDocument,
  InvoicesDocument,
  PaymentLinkDocument,
  type InvoiceStatus,
} from '../graphql/generated/operations';
import {
  createInvoice,
  issueToken,
  markInvoicePaid,
  recordPaidElsewhere,
  seedCustomer,
  voidInvoice,
  type SeededCustomer, issuedLink } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let ada: SeededCustomer;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
  ada = await seedCustomer(t);
});
afterAll(() => t?.stop());

const DAY_MS = 86_400_000;

describe('paymentLink', () => {
  it('of an account-wide link: the organization with its support email, the customer, no invoice, and the expiry', async () => {
    const res = await graphql(t.url, PaymentLinkDocument, undefined, { token: ada.token });
    expect(res.body.errors).toBeUndefined();
    const link = res.body.data!.paymentLink;
    expect(link).toEqual({
      organization: { name: 'Demo Organization', supportEmail: 'billing@demo.example' },
      customer: { id: ada.customerId, name: 'Ada Lovelace', email: 'ada@example.com', locale: null, currency: 'usd' },
      invoiceId: null,
      expiresAt: expect.any(String),
    });
    // PAYMENT_TOKEN_LIFETIME_DAYS (7) from now.
    expect(Math.round((Date.parse(link.expiresAt) - Date.now()) / DAY_MS)).toBe(7);
  });

  it('of a link bound to one invoice: names that invoice', async () => {
    const bound = await seedCustomer(t, { invoiceBound: true });
    const link = (await graphql(t.url, PaymentLinkDocument, undefined, { token: bound.token })).body.data!.paymentLink;
    expect(link).toMatchObject({ invoiceId: bound.invoiceIds[1], customer: { id: bound.customerId } });
  });

  it('shows the expiry the link was issued with', async () => {
    const { token } = await issueToken(t, ada, { expiresInDays: 2 });
    const link = (await graphql(t.url, PaymentLinkDocument, undefined, { token })).body.data!.paymentLink;
    expect(Math.round((Date.parse(link.expiresAt) - Date.now()) / DAY_MS)).toBe(2);
  });
});

describe('invoices', () => {
  /**
   * Ada's two demo invoices (overdue: due 15 days ago; open: due in 28 days) and three more: open and due in 5 days,
   * paid (issued 60 days ago) and void (issued 10 days ago).
   */
  let grace: SeededCustomer;
  const ids: Record<'overdue' | 'dueSoon' | 'dueLater' | 'paid' | 'voided', string> = {} as never;

  beforeAll(async () => {
    grace = await seedCustomer(t);
    ids.overdue = grace.invoiceIds[0];
    ids.dueLater = grace.invoiceIds[1];
    ids.dueSoon = (await createInvoice(t, grace, { issuedInDays: -1, dueInDays: 5 })).id;
    ids.paid = (await createInvoice(t, grace, { issuedInDays: -60, dueInDays: -30 })).id;
    ids.voided = (await createInvoice(t, grace, { issuedInDays: -10, dueInDays: 20 })).id;
    await markInvoicePaid(t, ids.paid);
    await voidInvoice(t, ids.voided);
  });

  const list = async (token: string, variables: { status?: InvoiceStatus; first?: number; after?: string | null } = {}) => {
    const res = await graphql(t.url, InvoicesDocument, variables, { token });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.invoices;
  };
  const idsOf = (page: Awaited<ReturnType<typeof list>>) => page.edges.map((edge) => edge.node.id);

  it('lists open invoices first, earliest due first, then the others, newest issued first', async () => {
    const page = await list(grace.token);
    expect(idsOf(page)).toEqual([ids.overdue, ids.dueSoon, ids.dueLater, ids.voided, ids.paid]);
    expect(page.edges.map((edge) => edge.node.status)).toEqual(['OPEN', 'OPEN', 'OPEN', 'VOID', 'PAID']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('gives each invoice its line items', async () => {
    const page = await list(grace.token);
    expect(page.edges[0].node.lineItems.map((item) => item.description)).toEqual(['Analytical Engine consulting (hours)', 'Punched cards']);
    expect(page.edges[1].node.lineItems).toEqual([{ description: 'Services', amount: { amount: 10_000, currency: 'usd', formatted: '$100.00' } }]);
  });

  it('filters by status', async () => {
    expect(idsOf(await list(grace.token, { status: 'OPEN' }))).toEqual([ids.overdue, ids.dueSoon, ids.dueLater]);
    expect(idsOf(await list(grace.token, { status: 'PAID' }))).toEqual([ids.paid]);
    expect(idsOf(await list(grace.token, { status: 'VOID' }))).toEqual([ids.voided]);
  });

  it('pages with first and after, across the open and the other invoices, with Relay page info', async () => {
    const pages = [await list(grace.token, { first: 2 })];
    while (pages.length < 5 && pages.at(-1)!.pageInfo.hasNextPage) pages.push(await list(grace.token, { first: 2, after: pages.at(-1)!.pageInfo.endCursor }));
    expect(pages.map(idsOf)).toEqual([[ids.overdue, ids.dueSoon], [ids.dueLater, ids.voided], [ids.paid]]);
    const [first, second, last] = pages;
    expect(pages.map((p) => p.pageInfo)).toEqual([
      { hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[1].cursor },
      { hasNextPage: true, hasPreviousPage: true, startCursor: second.edges[0].cursor, endCursor: second.edges[1].cursor },
      { hasNextPage: false, hasPreviousPage: true, startCursor: last.edges[0].cursor, endCursor: last.edges[0].cursor },
    ]);
    // Past the last invoice: an empty page, without cursors.
    expect(await list(grace.token, { first: 2, after: last.pageInfo.endCursor })).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it('pages within a status filter', async () => {
    const firstPage = await list(grace.token, { status: 'OPEN', first: 2 });
    expect(idsOf(firstPage)).toEqual([ids.overdue, ids.dueSoon]);
    const next = await list(grace.token, { status: 'OPEN', first: 2, after: firstPage.pageInfo.endCursor });
    expect(idsOf(next)).toEqual([ids.dueLater]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('pages open invoices due the same day in a stable order', async () => {
    const henry = await seedCustomer(t);
    const dueAt = new Date(Date.now() + 3 * DAY_MS);
    await t.app.database.prisma.invoice.updateMany({ where: { customerId: henry.customerId }, data: { dueAt } });
    const all = idsOf(await list(henry.token));
    const one = await list(henry.token, { first: 1 });
    const two = await list(henry.token, { first: 1, after: one.pageInfo.endCursor });
    expect([...idsOf(one), ...idsOf(two)]).toEqual(all);
    expect(new Set(all).size).toBe(2);
  });

  it('of a link bound to one invoice, lists that invoice only', async () => {
    const { token } = await issueToken(t, grace, { invoiceId: ids.dueLater });
    expect(idsOf(await list(token))).toEqual([ids.dueLater]);
    expect(idsOf(await list(token, { status: 'PAID' }))).toEqual([]);
  });

  it("never lists another customer's invoices", async () => {
    const own = idsOf(await list(ada.token));
    expect(own).toEqual([ada.invoiceIds[0], ada.invoiceIds[1]]);
    expect(own).not.toContain(ids.overdue);
    // A cursor taken from another customer's list moves the position, never the customer.
    const graces = await list(grace.token, { first: 1 });
    expect(idsOf(await list(ada.token, { after: graces.pageInfo.endCursor }))).toEqual(own.slice(1));
  });

  it('refuses a cursor it did not hand out, and a negative page size', async () => {
    const bad = await graphql(t.url, InvoicesDocument, { after: 'bm90LWEtY3Vyc29y' }, { token: grace.token });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const negative = await graphql(t.url, InvoicesDocument, { first: -1 }, { token: grace.token });
    expect(errorCodes(negative)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers 10 invoices by default, and at most 100', async () => {
    const ivan = await seedCustomer(t);
    for (let i = 0; i < 99; i++) await createInvoice(t, ivan, { issuedInDays: -1, dueInDays: 30 + i });
    const byDefault = await list(ivan.token);
    expect(byDefault.edges).toHaveLength(10);
    // Lean fields: the query cost counts the 100 rows this returns, and every field of 100 invoices is over it.
    const res = await graphql(t.url, `query($first: Int) { invoices(first: $first) { edges { node { id } } pageInfo { hasNextPage } } }`, { first: 500 }, { token: ivan.token });
    const capped = (res.body.data as { invoices: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }).invoices;
    expect(capped.edges).toHaveLength(100);
    expect(capped.pageInfo.hasNextPage).toBe(true);
  });
});

describe('Invoice.overdue', () => {
  it("is true for an open invoice past its due date by the server's clock, and never for a paid one", async () => {
    const judy = await seedCustomer(t);
    const paidLate = await createInvoice(t, judy, { issuedInDays: -40, dueInDays: -10 });
    await markInvoicePaid(t, paidLate.id);
    const overdueById = Object.fromEntries(
      (await graphql(t.url, InvoicesDocument, {}, { token: judy.token })).body.data!.invoices.edges.map((edge) => [edge.node.id, edge.node.overdue]),
    );
    expect(overdueById).toEqual({ [judy.invoiceIds[0]]: true, [judy.invoiceIds[1]]: false, [paidLate.id]: false });
    // The single-invoice query agrees.
    expect((await graphql(t.url, InvoiceDocument, { id: judy.invoiceIds[0] }, { token: judy.token })).body.data!.invoice.overdue).toBe(true);
  });
});

describe('what an invoice lets the customer pay (minimumPayment, maximumPayment, maximumPartialPayment, payableOnline)', () => {
  const invoiceOf = async (token: string, id?: string) => (await graphql(t.url, InvoiceDocument, { id }, { token })).body.data!.invoice;
  const pay = (token: string, amount?: number) => graphql(t.url, CreatePaymentIntentDocument, { input: { amount } }, { token });

  it("is from the payment provider's minimum charge in the invoice's currency to all that is due, or a part leaving at least that minimum", async () => {
    expect(await invoiceOf(ada.token)).toMatchObject({
      payableOnline: true,
      minimumPayment: { amount: 50, currency: 'usd', formatted: '$0.50' },
      maximumPayment: { amount: 192_500, currency: 'usd', formatted: '$1,925.00' },
      maximumPartialPayment: { amount: 192_450, currency: 'usd', formatted: '$1,924.50' },
    });

    const customer = await graphql(t.url, CreateCustomerDocument, { input: { name: 'Kurt Gödel', currency: 'gbp' } }, { token: ada.adminApiKey });
    const kurt = { organizationId: ada.organizationId, customerId: customer.body.data!.createCustomer.id };
    await createInvoice(t, kurt, { issuedInDays: 0, dueInDays: 30 });
    const { token } = await issueToken(t, kurt);
    expect((await invoiceOf(token)).minimumPayment).toEqual({ amount: 30, currency: 'gbp', formatted: '£0.30' });
  });

  it('is all that is due, and only that, when any smaller part would leave less than the minimum to pay later', async () => {
    const kim = await seedCustomer(t, { invoiceBound: true });
    await recordPaidElsewhere(t, kim.invoiceIds[1], 49_900 - 80);
    expect(await invoiceOf(kim.token)).toMatchObject({ payableOnline: true, minimumPayment: { amount: 80 }, maximumPayment: { amount: 80 }, maximumPartialPayment: null });
    const part = await pay(kim.token, 50);
    expect(part.body.data!.createPaymentIntent).toMatchObject({ __typename: 'AmountLeavesUnpayableRemainderError', amountDue: { amount: 80 }, maximumPartial: null, minimum: { amount: 50 } });
    expect((await pay(kim.token)).body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: 80 } });
  });

  it('says the invoice cannot be paid online when less is due than the provider can charge, and createPaymentIntent says so too', async () => {
    const lena = await seedCustomer(t, { invoiceBound: true });
    await recordPaidElsewhere(t, lena.invoiceIds[1], 49_900 - 30);
    expect(await invoiceOf(lena.token)).toMatchObject({
      status: 'OPEN',
      amountDue: { amount: 30 },
      payableOnline: false,
      minimumPayment: { amount: 50 },
      maximumPayment: { amount: 0 },
      maximumPartialPayment: null,
    });
    for (const amount of [undefined, 30, 50]) {
      expect((await pay(lena.token, amount)).body.data!.createPaymentIntent).toMatchObject({
        __typename: 'InvoiceNotPayableOnlineError',
        code: 'INVOICE_NOT_PAYABLE_ONLINE',
        amountDue: { amount: 30, currency: 'usd' },
        minimum: { amount: 50, currency: 'usd' },
      });
    }
  });

  it('offers nothing once nothing is due', async () => {
    const mia = await seedCustomer(t);
    await markInvoicePaid(t, mia.invoiceIds[0]);
    expect(await invoiceOf(mia.token, mia.invoiceIds[0])).toMatchObject({
      amountDue: { amount: 0 },
      payableOnline: false,
      minimumPayment: { amount: 50 },
      maximumPayment: { amount: 0 },
      maximumPartialPayment: null,
    });
  });

  it("is at most Stripe's largest single charge, $999,999.99, on a larger invoice: paid in parts", async () => {
    const big = await seedCustomer(t);
    const invoice = await createInvoice(t, big, { issuedInDays: 0, dueInDays: 30, amount: 150_000_000 });
    const { token } = await issueToken(t, big, { invoiceId: invoice.id });
    expect(await invoiceOf(token)).toMatchObject({
      amountDue: { amount: 150_000_000, formatted: '$1,500,000.00' },
      payableOnline: true,
      maximumPayment: { amount: 99_999_999, formatted: '$999,999.99' },
      maximumPartialPayment: { amount: 99_999_999 },
    });
    expect((await pay(token)).body.data!.createPaymentIntent).toMatchObject({ __typename: 'AmountAboveMaximumError', maximum: { amount: 99_999_999 } });
    expect((await pay(token, 99_999_999)).body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: 99_999_999 } });
  });
});

describe('Customer.locale', () => {
  const create = (locale: string | null) => graphql(t.url, CreateCustomerDocument, { input: { name: 'Émilie du Châtelet', locale } }, { token: ada.adminApiKey });

  it.each([
    ['fr-CA', 'fr-CA'],
    ['fr-ca', 'fr-CA'],
    ['EN', 'en'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('takes %s and stores it canonical, as %s', async (given, stored) => {
    const res = await create(given);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createCustomer.locale).toBe(stored);
  });

  it('is null when not given', async () => {
    expect((await create(null)).body.data!.createCustomer.locale).toBeNull();
  });

  it.each(['en_US', 'français', 'x', 'a'.repeat(36)])('refuses %s with BAD_USER_INPUT, creating nothing', async (locale) => {
    const before = await t.app.database.prisma.customer.count();
    expect(errorCodes(await create(locale))).toEqual(['BAD_USER_INPUT']);
    expect(await t.app.database.prisma.customer.count()).toBe(before);
  });

  it("is shown to the customer through the link", async () => {
    const customer = (await create('fr-ca')).body.data!.createCustomer;
    const issued = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: customer.id } }, { token: ada.adminApiKey });
    const link = await graphql(t.url, PaymentLinkDocument, undefined, { token: issuedLink(issued.body.data!.generateCustomerPaymentToken).token });
    expect(link.body.data!.paymentLink.customer).toMatchObject({ name: 'Émilie du Châtelet', locale: 'fr-CA' });
  });
});

describe('Organization.supportEmail, set with the CLI', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { NODE_ENV: 'test', DATABASE_URL: t.app.config.databaseUrl, LOG_LEVEL: 'silent' };
    const code = await cliMain([...argv, '--json'], { out: (s) => out.push(s), err: (s) => err.push(s) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  /** A link to a new customer of the organization, made as an operator would: a key from the CLI, then the admin API. */
  async function linkOf(organizationId: string): Promise<string> {
    const key = JSON.parse((await cli('admin-key', 'create', '--organization', organizationId)).out).adminApiKey;
    const customer = await graphql(t.url, CreateCustomerDocument, { input: { name: 'Niels Bohr' } }, { token: key });
    const issued = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: customer.body.data!.createCustomer.id } }, { token: key });
    return issuedLink(issued.body.data!.generateCustomerPaymentToken).token;
  }

  it('is shown on the page with the organization name', async () => {
    const created = await cli('organization', 'create', '--name', 'Initech', '--support-email', ' billing@initech.example ');
    expect(created.code).toBe(0);
    const organization = JSON.parse(created.out);
    expect(organization).toEqual({ organizationId: expect.any(String), name: 'Initech', supportEmail: 'billing@initech.example' });
    const link = await graphql(t.url, PaymentLinkDocument, undefined, { token: await linkOf(organization.organizationId) });
    expect(link.body.data!.paymentLink.organization).toEqual({ name: 'Initech', supportEmail: 'billing@initech.example' });
  });

  it('is null when the organization gave none', async () => {
    const organization = JSON.parse((await cli('organization', 'create', '--name', 'Globex')).out);
    expect(organization.supportEmail).toBeNull();
    const link = await graphql(t.url, PaymentLinkDocument, undefined, { token: await linkOf(organization.organizationId) });
    expect(link.body.data!.paymentLink.organization).toEqual({ name: 'Globex', supportEmail: null });
  });

  it('must be an email address', async () => {
    const before = await t.app.database.prisma.organization.count();
    const refused = await cli('organization', 'create', '--name', 'Hooli', '--support-email', 'not an address');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.err)).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'supportEmail is not a valid address.' } });
    expect(await t.app.database.prisma.organization.count()).toBe(before);
  });
});
