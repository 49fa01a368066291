import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { control, startEmulator } from './emulator-harness';

describe('Stripe emulator: payment intents', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => ({ emulator, stripe } = await startEmulator()));
  afterAll(() => emulator.stop());

  const cardIntent = (params: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    stripe.paymentIntents.create({ amount: 2500, currency: 'usd', allowed_payment_method_types: ['card'], ...params });

  it('is created awaiting a payment method, then confirmed with pm_card_visa to succeeded with a charge', async () => {
    const intent = await cardIntent({ metadata: { invoice_id: 'inv_1' } });
    expect(intent).toMatchObject({ status: 'requires_payment_method', amount: 2500, currency: 'usd', metadata: { invoice_id: 'inv_1' } });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));

    const confirmed = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa', expand: ['latest_charge'] });
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 2500, payment_method: expect.stringMatching(/^pm_/) });
    expect(confirmed.latest_charge).toMatchObject({
      object: 'charge', status: 'succeeded', amount_captured: 2500, paid: true, payment_intent: intent.id,
      payment_method_details: { card: { brand: 'visa', last4: '4242' } },
    });
  });

  it('requires confirmation when created with a payment method, and can confirm on create', async () => {
    await expect(cardIntent({ payment_method: 'pm_card_mastercard' })).resolves.toMatchObject({ status: 'requires_confirmation' });
    await expect(cardIntent({ payment_method: 'pm_card_mastercard', confirm: true })).resolves.toMatchObject({ status: 'succeeded' });
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
  ])('declines %s with a StripeCardError (%s / %s) and returns the intent to requires_payment_method', async (pm, code, declineCode) => {
    const intent = await cardIntent();
    const error = await stripe.paymentIntents.confirm(intent.id, { payment_method: pm }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code, decline_code: declineCode, payment_intent: { id: intent.id } });

    const after = await stripe.paymentIntents.retrieve(intent.id);
    expect(after).toMatchObject({ status: 'requires_payment_method', payment_method: null, last_payment_error: { code, decline_code: declineCode } });
    const [failed] = (await stripe.events.list({ type: 'payment_intent.payment_failed', limit: 1 })).data;
    expect(failed.data.object).toMatchObject({ id: intent.id });
  });

  it('asks for 3D Secure with pm_card_authenticationRequired; the control API completes it', async () => {
    const intent = await cardIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true });
    expect(intent).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });

    const done = await control(emulator, `payment_intents/${intent.id}/authenticate`, { outcome: 'succeed' });
    expect(done).toMatchObject({ status: 200, body: { status: 'succeeded' } });
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('returns a failed 3D Secure challenge to requires_payment_method', async () => {
    const intent = await cardIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true });
    await control(emulator, `payment_intents/${intent.id}/authenticate`, { outcome: 'fail' });
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: 'requires_payment_method', last_payment_error: { code: 'payment_intent_authentication_failure' },
    });
  });

  it('declines an off-session payment that needs authentication', async () => {
    const customer = await stripe.customers.create({});
    const pm = await stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer: customer.id });
    const error = await cardIntent({ customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'StripeCardError', code: 'authentication_required' });
  });

  it('saves the card to the customer on success when setup_future_usage is set', async () => {
    const customer = await stripe.customers.create({});
    const intent = await cardIntent({ customer: customer.id, payment_method: 'pm_card_visa', setup_future_usage: 'off_session', confirm: true });
    const saved = await stripe.paymentMethods.list({ customer: customer.id });
    expect(saved.data.map((m) => m.id)).toEqual([intent.payment_method]);
  });

  it('requires a return_url for server-side confirmation when automatic payment methods may redirect, as Stripe does', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    expect(intent.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'always' });
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).rejects.toMatchObject({ param: 'return_url' });
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa', return_url: 'https://portal.test/done' }))
      .resolves.toMatchObject({ status: 'succeeded' });
  });

  it('takes payment_method_types only from API versions before 2026-09-30, which replaced it with allowed_payment_method_types', async () => {
    const legacy = { amount: 1000, currency: 'usd', payment_method_types: ['card'] } as Stripe.PaymentIntentCreateParams;
    await expect(stripe.paymentIntents.create(legacy)).rejects.toMatchObject({ code: 'parameter_unknown', param: 'payment_method_types' });
    await expect(stripe.paymentIntents.create(legacy, { apiVersion: '2025-08-27.basil' }))
      .resolves.toMatchObject({ payment_method_types: ['card'], automatic_payment_methods: null });
  });

  it('updates amount and merges metadata before payment, but not the amount after', async () => {
    const intent = await cardIntent({ metadata: { a: '1', b: '2' } });
    const updated = await stripe.paymentIntents.update(intent.id, { amount: 3000, metadata: { b: '', c: '3' } });
    expect(updated).toMatchObject({ amount: 3000, metadata: { a: '1', c: '3' } });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    await expect(stripe.paymentIntents.update(intent.id, { amount: 100 })).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
  });

  it('cancels unless succeeded, and refuses to confirm a succeeded or canceled intent', async () => {
    const open = await cardIntent();
    await expect(stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'abandoned' }))
      .resolves.toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await expect(stripe.paymentIntents.confirm(open.id, { payment_method: 'pm_card_visa' }))
      .rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'payment_intent_unexpected_state' });

    const paid = await cardIntent({ payment_method: 'pm_card_visa', confirm: true });
    await expect(stripe.paymentIntents.cancel(paid.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
    await expect(stripe.paymentIntents.confirm(paid.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
  });

  it('ends the next confirmation in processing with a pending charge, and settles it out of band with charge.updated after', async () => {
    emulator.faults.nextConfirmProcessing = true;
    const intent = await cardIntent({ payment_method: 'pm_card_visa', confirm: true, expand: ['latest_charge'] });
    expect(intent).toMatchObject({ status: 'processing', latest_charge: { status: 'pending', paid: false, amount_captured: 0 } });
    await emulator.succeedOutOfBand(intent.id);
    const settled = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expect(settled).toMatchObject({ status: 'succeeded', latest_charge: { id: (intent.latest_charge as Stripe.Charge).id, status: 'succeeded', paid: true, amount_captured: 2500 } });
    const events = (await stripe.events.list({ limit: 5 })).data;
    expect(events.map((e) => e.type)).toEqual(['charge.updated', 'payment_intent.succeeded', 'charge.succeeded', 'payment_intent.processing', 'charge.pending']);
    expect(events[0]).toMatchObject({ request: null, data: { object: { balance_transaction: expect.stringMatching(/^txn_/) }, previous_attributes: { balance_transaction: null } } });
  });

  it('captures asynchronously, as Stripe does by default: no balance transaction in the answer, then charge.updated with it', async () => {
    const intent = await cardIntent({ payment_method: 'pm_card_visa', confirm: true, expand: ['latest_charge'] });
    expect(intent).toMatchObject({ capture_method: 'automatic_async', latest_charge: { status: 'succeeded', balance_transaction: null } });
    const [succeeded] = (await stripe.events.list({ type: 'charge.succeeded', limit: 1 })).data;
    expect(succeeded.data.object).toMatchObject({ balance_transaction: null });
    const charge = await stripe.charges.retrieve((intent.latest_charge as Stripe.Charge).id);
    expect(charge.balance_transaction).toMatch(/^txn_/);
    const [updated] = (await stripe.events.list({ type: 'charge.updated', limit: 1 })).data;
    expect(updated).toMatchObject({ request: null, data: { object: { id: charge.id, balance_transaction: charge.balance_transaction } } });
  });

  describe('idempotency keys', () => {
    it('replays the stored response for the same key and parameters', async () => {
      const a = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', allowed_payment_method_types: ['card'] }, { idempotencyKey: 'inv_9_700' });
      const b = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', allowed_payment_method_types: ['card'] }, { idempotencyKey: 'inv_9_700' });
      expect(b.id).toBe(a.id);
      expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    });

    it('rejects the same key with different parameters', async () => {
      await stripe.paymentIntents.create({ amount: 800, currency: 'usd', allowed_payment_method_types: ['card'] }, { idempotencyKey: 'inv_10' });
      const error = await stripe.paymentIntents
        .create({ amount: 900, currency: 'usd', allowed_payment_method_types: ['card'] }, { idempotencyKey: 'inv_10' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect((error as Error).message).toMatch(/can only be used with the same parameters/);
    });

    it('replays a card decline too, so a retried confirmation does not charge twice', async () => {
      const intent = await cardIntent();
      const confirm = () => stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: `confirm-${intent.id}` });
      const declined = () => confirm().then(() => { throw new Error('expected a decline'); }, (e: Stripe.errors.StripeError) => e);
      const first = await declined();
      const second = await declined();
      expect(second).toMatchObject({ type: 'StripeCardError', headers: { 'idempotent-replayed': 'true' } });
      expect(second.requestId).not.toBe(first.requestId);
    });
  });
});
