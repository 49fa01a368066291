import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { control, startEmulator } from './emulator-harness';

describe('Stripe emulator: SetupIntents', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => ({ emulator, stripe } = await startEmulator()));
  afterAll(() => emulator.stop());

  /** A SetupIntent to save a card for off-session payments, as the portal creates it. */
  const newSetup = async (params: Partial<Stripe.SetupIntentCreateParams> = {}) => {
    const customer = await stripe.customers.create({});
    const intent = await stripe.setupIntents.create({
      customer: customer.id, allowed_payment_method_types: ['card'], usage: 'off_session', metadata: { portal: 'yes' }, ...params,
    });
    return { customer: customer.id, intent };
  };
  const eventTypes = async (id: string) =>
    (await stripe.events.list({ limit: 100 })).data.reverse().filter((e) => (e.data.object as { id: string }).id === id).map((e) => e.type);
  const savedCards = async (customer: string) => (await stripe.paymentMethods.list({ customer })).data.map((pm) => pm.id);
  const payOffSession = (customer: string, paymentMethod: string) => stripe.paymentIntents.create({
    amount: 2000, currency: 'usd', allowed_payment_method_types: ['card'], customer, payment_method: paymentMethod, confirm: true, off_session: true,
  });

  it('is created for a customer awaiting a card, with a client_secret and setup_intent.created', async () => {
    const { customer, intent } = await newSetup();
    expect(intent).toMatchObject({
      object: 'setup_intent', status: 'requires_payment_method', customer, usage: 'off_session', metadata: { portal: 'yes' },
      allowed_payment_method_types: ['card'], payment_method_types: ['card'], payment_method: null, last_setup_error: null,
    });
    expect(intent.id).toMatch(/^seti_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    await expect(stripe.setupIntents.retrieve(intent.id)).resolves.toMatchObject({ id: intent.id });
    expect(await eventTypes(intent.id)).toEqual(['setup_intent.created']);
  });

  it('confirmed with pm_card_visa, succeeds and attaches the card to its customer', async () => {
    const { customer, intent } = await newSetup();
    const done = await stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(done).toMatchObject({ status: 'succeeded', payment_method: expect.stringMatching(/^pm_(?!card_)/) });
    expect(await savedCards(customer)).toEqual([done.payment_method]);
    const [attached] = (await stripe.events.list({ type: 'payment_method.attached', limit: 1 })).data;
    expect(attached.data.object).toMatchObject({ id: done.payment_method, customer });
    expect(await eventTypes(intent.id)).toEqual(['setup_intent.created', 'setup_intent.succeeded']);
  });

  describe('with 3-D Secure on save (4000 0027 6000 3184)', () => {
    it('asks for the challenge; completing it saves the card', async () => {
      const { customer, intent } = await newSetup();
      const pending = await stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_authenticationRequired' });
      expect(pending).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } } });
      expect(await savedCards(customer)).toEqual([]);

      await expect(control(emulator, `setup_intents/${intent.id}/authenticate`, { outcome: 'succeed' })).resolves.toMatchObject({ status: 200, body: { status: 'succeeded' } });
      expect(await savedCards(customer)).toEqual([pending.payment_method]);
      expect(await eventTypes(intent.id)).toEqual(['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded']);
    });

    it('a failed challenge leaves it awaiting another card, with setup_intent_authentication_failure', async () => {
      const { customer, intent } = await newSetup();
      await stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_authenticationRequired', return_url: 'https://portal.example/back' })
        .then((si) => expect(si.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://portal.example/back' } }));
      await emulator.authenticate(intent.id, 'fail');
      await expect(stripe.setupIntents.retrieve(intent.id)).resolves.toMatchObject({
        status: 'requires_payment_method', payment_method: null,
        last_setup_error: { code: 'setup_intent_authentication_failure', type: 'invalid_request_error', payment_method: { card: { last4: '3184' } } },
      });
      expect(await savedCards(customer)).toEqual([]);
      expect(await eventTypes(intent.id)).toEqual(['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.setup_failed']);
    });

    it('still needs authentication for off-session payments, which are declined with authentication_required', async () => {
      const { customer, intent } = await newSetup({ payment_method: 'pm_card_authenticationRequired', confirm: true });
      await emulator.authenticate(intent.id, 'succeed');
      const saved = (await stripe.setupIntents.retrieve(intent.id)).payment_method as string;
      await expect(payOffSession(customer, saved)).rejects.toMatchObject({ type: 'StripeCardError', code: 'authentication_required' });
    });
  });

  it('4000 0025 0000 3155 asks for 3-D Secure once on save, then pays off-session without it (and not before)', async () => {
    const { customer, intent } = await newSetup({ payment_method: 'pm_card_authenticationRequiredSetupForOffSession', confirm: true });
    expect(intent.status).toBe('requires_action');
    await emulator.authenticate(intent.id, 'succeed');
    const saved = (await stripe.setupIntents.retrieve(intent.id)).payment_method as string;
    await expect(payOffSession(customer, saved)).resolves.toMatchObject({ status: 'succeeded' });

    const attachedOnly = await stripe.paymentMethods.attach('pm_card_authenticationRequiredSetupForOffSession', { customer });
    await expect(payOffSession(customer, attachedOnly.id)).rejects.toMatchObject({ code: 'authentication_required' });
  });

  it('a declining card fails the setup with a card error carrying the SetupIntent, and setup_intent.setup_failed', async () => {
    const { customer, intent } = await newSetup();
    const error = await stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds', raw: { setup_intent: { id: intent.id, status: 'requires_payment_method' } } });
    await expect(stripe.setupIntents.retrieve(intent.id)).resolves.toMatchObject({ last_setup_error: { type: 'card_error', decline_code: 'insufficient_funds' } });
    expect(await savedCards(customer)).toEqual([]);
    expect(await eventTypes(intent.id)).toEqual(['setup_intent.created', 'setup_intent.setup_failed']);
  });

  it('is canceled unless it succeeded; a canceled or succeeded one cannot be confirmed', async () => {
    const { intent } = await newSetup();
    await expect(stripe.setupIntents.cancel(intent.id, { cancellation_reason: 'abandoned' })).resolves.toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    await expect(stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).rejects.toMatchObject({ code: 'setup_intent_unexpected_state' });
    expect(await eventTypes(intent.id)).toEqual(['setup_intent.created', 'setup_intent.canceled']);

    const { intent: done } = await newSetup({ payment_method: 'pm_card_visa', confirm: true });
    await expect(stripe.setupIntents.cancel(done.id)).rejects.toMatchObject({ code: 'setup_intent_unexpected_state' });
    await expect(stripe.setupIntents.confirm(done.id)).rejects.toMatchObject({ message: 'You cannot confirm this SetupIntent because it has already succeeded.' });
  });

  it('refuses a card of another customer, and payment_method_types at this API version', async () => {
    const { intent } = await newSetup();
    const other = await stripe.customers.create({});
    const theirs = await stripe.paymentMethods.attach('pm_card_visa', { customer: other.id });
    await expect(stripe.setupIntents.confirm(intent.id, { payment_method: theirs.id })).rejects.toMatchObject({ param: 'payment_method' });
    await expect(stripe.setupIntents.create({ payment_method_types: ['card'] } as Stripe.SetupIntentCreateParams)).rejects.toMatchObject({ code: 'parameter_unknown' });
  });

  it('with automatic payment methods (the default), needs a return_url to confirm on the server', async () => {
    const intent = await stripe.setupIntents.create({});
    expect(intent.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'always' });
    await expect(stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).rejects.toMatchObject({ param: 'return_url' });
  });
});
