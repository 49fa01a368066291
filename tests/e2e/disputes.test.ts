/**
 * Disputes end to end: a customer's bank takes a payment back through the Stripe emulator (Stripe's own trigger, the
 * card pm_card_createDispute, or the emulator's dashboard-style control routes), Stripe tells the server by signed
 * webhooks, and the invoice, the customer's payment history, the admin's view and the audit log follow: funds
 * withdrawn reopen a paid invoice for them, a won dispute pays it again, a lost one leaves it owing.
 */
import { payInvoice, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { moneyViews } from '../support/money-views';
import { NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
});
afterAll(() => t?.stop());
afterEach(() => t.stripe.faults.reset());

/** A fresh customer whose link is bound to one open invoice of $499.00. */
const customer = (): Promise<SeededCustomer> => seedCustomer(t, { invoiceBound: true });

const { invoice, history, adminView } = moneyViews(() => t);

/** The audit rows of money after a payment, oldest first, as action names. */
async function auditOf(paymentId: string, prefix: string) {
  const rows = await t.app.database.prisma.auditLog.findMany({ where: { targetId: paymentId, action: { startsWith: prefix } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => ({ action: row.action, actorType: row.actorType, details: JSON.parse(row.details ?? '{}') as Record<string, unknown> }));
}

describe('a dispute', () => {
  it('opened on a pm_card_createDispute payment withdraws its funds and reopens the invoice; won, it pays the invoice again', async () => {
    const c = await customer();
    const { paymentId } = await payInvoice(t, c.token, 'pm_card_createDispute');

    expect(await invoice(c)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 0 }, amountDue: { amount: 49_900 }, payableOnline: true });
    expect(await history(c)).toMatchObject([{ id: paymentId, status: 'DISPUTED', amount: { amount: 49_900 }, amountDisputed: { amount: 49_900, formatted: '$499.00' } }]);
    const opened = await adminView(c);
    expect(opened.invoice).toMatchObject({ status: 'OPEN', amountPaid: { amount: 0 }, amountDue: { amount: 49_900 } });
    expect(opened.payments).toMatchObject([
      {
        status: 'DISPUTED',
        needsAttention: ['DISPUTE_NEEDS_RESPONSE'],
        disputes: [{ status: 'NEEDS_RESPONSE', reason: 'fraudulent', amount: { amount: 49_900 }, amountWithdrawn: { amount: 49_900 }, amountReinstated: { amount: 0 } }],
      },
    ]);
    const disputeId = opened.payments[0].disputes[0].providerDisputeId;
    expect(disputeId).toMatch(/^dp_/);

    await t.stripe.updateDispute(disputeId, { evidence: { uncategorized_text: 'Delivered and signed for.' }, submit: true });
    await t.stripe.closeDispute(disputeId, 'won');
    await t.stripe.flushWebhooks();

    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect(await history(c)).toMatchObject([{ status: 'SUCCEEDED', amountDisputed: { amount: 0 } }]);
    expect((await adminView(c)).payments[0]).toMatchObject({
      needsAttention: [],
      disputes: [{ status: 'WON', amountWithdrawn: { amount: 49_900 }, amountReinstated: { amount: 49_900 } }],
    });
    const audit = await auditOf(paymentId, 'DISPUTE_');
    expect(audit.map((row) => row.action)).toEqual(['DISPUTE_OPENED', 'DISPUTE_FUNDS_WITHDRAWN', 'DISPUTE_UPDATED', 'DISPUTE_CLOSED', 'DISPUTE_FUNDS_REINSTATED']);
    expect(audit.every((row) => row.actorType === 'SYSTEM' && row.details.disputeId === disputeId)).toBe(true);
    expect(audit.find((row) => row.action === 'DISPUTE_FUNDS_WITHDRAWN')!.details).toMatchObject({ amount: 49_900, invoiceStatus: 'OPEN', invoiceAmountPaid: 0, invoiceReopened: true });
    expect(audit.find((row) => row.action === 'DISPUTE_FUNDS_REINSTATED')!.details).toMatchObject({ amount: 49_900, invoiceStatus: 'PAID', invoicePaid: true });
  });

  it('lost, for part of a payment, leaves the invoice open for that part, which the customer pays again', async () => {
    const c = await customer();
    const { paymentIntentId, paymentId } = await payInvoice(t, c.token);
    const dispute = await t.stripe.dispute(paymentIntentId, { amount: 20_000, reason: 'product_not_received' });
    await t.stripe.closeDispute(dispute.id, 'lost');
    await t.stripe.flushWebhooks();

    expect(await invoice(c)).toMatchObject({ status: 'OPEN', amountPaid: { amount: 29_900 }, amountDue: { amount: 20_000 } });
    expect(await history(c)).toMatchObject([{ status: 'DISPUTED', amountDisputed: { amount: 20_000 } }]);
    expect((await adminView(c)).payments[0].disputes).toMatchObject([
      { providerDisputeId: dispute.id, status: 'LOST', reason: 'product_not_received', amountWithdrawn: { amount: 20_000 }, amountReinstated: { amount: 0 } },
    ]);
    expect((await auditOf(paymentId, 'DISPUTE_')).map((row) => row.action)).toEqual(['DISPUTE_OPENED', 'DISPUTE_FUNDS_WITHDRAWN', 'DISPUTE_CLOSED']);

    const again = await payInvoice(t, c.token, 'pm_card_mastercard');
    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 }, amountDue: { amount: 0 } });
    expect((await history(c)).map((p) => [p.id, p.status, p.amount.amount])).toEqual([
      [again.paymentId, 'SUCCEEDED', 20_000],
      [paymentId, 'DISPUTED', 49_900],
    ]);
  });

  it('ends the same with every webhook duplicated and delivered out of order, each step applied and audited once', async () => {
    const c = await customer();
    const { paymentIntentId, paymentId } = await payInvoice(t, c.token);
    t.stripe.faults.configure({ duplicateWebhooks: true, reorderWebhooks: true });
    const dispute = await t.stripe.dispute(paymentIntentId);
    await t.stripe.closeDispute(dispute.id, 'won');
    await t.stripe.flushWebhooks();

    expect(await invoice(c)).toMatchObject({ status: 'PAID', amountPaid: { amount: 49_900 } });
    expect(await history(c)).toMatchObject([{ status: 'SUCCEEDED', amountDisputed: { amount: 0 } }]);
    expect((await auditOf(paymentId, 'DISPUTE_')).map((row) => row.action).sort()).toEqual(
      ['DISPUTE_CLOSED', 'DISPUTE_FUNDS_REINSTATED', 'DISPUTE_FUNDS_WITHDRAWN', 'DISPUTE_OPENED'].sort(),
    );
    const delivered = t.stripe.deliveries.filter((d) => d.type.startsWith('charge.dispute.') && d.status === 200);
    expect(delivered.length).toBeGreaterThan(4);
  });
});
