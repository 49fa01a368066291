/**
 * Signed webhooks whose body is not what we expect, over HTTP against the real server. Stripe retries any non-2xx
 * answer for days, so the answer must say what a retry would do: 400 for an event we cannot understand (a field
 * missing, an object of another type than the event's, something the provider itself no longer knows), logged with
 * the event's id and type and kept as rejected; 500 only when applying it failed and a retry may succeed. An event
 * written in another Stripe API version is applied when its shape is understood, with a warning naming both versions.
 */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '../../src/payments/stripe/stripe-api-version';
import { AddPaymentMethodDocument, PaymentMethodsDocument } from '../graphql/generated/operations';
import { providerIdOfCard, seedCustomer, withTableMissing } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
});
afterAll(() => t?.stop());

/** Posts `body` to the webhook endpoint, signed with the endpoint's secret as Stripe signs it. */
async function deliver(body: string): Promise<Response> {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: t.app.config.stripe.webhookSecret! });
  return fetch(`${t.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
}

/** A Stripe event envelope around `object`. */
function event(type: string, object: Record<string, unknown>, apiVersion: string = STRIPE_API_VERSION) {
  return {
    id: `evt_${randomBytes(8).toString('hex')}`,
    object: 'event',
    api_version: apiVersion,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

function intentObject(fields: Record<string, unknown> = {}) {
  const id = `pi_${randomBytes(8).toString('hex')}`;
  return {
    id, object: 'payment_intent', status: 'succeeded', amount: 49_900, amount_received: 49_900, currency: 'usd', client_secret: `${id}_secret_abc`,
    customer: null, metadata: {}, payment_method: null, last_payment_error: null, next_action: null, ...fields,
  };
}

function cardObject(id: string, customer: string | null = null) {
  return { id, object: 'payment_method', type: 'card', customer, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 }, metadata: {} };
}

/** The JSON log lines the server wrote about an event. */
const logLinesAbout = (eventId: string) => t.logs().split('\n').filter((line) => line.includes(eventId)).map((line) => JSON.parse(line) as Record<string, unknown>);

const stored = (eventId: string) => t.app.database.prisma.webhookEvent.findUnique({ where: { id: eventId } });

describe('a signed event we cannot understand is answered 400, logged, kept as rejected, and never applied', () => {
  it.each([
    ['a payment intent without its amount', () => event('payment_intent.succeeded', { ...intentObject(), amount: undefined })],
    ['a payment intent of a status Stripe does not have', () => event('payment_intent.succeeded', intentObject({ status: 'settled' }))],
    ['a payment method event about a source', () => event('payment_method.updated', { id: 'src_123', object: 'source', type: 'card' })],
    ['a card without its last four digits', () => event('payment_method.automatically_updated', { ...cardObject('pm_123'), card: { brand: 'visa', exp_month: 1, exp_year: 2030 } })],
    ['a setup intent without its status', () => event('setup_intent.succeeded', { id: 'seti_123', object: 'setup_intent', customer: 'cus_1', payment_method: 'pm_1', metadata: {} })],
    ['an event without data.object', () => ({ ...event('payment_intent.succeeded', {}), data: {} })],
  ])('%s', async (_case, make) => {
    const body = make();
    const res = await deliver(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(await stored(body.id)).toMatchObject({ type: body.type, processedAt: expect.any(Date), lastError: expect.stringMatching(/^rejected: /) });
    expect(logLinesAbout(body.id)).toContainEqual(expect.objectContaining({ level: 50, eventId: body.id, type: body.type, msg: expect.stringContaining('not understood') }));

    // Stripe delivers it again: the same answer, one row, and `payments reconcile` leaves it alone (it is processed).
    expect((await deliver(JSON.stringify(body))).status).toBe(400);
    expect(await t.app.database.prisma.webhookEvent.count({ where: { id: body.id } })).toBe(1);
    expect(await t.app.services.webhooks.reprocessStuck()).toBe(0);
  });

  it('keeps the body without its client secret', async () => {
    const body = event('payment_intent.succeeded', { ...intentObject(), currency: undefined });
    expect((await deliver(JSON.stringify(body))).status).toBe(400);
    const row = await stored(body.id);
    expect(row!.payload).toContain(body.data.object.id);
    expect(row!.payload).not.toContain('_secret_');
  });

  it('a body that is signed but not JSON', async () => {
    const res = await deliver('{"id": "evt_truncated", "type": "payment_intent.succ');
    expect(res.status).toBe(400);
    expect(await stored('evt_truncated')).toBeNull();
  });

  it('an event naming a payment intent Stripe does not know', async () => {
    const body = event('payment_intent.succeeded', intentObject({ payment_method: 'pm_gone' }));
    const res = await deliver(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(await stored(body.id)).toMatchObject({ processedAt: expect.any(Date), lastError: expect.stringMatching(/^rejected: .*No such payment_intent/) });
    expect(logLinesAbout(body.id)).toContainEqual(expect.objectContaining({ level: 50, eventId: body.id, type: 'payment_intent.succeeded' }));
  });
});

describe('the Stripe API version of an event', () => {
  it('another version is applied when its shape is understood, with a warning naming both versions', async () => {
    const body = event('payment_method.detached', cardObject('pm_not_ours'), '2024-06-20');
    const res = await deliver(JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(await stored(body.id)).toMatchObject({ processedAt: expect.any(Date), lastError: null });
    const warning = logLinesAbout(body.id).find((line) => line.level === 40);
    expect(warning).toMatchObject({ eventId: body.id, type: 'payment_method.detached', eventApiVersion: '2024-06-20', pinnedApiVersion: STRIPE_API_VERSION });
    expect(warning!.msg).toEqual(expect.stringContaining(`set the webhook endpoint's API version to ${STRIPE_API_VERSION}`));
  });

  it('another version whose shape is not understood is refused like any unreadable event', async () => {
    const body = event('payment_method.updated', { ...cardObject('pm_123'), card: { brand: 'visa', last_four: '4242' } }, '2019-02-19');
    expect((await deliver(JSON.stringify(body))).status).toBe(400);
    expect(logLinesAbout(body.id)).toContainEqual(expect.objectContaining({ level: 50, eventApiVersion: '2019-02-19', pinnedApiVersion: STRIPE_API_VERSION }));
  });

  it('the pinned version raises no warning', async () => {
    const body = event('payment_method.detached', cardObject('pm_also_not_ours'));
    expect((await deliver(JSON.stringify(body))).status).toBe(200);
    expect(logLinesAbout(body.id).filter((line) => line.level === 40)).toEqual([]);
  });
});

describe('an event we understood but failed to apply', () => {
  it('is answered 500, so Stripe delivers it again, and applied then', async () => {
    const c = await seedCustomer(t);
    const added = await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: 'pm_card_visa' } }, { token: c.token });
    const card = added.body.data!.addPaymentMethod as { id: string };
    const stripeId = await providerIdOfCard(t, card.id);
    t.stripe.faults.configure({ holdWebhooks: true }); // Stripe's own event stays back: this test delivers it
    await t.browser.stripe.paymentMethods.detach(stripeId);
    const body = event('payment_method.detached', cardObject(stripeId, null));

    const failed = await withTableMissing(t, 'PaymentMethod', () => deliver(JSON.stringify(body)));
    expect(failed.status).toBe(500);
    expect(await stored(body.id)).toMatchObject({ processedAt: null, lastError: expect.not.stringMatching(/^rejected/) });

    expect((await deliver(JSON.stringify(body))).status).toBe(200);
    expect((await graphql(t.url, PaymentMethodsDocument, undefined, { token: c.token })).body.data!.paymentMethods).toEqual([]);
    t.stripe.faults.reset();
  });
});
