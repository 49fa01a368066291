/**
 * Refunds end to end, followed one by one by Stripe's refund id through the emulator's webhooks (refund.created,
 * refund.updated, refund.failed, charge.refund.updated, charge.refunded): a refund that fails after succeeding gives
 * the money back, partial refunds delivered out of order and twice end where Stripe is, and a pending refund counts
 * from the start. Each asserts the invoice, the customer's history, the admin's view and the audit log.
 */
import { RefundPaymentDocument } from '../graphql/generated/operations';
import { payInvoice, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { moneyViews } from '../support/money-views';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
});
afterAll(() => t?.stop());
afterEach(() => t.stripe.faults.reset());

/** A fresh customer whose link is bound to one open invoice of $499.00. */
const customer = (): Promise<SeededCustomer> => seedCustomer(t, { invoiceBound: true });

const { invoice, history, adminView } = moneyViews(() => t);

async function auditActions(paymentId: string) {
  const rows = await t.app.database.prisma.auditLog.findMany({ where: { targetId: paymentId, action: { startsWith: 'REFUND' } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => row.action);
}

describe('a refund', () => {
  it('of a pm_card_refundFail payment succeeds, then fails: the money is back in amountPaid and the admin is told', async () => {
    const c = await customer();
    const { paymentId } = await payInvoice(t, c.token, 'pm_card_refundFail');
    const res = await graphql(t.url, RefundPaymentDocument, { input: { paymentId, amount: 10_000, reason: 'REQUESTED_BY_CUSTOMER', requestId: 'refund-fail-1' } }, { token: c.adminApiKey });
    expect(res.body.data!.refundPayment).toMatchObject({ __typename: 'Refund', status: 'SUCCEEDED', amount: { amount: 10_000 } });
    await t.stripe.flushWebhooks();
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 39_900 }, amountDue: { amount: 0 } });
    expect(await history(c)).toMatchObject([{ status: 'PARTIALLY_REFUNDED', amountRefunded: { amount: 10_000 } }]);

    await t.stripe.runDelayed(); // Stripe fails it later: the card was closed
    await t.stripe.flushWebhooks();

    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect(await history(c)).toMatchObject([{ status: 'SUCCEEDED', amountRefunded: { amount: 0 } }]);
    expect((await adminView(c)).payments).toMatchObject([
      { needsAttention: ['REFUND_FAILED'], refunds: [{ status: 'FAILED', failureReason: 'expired_or_canceled_card', amount: { amount: 10_000 } }] },
    ]);
    expect(await auditActions(paymentId)).toEqual(['REFUND_REQUESTED', 'REFUND_RECORDED', 'REFUND_FAILED']);
    const failed = await t.app.database.prisma.auditLog.findFirstOrThrow({ where: { targetId: paymentId, action: 'REFUND_FAILED' } });
    expect(JSON.parse(failed.details!)).toMatchObject({ status: 'FAILED', previousStatus: 'SUCCEEDED', invoiceAmountPaid: 49_900, paymentRefunded: 0 });
  });

  it('in two parts, made in the dashboard and delivered out of order and twice, ends where Stripe is', async () => {
    const c = await customer();
    const { paymentIntentId, paymentId } = await payInvoice(t, c.token);
    t.stripe.faults.configure({ duplicateWebhooks: true, reorderWebhooks: true });
    const first = await t.stripe.refund(paymentIntentId, 10_000);
    const second = await t.stripe.refund(paymentIntentId, 5_000);
    await t.stripe.flushWebhooks();

    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 34_900 }, amountDue: { amount: 0 } });
    expect(await history(c)).toMatchObject([{ status: 'PARTIALLY_REFUNDED', amount: { amount: 49_900 }, amountRefunded: { amount: 15_000 } }]);
    const { refunds } = (await adminView(c)).payments[0];
    expect(refunds.map((r) => [r.providerRefundId, r.status, r.amount.amount]).sort()).toEqual(
      [
        [first.id, 'SUCCEEDED', 10_000],
        [second.id, 'SUCCEEDED', 5_000],
      ].sort(),
    );
    expect(await auditActions(paymentId)).toEqual(['REFUND_RECORDED', 'REFUND_RECORDED']);
    const charge = await t.browser.stripe.charges.retrieve((await t.browser.stripe.paymentIntents.retrieve(paymentIntentId)).latest_charge as string);
    expect(charge.amount_refunded).toBe(15_000);
  });

  it('still pending counts at once; canceled, it gives the money back, and the other one then succeeds', async () => {
    const c = await customer();
    const { paymentIntentId, paymentId } = await payInvoice(t, c.token, 'pm_card_pendingRefund');
    const canceled = await t.stripe.refund(paymentIntentId, 9_900);
    const kept = await t.stripe.refund(paymentIntentId, 20_000);
    await t.stripe.flushWebhooks();
    expect(await invoice(c)).toMatchObject({ amountPaid: { amount: 20_000 } });
    expect(await history(c)).toMatchObject([{ status: 'PARTIALLY_REFUNDED', amountRefunded: { amount: 29_900 } }]);

    await t.stripe.cancelRefund(canceled.id);
    await t.stripe.succeedRefund(kept.id);
    await t.stripe.flushWebhooks();
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 29_900 } });
    expect(await history(c)).toMatchObject([{ status: 'PARTIALLY_REFUNDED', amountRefunded: { amount: 20_000 } }]);
    expect((await adminView(c)).payments[0].refunds.map((r) => [r.providerRefundId, r.status])).toEqual([
      [canceled.id, 'CANCELED'],
      [kept.id, 'SUCCEEDED'],
    ]);
    expect(await auditActions(paymentId)).toEqual(['REFUND_RECORDED', 'REFUND_RECORDED', 'REFUND_CANCELED', 'REFUND_UPDATED']);
  });

  it('on a part-paid invoice gives money back without adding it to what is still owed', async () => {
    const c = await customer();
    const { paymentIntentId } = await payInvoice(t, c.token, 'pm_card_visa', 20_000);
    await t.stripe.refund(paymentIntentId, 5_000);
    await t.stripe.flushWebhooks();
    expect(await invoice(c)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 15_000 }, amountDue: { amount: 29_900 } });
  });
});
