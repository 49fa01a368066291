/**
 * POST /webhooks/stripe settles payments on Stripe's word, so it is the one place an attacker could mark an
 * invoice paid without paying. Every attack below sends a `payment_intent.succeeded` that would pay a real,
 * open invoice: forged, unsigned, stale, or with a signature made for other bytes. The last tests send the same
 * event correctly signed, to show it really would have paid, and replay it. A signature dated ahead is refused like a
 * stale one: Stripe's SDK checks only the past, and such a signature would stay replayable until its date.
 */
import Stripe from 'stripe';
import { CreatePaymentIntentDocument, InvoiceDocument } from '../graphql/generated/operations';
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, request, startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;
let secret: string;
/** A `payment_intent.succeeded` event for the customer's real open intent, for the whole amount due. */
let succeeded: string;
const stripe = new Stripe('sk_test_unused');
const DUE = 49_900;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  c = await seedCustomer(t, { invoiceBound: true });
  secret = t.app.config.stripe.webhookSecret!;

  const created = (await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token })).body.data!.createPaymentIntent;
  if (created.__typename !== 'PaymentIntent') throw new Error(`setup: no intent (${created.__typename})`);
  const intent = await t.browser.stripe.paymentIntents.retrieve(created.id);
  succeeded = JSON.stringify({
    id: 'evt_forged_payment',
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    type: 'payment_intent.succeeded',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { ...intent, status: 'succeeded', amount_received: intent.amount } },
  });
});
afterAll(() => t?.stop());

function deliver(body: string | Buffer, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  return request(t.url, { path: '/webhooks/stripe', method: 'POST', headers, body });
}

const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? secret, timestamp: options.timestamp });

const rejections = () => t.app.database.prisma.auditLog.count({ where: { action: 'WEBHOOK_REJECTED' } });

async function expectRejected(body: string | Buffer, signature?: string) {
  const res = await expectNothingChanged(t, () => deliver(body, signature));
  expect(res.status).toBe(400);
  expect(res.json).toEqual({ error: 'Invalid signature.' });
}

describe('refused, audited, and nothing is stored or paid', () => {
  it('audits a rejection once per address and minute, so a flood of forgeries cannot flood the audit log', async () => {
    const before = await rejections();
    for (let i = 0; i < 5; i++) await expectRejected(succeeded, 't=1,v1=deadbeef');
    expect(await rejections()).toBe(before + 1);
  });

  it('forged: signed with a secret that is not ours', async () => {
    await expectRejected(succeeded, sign(succeeded, { secret: 'whsec_attackersOwnSecret0000000000' }));
  });

  it('unsigned: no Stripe-Signature header', async () => {
    await expectRejected(succeeded);
  });

  it('a signature header that is not one', async () => {
    await expectRejected(succeeded, 't=not-a-time,v1=deadbeef');
  });

  it('replayed beyond the 300 s tolerance: correctly signed, 301 s ago', async () => {
    await expectRejected(succeeded, sign(succeeded, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
  });

  // A few seconds past the tolerance, not one: the request takes time to arrive, and a signature dated 301 s ahead is
  // within 300 s of the server's clock after a second under load (seen on a busy PostgreSQL run).
  it('dated ahead beyond the same tolerance: correctly signed for 310 s from now, or for next year', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(succeeded, sign(succeeded, { timestamp: now + 310 }));
    await expectRejected(succeeded, sign(succeeded, { timestamp: now + 365 * 24 * 3600 }));
  });

  it('tampered: a valid signature of another body (a one-cent payment) on the full-amount body', async () => {
    const cheap = succeeded.replace(`"amount_received":${DUE}`, '"amount_received":1');
    expect(cheap).not.toBe(succeeded);
    await expectRejected(succeeded, sign(cheap));
  });

  it('larger than any Stripe event: 413 before the signature is even read, naming the webhook\'s own limit', async () => {
    const res = await expectNothingChanged(t, () => deliver(Buffer.alloc(600 * 1024, 'x'), sign('x')));
    expect(res.status).toBe(413);
    expect(res.json!.errors![0].message).toBe('The request body is larger than 524288 bytes (512 KiB).');
  });
});

describe('the same event, correctly signed now', () => {
  it('is accepted and pays the invoice: the refusals above were about the signature alone', async () => {
    const res = await deliver(succeeded, sign(succeeded));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ outcome: 'processed' });
    const invoice = await graphql(t.url, InvoiceDocument, {}, { token: c.token });
    expect(invoice.body.data!.invoice).toMatchObject({ status: 'PAID', amountPaid: { amount: DUE } });
  });

  it('replayed within the tolerance, is a duplicate that changes nothing', async () => {
    const res = await expectNothingChanged(t, () => deliver(succeeded, sign(succeeded)));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ outcome: 'duplicate' });
  });
});
