/**
 * Admins act on money through the API, not Stripe's dashboard, over HTTP with their admin key: refunding a payment
 * (in part, the rest, then once too many; once per request id), voiding an invoice (its open intent canceled at
 * Stripe first; a payment that lands on it anyway recorded and flagged), and reading a customer's invoices and an
 * invoice's payments. Each asserts the invoice, the customer's history, what Stripe holds, and the audit rows.
 */
import {
  CreatePaymentIntentDocument,
  CustomerInvoicesDocument,
  InvoicePaymentsDocument,
  RefundPaymentDocument,
  VoidInvoiceDocument,
  type RefundPaymentInput,
} from '../graphql/generated/operations';
import { openAttempt, payInvoice, providerCustomerIdOf, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { moneyViews } from '../support/money-views';
import { errorCodes, graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
});
afterAll(() => t?.stop());

/** A fresh customer whose link is bound to one open invoice of $499.00. */
const customer = (): Promise<SeededCustomer> => seedCustomer(t, { invoiceBound: true });
const db = () => t.app.database.prisma;

const { invoice, history } = moneyViews(() => t);

async function refund(c: SeededCustomer, input: RefundPaymentInput) {
  const res = await graphql(t.url, RefundPaymentDocument, { input }, { token: c.adminApiKey });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.refundPayment;
}

async function voidInvoice(c: SeededCustomer, id = c.invoiceIds[1]) {
  const res = await graphql(t.url, VoidInvoiceDocument, { id }, { token: c.adminApiKey });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.voidInvoice;
}

async function payments(c: SeededCustomer) {
  const res = await graphql(t.url, InvoicePaymentsDocument, { invoiceId: c.invoiceIds[1] }, { token: c.adminApiKey });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.invoicePayments;
}

const auditRows = (targetId: string, action: string) => db().auditLog.findMany({ where: { targetId, action }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

describe('refundPayment', () => {
  it('refunds part of a payment, then the rest, then refuses one too many', async () => {
    const c = await customer();
    const { paymentIntentId, paymentId } = await payInvoice(t, c.token);

    expect(await refund(c, { paymentId, amount: 10_000, reason: 'REQUESTED_BY_CUSTOMER', note: 'Late delivery', requestId: 'part-1' })).toMatchObject({
      __typename: 'Refund',
      status: 'SUCCEEDED',
      amount: { amount: 10_000, currency: 'usd' },
      reason: 'REQUESTED_BY_CUSTOMER',
      note: 'Late delivery',
      providerRefundId: expect.stringMatching(/^re_/),
    });
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 39_900 }, amountDue: { amount: 0 } });
    expect(await history(c)).toMatchObject([{ status: 'PARTIALLY_REFUNDED', amountRefunded: { amount: 10_000 } }]);

    expect(await refund(c, { paymentId, reason: 'REQUESTED_BY_CUSTOMER', requestId: 'the-rest' })).toMatchObject({ __typename: 'Refund', amount: { amount: 39_900 } });
    expect(await refund(c, { paymentId, amount: 100, reason: 'DUPLICATE', requestId: 'too-many' })).toMatchObject({
      __typename: 'RefundExceedsRefundableError',
      code: 'REFUND_EXCEEDS_REFUNDABLE',
      refundable: { amount: 0, currency: 'usd' },
    });
    await t.stripe.flushWebhooks();

    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 0 }, amountDue: { amount: 0 } });
    expect(await history(c)).toMatchObject([{ status: 'REFUNDED', amount: { amount: 49_900 }, amountRefunded: { amount: 49_900 } }]);
    const atStripe = await t.browser.stripe.refunds.list({ payment_intent: paymentIntentId });
    expect(atStripe.data.map((r) => [r.amount, r.reason, r.metadata?.refund_request_id !== undefined])).toEqual([
      [39_900, 'requested_by_customer', true],
      [10_000, 'requested_by_customer', true],
    ]);
    const requested = await auditRows(paymentId, 'REFUND_REQUESTED');
    expect(requested).toHaveLength(2);
    expect(requested[0]).toMatchObject({ actorType: 'ADMIN_KEY', actorId: expect.any(String), organizationId: c.organizationId });
    expect(JSON.parse(requested[0].details!)).toMatchObject({ amount: 10_000, reason: 'REQUESTED_BY_CUSTOMER', requestId: 'part-1' });
    expect(await auditRows(paymentId, 'REFUND_RECORDED')).toHaveLength(2);
  });

  it('refunds once per requestId, sent twice at once or again later', async () => {
    const c = await customer();
    const { paymentIntentId, paymentId } = await payInvoice(t, c.token);
    const input = { paymentId, amount: 5_000, reason: 'DUPLICATE' as const, requestId: 'same-request' };
    const [a, b] = await Promise.all([refund(c, input), refund(c, input)]);
    const again = await refund(c, input);
    expect(a).toMatchObject({ __typename: 'Refund' });
    expect(b).toEqual(a);
    expect(again).toEqual(a);
    expect(await refund(c, { ...input, amount: 6_000 })).toMatchObject({ __typename: 'RefundRequestConflictError' });
    expect((await t.browser.stripe.refunds.list({ payment_intent: paymentIntentId })).data).toHaveLength(1);
    expect((await invoice(c)).amountPaid.amount).toBe(44_900);
  });

  it('answers Stripe\'s refusal as RefundRejectedError, and a payment of another organization exactly like a made-up one', async () => {
    const c = await customer();
    const other = await customer();
    const { paymentId } = await payInvoice(t, other.token);
    const res = await graphql(t.url, RefundPaymentDocument, { input: { paymentId, reason: 'DUPLICATE' } }, { token: c.adminApiKey });
    const missing = await graphql(t.url, RefundPaymentDocument, { input: { paymentId: 'made-up', reason: 'DUPLICATE' } }, { token: c.adminApiKey });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(res.body.errors![0].message).toBe(missing.body.errors![0].message);

    // Refunded in Stripe's dashboard meanwhile, before its webhook arrived: Stripe has nothing left to refund.
    const { paymentIntentId, paymentId: mine } = await payInvoice(t, c.token);
    t.stripe.faults.configure({ holdWebhooks: true });
    await t.stripe.refund(paymentIntentId);
    expect(await refund(c, { paymentId: mine, reason: 'DUPLICATE' })).toMatchObject({ __typename: 'RefundRejectedError', providerCode: 'charge_already_refunded' });
    t.stripe.faults.configure({ holdWebhooks: false });
    await t.stripe.flushWebhooks();
    expect(await history(c)).toMatchObject([{ status: 'REFUNDED' }]);
    expect(await auditRows(mine, 'REFUND_REJECTED')).toHaveLength(1);
  });

  it('is refused to a payment link', async () => {
    const c = await customer();
    const { paymentId } = await payInvoice(t, c.token);
    const res = await graphql(t.url, RefundPaymentDocument, { input: { paymentId, reason: 'DUPLICATE' } }, { token: c.token });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(await db().refund.count({ where: { paymentId } })).toBe(0);
  });
});

describe('voidInvoice', () => {
  it('cancels the open intent at Stripe first; the invoice can no longer be paid', async () => {
    const c = await customer();
    const created = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token });
    const intent = created.body.data!.createPaymentIntent as { id: string };

    expect(await voidInvoice(c)).toMatchObject({ __typename: 'AdminInvoice', status: 'VOID', voidedAt: expect.any(String), amountDue: { amount: 0 } });
    expect((await t.browser.stripe.paymentIntents.retrieve(intent.id)).status).toBe('canceled');
    expect(await invoice(c)).toMatchObject({ status: 'VOID', amountDue: { amount: 0 }, payableOnline: false });
    const again = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token });
    expect(again.body.data!.createPaymentIntent).toMatchObject({ __typename: 'InvoiceNotPayableError', invoiceStatus: 'VOID' });
    // Voiding twice keeps the first time.
    expect(await voidInvoice(c)).toMatchObject({ status: 'VOID' });
    const voided = await auditRows(c.invoiceIds[1], 'INVOICE_VOIDED');
    expect(voided).toHaveLength(1);
    expect(voided[0]).toMatchObject({ actorType: 'ADMIN_KEY', targetType: 'Invoice' });
    expect(JSON.parse(voided[0].details!)).toMatchObject({ canceledPaymentIntents: [intent.id] });
  });

  it('records a payment that still lands on the void invoice, flagged for the admin and not counted as overpaid', async () => {
    const c = await customer();
    await voidInvoice(c);
    // The race this stands for: a checkout that read the invoice open just before the void committed, opened its
    // attempt after it, and the customer's bank confirmed the payment.
    const providerCustomerId = (await providerCustomerIdOf(t, c.customerId)) ?? (await t.app.services.providerCustomers.idFor(c.customerId));
    const late = await t.app.services.provider.createIntent({ amount: 49_900, currency: 'usd', providerCustomerId, savePaymentMethod: false, metadata: {}, idempotencyKey: `late-${c.customerId}` });
    await openAttempt(t, c, c.invoiceIds[1], late.id, 49_900);
    await t.browser.confirm(late.id, 'pm_card_visa');
    await t.stripe.flushWebhooks();

    expect(await invoice(c)).toMatchObject({ status: 'VOID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect(await history(c)).toMatchObject([{ status: 'SUCCEEDED', amount: { amount: 49_900 }, overpaid: null }]);
    const listed = await payments(c);
    expect(listed.invoice).toMatchObject({ status: 'VOID', amountPaid: { amount: 49_900 } });
    expect(listed.payments).toMatchObject([{ providerPaymentIntentId: late.id, needsAttention: ['PAID_ON_VOID_INVOICE'], overpaid: null }]);
    expect(await auditRows(listed.payments[0].id, 'PAYMENT_FLAGGED')).toHaveLength(1);

    // The admin refunds it: nothing needs attention any more.
    await refund(c, { paymentId: listed.payments[0].id, reason: 'DUPLICATE', requestId: 'void-landing' });
    expect((await payments(c)).payments[0].needsAttention).toEqual([]);
    expect(await invoice(c)).toMatchObject({ status: 'VOID', amountPaid: { amount: 0 } });
  });

  it('refuses a paid invoice, and one holding money', async () => {
    const c = await customer();
    await payInvoice(t, c.token, 'pm_card_visa', 10_000);
    expect(await voidInvoice(c)).toMatchObject({ __typename: 'InvoiceNotVoidableError', invoiceStatus: 'OPEN', amountPaid: { amount: 10_000 } });
    await payInvoice(t, c.token);
    expect(await voidInvoice(c)).toMatchObject({ __typename: 'InvoiceNotVoidableError', invoiceStatus: 'PAID' });
    expect(await auditRows(c.invoiceIds[1], 'INVOICE_VOIDED')).toHaveLength(0);
  });
});

describe('reading money', () => {
  it("lists a customer's invoices newest first, a page at a time, and an invoice's payments with their refunds and disputes", async () => {
    const c = await customer();
    const { paymentIntentId, paymentId } = await payInvoice(t, c.token);
    await t.stripe.refund(paymentIntentId, 1_000);
    await t.stripe.dispute(paymentIntentId, { amount: 5_000 });
    await t.stripe.flushWebhooks();

    const first = await graphql(t.url, CustomerInvoicesDocument, { customerId: c.customerId, first: 1 }, { token: c.adminApiKey });
    expect(first.body.data!.customerInvoices.edges.map((e) => e.node.id)).toEqual([c.invoiceIds[1]]);
    expect(first.body.data!.customerInvoices.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = await graphql(t.url, CustomerInvoicesDocument, { customerId: c.customerId, first: 1, after: first.body.data!.customerInvoices.pageInfo.endCursor }, { token: c.adminApiKey });
    expect(next.body.data!.customerInvoices.edges.map((e) => e.node)).toMatchObject([{ id: c.invoiceIds[0], status: 'OPEN', amountDue: { amount: 192_500 } }]);

    const listed = await payments(c);
    expect(listed.invoice).toMatchObject({ status: 'OPEN', amountPaid: { amount: 43_900 }, amountRefunded: { amount: 1_000 }, amountDue: { amount: 5_000 } });
    expect(listed.payments).toMatchObject([
      {
        id: paymentId,
        status: 'DISPUTED',
        cardLast4: '4242',
        amountRefunded: { amount: 1_000 },
        amountDisputed: { amount: 5_000 },
        refunds: [{ status: 'SUCCEEDED', amount: { amount: 1_000 }, reason: null }],
        disputes: [{ status: 'NEEDS_RESPONSE', amount: { amount: 5_000 }, amountWithdrawn: { amount: 5_000 }, evidenceDueBy: expect.any(String) }],
        needsAttention: ['DISPUTE_NEEDS_RESPONSE'],
      },
    ]);
    expect(await db().auditLog.count({ where: { action: 'ADMIN_QUERY', organizationId: c.organizationId, details: { contains: 'invoicePayments' } } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: 'ADMIN_QUERY', organizationId: c.organizationId, details: { contains: 'customerInvoices' } } })).toBe(2);
  });

  it("answers another organization's invoice and customer exactly like made-up ones", async () => {
    const c = await customer();
    const other = await customer();
    const pairs = [
      [
        await graphql(t.url, InvoicePaymentsDocument, { invoiceId: other.invoiceIds[1] }, { token: c.adminApiKey }),
        await graphql(t.url, InvoicePaymentsDocument, { invoiceId: 'made-up' }, { token: c.adminApiKey }),
      ],
      [
        await graphql(t.url, CustomerInvoicesDocument, { customerId: other.customerId }, { token: c.adminApiKey }),
        await graphql(t.url, CustomerInvoicesDocument, { customerId: 'made-up' }, { token: c.adminApiKey }),
      ],
    ];
    for (const [res, missing] of pairs) {
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
      expect(res.body.errors![0].message).toBe(missing.body.errors![0].message);
    }
  });
});
