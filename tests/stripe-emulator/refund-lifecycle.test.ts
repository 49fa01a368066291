import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { control, startEmulator } from './emulator-harness';

describe('Stripe emulator: refunds that change after they were made', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  // "Later" is far off here: each test runs Stripe's delayed changes when it wants them (runDelayed).
  beforeAll(async () => ({ emulator, stripe } = await startEmulator({ delayedChangeMs: 60_000 })));
  afterAll(() => emulator.stop());

  const pay = (paymentMethod = 'pm_card_visa', amount = 5000) =>
    stripe.paymentIntents.create({ amount, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: paymentMethod, confirm: true });
  const charge = (intent: Stripe.PaymentIntent) => stripe.charges.retrieve(intent.latest_charge as string);
  /** The types and refund statuses of the events about one refund, oldest first. */
  const eventsOf = async (refund: Stripe.Refund) =>
    (await stripe.events.list({ limit: 100 })).data.reverse()
      .filter((e) => (e.data.object as { id: string }).id === refund.id)
      .map((e) => `${e.type}:${(e.data.object as Stripe.Refund).status}`);

  it('are objects with ids, listed by charge or PaymentIntent; the charge lists them only when expanded, as since 2022-11-15', async () => {
    const intent = await pay();
    const first = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000, reason: 'requested_by_customer' });
    const second = await stripe.refunds.create({ charge: intent.latest_charge as string, amount: 500 });
    expect(first).toMatchObject({ object: 'refund', status: 'succeeded', amount: 1000, reason: 'requested_by_customer', destination_details: { type: 'card' } });
    expect(first.id).toMatch(/^re_/);

    await expect(stripe.refunds.list({ payment_intent: intent.id })).resolves.toMatchObject({ data: [{ id: second.id }, { id: first.id }] });
    await expect(stripe.refunds.list({ charge: intent.latest_charge as string })).resolves.toMatchObject({ data: [{ id: second.id }, { id: first.id }] });
    const plain = await charge(intent);
    expect(plain).toMatchObject({ amount_refunded: 1500, refunded: false });
    expect(plain).not.toHaveProperty('refunds');
    const expanded = await stripe.charges.retrieve(intent.latest_charge as string, { expand: ['refunds'] });
    expect(expanded.refunds).toMatchObject({ object: 'list', data: [{ id: second.id }, { id: first.id }] });

    const [refunded] = (await stripe.events.list({ type: 'charge.refunded', limit: 1 })).data;
    expect(refunded.data).toMatchObject({ object: { amount_refunded: 1500 }, previous_attributes: { amount_refunded: 1000 } });
    expect(refunded.data.object).not.toHaveProperty('refunds');
  });

  describe('of a pm_card_refundFail payment (card 4000 0000 0000 5126)', () => {
    it('succeeds at first, then fails: the charge\'s refunded amount goes back down', async () => {
      const intent = await pay('pm_card_refundFail', 5000);
      const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });
      expect(refund.status).toBe('succeeded');
      await expect(charge(intent)).resolves.toMatchObject({ amount_refunded: 2000 });

      await emulator.runDelayed();
      await expect(stripe.refunds.retrieve(refund.id)).resolves.toMatchObject({
        status: 'failed', failure_reason: 'expired_or_canceled_card', failure_balance_transaction: expect.stringMatching(/^txn_/),
      });
      await expect(charge(intent)).resolves.toMatchObject({ amount_refunded: 0, refunded: false });
      expect(await eventsOf(refund)).toEqual(['refund.created:succeeded', 'charge.refund.updated:failed', 'refund.updated:failed', 'refund.failed:failed']);
      const [updated] = (await stripe.events.list({ type: 'charge.refund.updated', limit: 1 })).data;
      expect(updated).toMatchObject({ request: null, data: { previous_attributes: { status: 'succeeded' } } });
    });

    it('fails by itself after delayedChangeMs', async () => {
      const { emulator: quick, stripe: client } = await startEmulator({ delayedChangeMs: 20 });
      try {
        const intent = await client.paymentIntents.create({ amount: 5000, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: 'pm_card_refundFail', confirm: true });
        const refund = await client.refunds.create({ payment_intent: intent.id });
        const deadline = Date.now() + 5000;
        while ((await client.refunds.retrieve(refund.id)).status === 'succeeded' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        await expect(client.refunds.retrieve(refund.id)).resolves.toMatchObject({ status: 'failed' });
      } finally {
        await quick.stop();
      }
    });
  });

  describe('of a pm_card_pendingRefund payment (card 4000 0000 0000 7726)', () => {
    it('stays pending, counted in the charge\'s refunded amount, then succeeds', async () => {
      const intent = await pay('pm_card_pendingRefund');
      const refund = await stripe.refunds.create({ payment_intent: intent.id });
      expect(refund).toMatchObject({ status: 'pending', pending_reason: 'processing' });
      await expect(charge(intent)).resolves.toMatchObject({ amount_refunded: 5000, refunded: true });
      await emulator.runDelayed();
      await expect(stripe.refunds.retrieve(refund.id)).resolves.toMatchObject({ status: 'succeeded' });
      expect(await eventsOf(refund)).toEqual(['refund.created:pending', 'charge.refund.updated:succeeded', 'refund.updated:succeeded']);
    });

    it('can be canceled while pending (the control API), giving the amount back to the charge', async () => {
      const intent = await pay('pm_card_pendingRefund');
      const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 3000 });
      await expect(control(emulator, `refunds/${refund.id}/cancel`)).resolves.toMatchObject({ status: 200, body: { status: 'canceled' } });
      await expect(charge(intent)).resolves.toMatchObject({ amount_refunded: 0 });
      expect(await eventsOf(refund)).toEqual(['refund.created:pending', 'charge.refund.updated:canceled', 'refund.updated:canceled']);
      await expect(control(emulator, `refunds/${refund.id}/cancel`)).resolves.toMatchObject({ status: 400 });
      // What Stripe would have done later no longer applies, and is skipped.
      await emulator.runDelayed();
      await expect(stripe.refunds.retrieve(refund.id)).resolves.toMatchObject({ status: 'canceled' });
    });

    it('can fail while pending, with the reason given', async () => {
      const intent = await pay('pm_card_pendingRefund');
      const refund = await stripe.refunds.create({ payment_intent: intent.id });
      await expect(emulator.failRefund(refund.id, 'lost_or_stolen_card')).resolves.toMatchObject({ status: 'failed', failure_reason: 'lost_or_stolen_card' });
      await expect(charge(intent)).resolves.toMatchObject({ amount_refunded: 0, refunded: false });
      await expect(emulator.succeedRefund(refund.id)).rejects.toThrow(/only a pending refund can be completed/);
    });
  });

  it('of two partial refunds, failing one takes back only its amount', async () => {
    const intent = await pay('pm_card_visa', 5000);
    const first = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    const second = await stripe.refunds.create({ payment_intent: intent.id, amount: 2500 });
    await control(emulator, `refunds/${first.id}/fail`, { failure_reason: 'declined' });
    await expect(charge(intent)).resolves.toMatchObject({ amount_refunded: 2500 });
    await expect(stripe.refunds.retrieve(second.id)).resolves.toMatchObject({ status: 'succeeded' });
    // What the failed refund gave back may be refunded again.
    await expect(stripe.refunds.create({ payment_intent: intent.id })).resolves.toMatchObject({ amount: 2500 });
    await expect(emulator.cancelRefund(second.id)).rejects.toThrow(/has a status of succeeded: only a pending refund can be canceled/);
  });
});
