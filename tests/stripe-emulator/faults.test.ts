import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { control, startEmulator, stripeClient } from './emulator-harness';

describe('Stripe emulator: fault injection and authentication', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => ({ emulator, stripe } = await startEmulator()));
  afterEach(() => emulator.faults.reset());
  afterAll(() => emulator.stop());

  const createCustomer = () => stripe.customers.create({ email: 'f@example.com' });

  it('answers failNext with a 5xx api_error, which the SDK raises as StripeAPIError', async () => {
    emulator.faults.failNext(1, 503);
    await expect(createCustomer()).rejects.toMatchObject({ type: 'StripeAPIError', statusCode: 503 });
    await expect(createCustomer()).resolves.toMatchObject({ object: 'customer' });
  });

  it('answers rateLimitNext with 429, raised as StripeRateLimitError', async () => {
    emulator.faults.rateLimitNext(1);
    const error = await createCustomer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
  });

  it('counts HTTP requests, so SDK retries consume faults', async () => {
    emulator.faults.failNext(1, 500);
    const retrying = stripeClient(emulator, { maxNetworkRetries: 1 });
    await expect(retrying.customers.create({})).resolves.toMatchObject({ object: 'customer' });
    expect(emulator.faults.rules).toHaveLength(0);
  });

  it('scopes faults to a path prefix', async () => {
    emulator.faults.failNext(1, 500, { pathPrefix: '/v1/payment_intents' });
    await expect(createCustomer()).resolves.toBeDefined();
    await expect(stripe.paymentIntents.list()).rejects.toMatchObject({ type: 'StripeAPIError' });
  });

  it('with latency beyond the SDK timeout, raises StripeConnectionError', async () => {
    emulator.faults.latencyMs = 400;
    const impatient = stripeClient(emulator, { timeout: 200 });
    // A path the later drop tests do not scope to: the abandoned request still wakes up in the emulator after this test.
    await expect(impatient.paymentIntents.list()).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });

  it('hangs requests until the SDK times out', async () => {
    emulator.faults.hangNext(1);
    await expect(stripeClient(emulator, { timeout: 200 }).customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });

  it('drops connections; the SDK retries one closed connection even with maxNetworkRetries 0, so two drops surface', async () => {
    emulator.faults.dropNext(2, { pathPrefix: '/v1/customers' });
    await expect(createCustomer()).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });

  it('can drop the response after processing; the SDK retry with the same idempotency key gets the replayed result', async () => {
    emulator.faults.dropNext(1, { afterProcessing: true, pathPrefix: '/v1/customers' });
    const customer = await createCustomer();
    expect(customer.lastResponse.headers['idempotent-replayed']).toBe('true');
    const created = (await stripe.events.list({ type: 'customer.created' })).data.filter((e) => (e.data.object as Stripe.Customer).id === customer.id);
    expect(created).toHaveLength(1);
  });

  describe('a 500 after Stripe started work (failAfterProcessingNext)', () => {
    const createIntent = (key: string, client = stripe) =>
      client.paymentIntents.create({ amount: 4200, currency: 'usd', allowed_payment_method_types: ['card'], metadata: { attempt: key } }, { idempotencyKey: key });
    const intentsFor = async (key: string) => (await stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.metadata.attempt === key);

    it('creates the PaymentIntent but answers 500; a retry with the same key replays the 500 and creates nothing', async () => {
      emulator.faults.failAfterProcessingNext(1, 500, { pathPrefix: '/v1/payment_intents' });
      const first = await createIntent('attempt-1').catch((e: Stripe.errors.StripeError) => e);
      expect(first).toMatchObject({ type: 'StripeAPIError', statusCode: 500 });
      expect(await intentsFor('attempt-1')).toHaveLength(1);

      const again = await createIntent('attempt-1').catch((e: Stripe.errors.StripeError) => e);
      expect(again).toMatchObject({ type: 'StripeAPIError', statusCode: 500, headers: { 'idempotent-replayed': 'true' } });
      expect(await intentsFor('attempt-1')).toHaveLength(1);
      const created = (await stripe.events.list({ type: 'payment_intent.created', limit: 100 })).data.filter((e) => (e.data.object as Stripe.PaymentIntent).metadata.attempt === 'attempt-1');
      expect(created).toHaveLength(1);
    });

    it("replays it to the SDK's own retries too; a new key works; the key is forgotten after 24 hours", async () => {
      await control(emulator, 'faults', { failAfterProcessingNext: { count: 1, pathPrefix: '/v1/payment_intents' } });
      const retrying = stripeClient(emulator, { maxNetworkRetries: 1 });
      await expect(createIntent('attempt-2', retrying)).rejects.toMatchObject({ statusCode: 500 });
      expect(await intentsFor('attempt-2')).toHaveLength(1);

      const fresh = await createIntent('attempt-2-new-key');
      expect(fresh.status).toBe('requires_payment_method');
      await expect(stripe.paymentIntents.retrieve((await intentsFor('attempt-2'))[0].id)).resolves.toMatchObject({ status: 'requires_payment_method' });

      emulator.expireIdempotencyKeys();
      await expect(createIntent('attempt-2')).resolves.toMatchObject({ object: 'payment_intent' });
      expect(await intentsFor('attempt-2')).toHaveLength(2);
    });

    it('does not store a request refused before it ran: its key stays free', async () => {
      emulator.faults.failAfterProcessingNext(1, 500, { pathPrefix: '/v1/payment_intents' });
      const invalid = (amount: number) => stripe.paymentIntents.create({ amount, currency: 'usd', allowed_payment_method_types: ['card'] }, { idempotencyKey: 'attempt-3' });
      await expect(invalid(10)).rejects.toMatchObject({ code: 'amount_too_small' });
      await expect(invalid(1000)).resolves.toMatchObject({ amount: 1000 });
    });
  });

  it('takes faults from another process through POST /_emulator/faults', async () => {
    const { status } = await control(emulator, 'faults', { rateLimitNext: 1, failNext: { count: 1, status: 502 } });
    expect(status).toBe(200);
    await expect(createCustomer()).rejects.toMatchObject({ type: 'StripeRateLimitError' });
    await expect(createCustomer()).rejects.toMatchObject({ statusCode: 502 });
    await expect(createCustomer()).resolves.toBeDefined();
  });

  it('rejects a wrong or missing API key with StripeAuthenticationError, without echoing the key; the control API too', async () => {
    const error = await stripeClient(emulator, {}, 'sk_test_wrong_key_0123456789').customers.create({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((error as Error).message).not.toContain('wrong_key');
    const anonymous = await fetch(`${emulator.url}/v1/customers`, { headers: { Connection: 'close' } });
    expect(anonymous.status).toBe(401);
    const control = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: '{}', headers: { Connection: 'close' } });
    expect(control.status).toBe(401);
  });
});
