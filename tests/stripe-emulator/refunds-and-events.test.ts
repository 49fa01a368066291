import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { control, startEmulator } from './emulator-harness';

describe('Stripe emulator: refunds and events', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => ({ emulator, stripe } = await startEmulator()));
  afterAll(() => emulator.stop());

  const paidIntent = () =>
    stripe.paymentIntents.create({ amount: 5000, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: 'pm_card_visa', confirm: true });

  it('refunds part, then the rest; the charge tracks amount_refunded and emits charge.refunded', async () => {
    const intent = await paidIntent();
    const partial = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });
    expect(partial).toMatchObject({ object: 'refund', amount: 2000, status: 'succeeded', payment_intent: intent.id, charge: intent.latest_charge });

    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(3000);
    await expect(stripe.charges.retrieve(intent.latest_charge as string)).resolves.toMatchObject({ amount_refunded: 5000, refunded: true });

    const refunded = (await stripe.events.list({ type: 'charge.refunded', limit: 2 })).data;
    expect(refunded.map((e) => (e.data.object as Stripe.Charge).amount_refunded)).toEqual([5000, 2000]);
    expect(refunded[0].data.object).toMatchObject({ payment_intent: intent.id, refunded: true });
    expect(refunded[0].request?.id).toMatch(/^req_/);
  });

  it('rejects refunding more than is left', async () => {
    const intent = await paidIntent();
    const error = await stripe.refunds.create({ payment_intent: intent.id, amount: 5001 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ param: 'amount', message: 'Refund amount ($50.01) is greater than unrefunded amount on charge ($50.00)' });
    await stripe.refunds.create({ payment_intent: intent.id });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: 'charge_already_refunded' });
  });

  it('rejects refunding an intent without a successful charge', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5000, currency: 'usd', allowed_payment_method_types: ['card'] });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ param: 'payment_intent' });
  });

  it('refunds "from the dashboard" through the helper and the control API, with no API request on the event', async () => {
    const intent = await paidIntent();
    await expect(emulator.refund(intent.id, 1000)).resolves.toMatchObject({ amount: 1000 });
    await expect(control(emulator, `payment_intents/${intent.id}/refund`, { amount: 500 })).resolves.toMatchObject({ status: 200, body: { amount: 500 } });
    const [event] = (await stripe.events.list({ type: 'refund.created', limit: 1 })).data;
    expect(event).toMatchObject({ data: { object: { amount: 500 } }, request: null });
  });

  it('lists events newest first with wildcard types and pagination, and retrieves one by id', async () => {
    await paidIntent();
    const page = await stripe.events.list({ type: 'payment_intent.*', limit: 2 });
    expect(page.data.map((e) => e.type)).toEqual(['payment_intent.succeeded', 'payment_intent.created']);
    expect(page.has_more).toBe(true);
    const next = await stripe.events.list({ type: 'payment_intent.*', limit: 2, starting_after: page.data[1].id });
    expect(next.data[0].created).toBeLessThanOrEqual(page.data[1].created);

    const event = await stripe.events.retrieve(page.data[0].id);
    expect(event).toMatchObject({ object: 'event', livemode: false, api_version: Stripe.API_VERSION, type: 'payment_intent.succeeded' });
  });

  it('expands ids into objects with expand[]', async () => {
    const customer = await stripe.customers.create({ email: 'x@example.com' });
    const intent = await stripe.paymentIntents.create({
      amount: 5000, currency: 'usd', allowed_payment_method_types: ['card'], customer: customer.id, payment_method: 'pm_card_visa', confirm: true,
    });
    const expanded = await stripe.paymentIntents.retrieve(intent.id, { expand: ['customer', 'payment_method', 'latest_charge'] });
    expect(expanded).toMatchObject({ customer: { email: 'x@example.com' }, payment_method: { card: { last4: '4242' } }, latest_charge: { paid: true } });
    const listed = await stripe.paymentIntents.list({ customer: customer.id, expand: ['data.customer'] });
    expect(listed.data[0].customer).toMatchObject({ id: customer.id });
  });

  it('answers unknown endpoints with Stripe\'s 404', async () => {
    const error = await stripe.subscriptions.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, message: expect.stringMatching(/^Unrecognized request URL \(GET: \/v1\/subscriptions\)/) });
  });
});
