import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { signPayload } from '../../src/stripe-emulator/webhook-dispatcher';
import { WEBHOOK_SECRET, startEmulator, startWebhookReceiver, type WebhookReceiver } from './emulator-harness';

describe('Stripe emulator: webhook signatures', () => {
  it('signs byte-for-byte like the SDK\'s own generateTestHeaderString', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event' }, null, 2);
    const reference = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: 1700000000 });
    expect(signPayload(payload, WEBHOOK_SECRET, 1700000000)).toBe(reference);
  });
});

describe('Stripe emulator: webhooks', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let receiver: WebhookReceiver;

  async function start(statusFor?: (n: number) => number) {
    receiver = await startWebhookReceiver(statusFor);
    ({ emulator, stripe } = await startEmulator({ webhook: { url: receiver.url, secret: WEBHOOK_SECRET } }));
  }
  afterEach(async () => {
    await emulator.stop();
    await receiver.close();
  });

  const pay = () =>
    stripe.paymentIntents.create({ amount: 1200, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: 'pm_card_visa', confirm: true });

  it('posts every event signed so that stripe.webhooks.constructEvent accepts it', async () => {
    await start();
    const intent = await pay();
    await emulator.flushWebhooks();

    // As with Stripe's asynchronous capture, the charge's balance transaction follows in charge.updated.
    expect(receiver.events.map((e) => e.type)).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'charge.updated']);
    expect(receiver.events[2].data.object).toMatchObject({ id: intent.id, status: 'succeeded' });
    expect(receiver.events.every((e) => e.api_version === Stripe.API_VERSION)).toBe(true);
    expect(receiver.raw[0].signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const verifier = new Stripe('sk_test_unused');
    expect(() => verifier.webhooks.constructEvent(receiver.raw[0].body, receiver.raw[0].signature, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(emulator.deliveries.every((d) => d.status === 200 && d.attempt === 1)).toBe(true);
  });

  it('holds deliveries until released, e.g. to see the API response long before the webhook', async () => {
    await start();
    emulator.faults.holdWebhooks();
    const intent = await pay();
    expect(receiver.raw).toHaveLength(0);
    emulator.faults.releaseWebhooks();
    await emulator.flushWebhooks();
    expect(receiver.events.find((e) => e.type === 'payment_intent.succeeded')).toMatchObject({ data: { object: { id: intent.id } } });
  });

  it('settles an intent by webhook alone when the customer pays "in the browser" (succeedOutOfBand)', async () => {
    await start();
    const intent = await stripe.paymentIntents.create({ amount: 1200, currency: 'usd', allowed_payment_method_types: ['card'] });
    await emulator.succeedOutOfBand(intent.id);
    await emulator.flushWebhooks();
    expect(receiver.events.find((e) => e.type === 'payment_intent.succeeded'))
      .toMatchObject({ request: null, data: { object: { id: intent.id, status: 'succeeded' } } });
  });

  it('retries a receiver that answers 500 twice until it answers 200', async () => {
    await start((n) => (n <= 2 ? 500 : 200));
    const customer = await stripe.customers.create({});
    await emulator.flushWebhooks();

    expect(emulator.deliveries.map(({ status, attempt }) => ({ status, attempt }))).toEqual([
      { status: 500, attempt: 1 }, { status: 500, attempt: 2 }, { status: 200, attempt: 3 },
    ]);
    expect(receiver.events).toEqual([expect.objectContaining({ type: 'customer.created', data: { object: expect.objectContaining({ id: customer.id }) } })]);
  });

  it('gives up after the retry delays are used up, and records connection errors', async () => {
    await start(() => 503);
    await receiver.close();
    await stripe.customers.create({});
    await emulator.flushWebhooks();
    expect(emulator.deliveries.map((d) => d.status)).toEqual(['error', 'error', 'error']);
  });

  it('delivers each event twice with duplicateWebhooks', async () => {
    await start();
    emulator.faults.duplicateWebhooks = true;
    await stripe.customers.create({});
    await emulator.flushWebhooks();
    expect(receiver.events).toHaveLength(2);
    expect(receiver.events[0].id).toBe(receiver.events[1].id);
  });

  it('delivers newest first with reorderWebhooks, so a succeeded event can arrive before created', async () => {
    await start();
    emulator.faults.reorderWebhooks = true;
    await pay();
    await emulator.flushWebhooks();
    expect(receiver.events.map((e) => e.type)).toEqual(['charge.updated', 'payment_intent.succeeded', 'charge.succeeded', 'payment_intent.created']);
  });

  it("stamps events with the webhook endpoint's API version, as Stripe renders them for the endpoint", async () => {
    await start();
    emulator.setWebhookEndpoint({ url: receiver.url, secret: WEBHOOK_SECRET, apiVersion: '2025-01-27.acacia' });
    await stripe.customers.create({});
    await emulator.flushWebhooks();
    expect(receiver.events.map((e) => e.api_version)).toEqual(['2025-01-27.acacia']);
    await expect(stripe.events.retrieve(receiver.events[0].id)).resolves.toMatchObject({ api_version: Stripe.API_VERSION });
  });
});
