import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { control, startEmulator } from './emulator-harness';

describe('Stripe emulator: customers and payment methods', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => ({ emulator, stripe } = await startEmulator()));
  afterAll(() => emulator.stop());

  it('creates and retrieves a customer', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada', metadata: { account_id: 'acc_1' } });
    expect(customer).toMatchObject({ object: 'customer', email: 'ada@example.com', name: 'Ada', metadata: { account_id: 'acc_1' } });
    expect(customer.id).toMatch(/^cus_/);
    await expect(stripe.customers.retrieve(customer.id)).resolves.toMatchObject({ id: customer.id });
  });

  it('answers unknown ids with resource_missing', async () => {
    const error = await stripe.customers.retrieve('cus_missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such customer: 'cus_missing'" });
  });

  it('attaching a test id like pm_card_visa creates a new concrete card on the customer', async () => {
    const customer = await stripe.customers.create({ email: 'grace@example.com' });
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    expect(pm.id).toMatch(/^pm_(?!card_)/);
    expect(pm).toMatchObject({ customer: customer.id, type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12 } });

    const mastercard = await stripe.paymentMethods.attach('pm_card_mastercard', { customer: customer.id });
    const listed = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(listed.data.map((m) => m.id)).toEqual([mastercard.id, pm.id]);
    expect(listed.has_more).toBe(false);
  });

  it('detaches a card, emitting payment_method.detached; a detached card cannot be attached again', async () => {
    const customer = await stripe.customers.create({});
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await expect(stripe.paymentMethods.detach(pm.id)).resolves.toMatchObject({ id: pm.id, customer: null });
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);

    const events = await stripe.events.list({ type: 'payment_method.detached' });
    expect(events.data[0].data).toMatchObject({ object: { id: pm.id, customer: null }, previous_attributes: { customer: customer.id } });
    await expect(stripe.paymentMethods.attach(pm.id, { customer: customer.id })).rejects.toThrow(/may not be used again/);
  });

  it('refuses to attach a card that belongs to another customer', async () => {
    const [first, second] = await Promise.all([stripe.customers.create({}), stripe.customers.create({})]);
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: first.id });
    await expect(stripe.paymentMethods.attach(pm.id, { customer: second.id })).rejects.toThrow(Stripe.errors.StripeInvalidRequestError);
  });

  it('declines attaching a declining test card, as Stripe validates cards on attach', async () => {
    const customer = await stripe.customers.create({});
    const error = await stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });
  });

  it('updates billing details and metadata of an attached card, emitting payment_method.updated', async () => {
    const customer = await stripe.customers.create({});
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const updated = await stripe.paymentMethods.update(pm.id, {
      billing_details: { name: 'Ada Lovelace', address: { postal_code: '12345' } }, metadata: { nickname: 'work' }, card: { exp_year: 2040 },
    });
    expect(updated).toMatchObject({ billing_details: { name: 'Ada Lovelace', address: { postal_code: '12345' } }, metadata: { nickname: 'work' }, card: { exp_year: 2040 } });
    const [event] = (await stripe.events.list({ type: 'payment_method.updated', limit: 1 })).data;
    expect(event.data).toMatchObject({ object: { id: pm.id }, previous_attributes: { metadata: {} } });
  });

  it('rejects parameters it does not implement instead of ignoring them', async () => {
    const error = await stripe.customers.create({ preferred_locales: ['en'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'StripeInvalidRequestError', code: 'parameter_unknown', param: 'preferred_locales' });
  });

  describe('cards that change outside the portal', () => {
    const savedCard = async () => {
      const customer = await stripe.customers.create({});
      return stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    };
    const lastEvent = async (type: Stripe.Event.Type) => (await stripe.events.list({ type, limit: 1 })).data[0];

    it("are updated by the card network's updater: payment_method.automatically_updated with the card before", async () => {
      const pm = await savedCard();
      const { status, body } = await control(emulator, `payment_methods/${pm.id}/automatically_update`, { exp_month: 3, exp_year: 2031 });
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: pm.id, card: { brand: 'visa', last4: '4242', exp_month: 3, exp_year: 2031, fingerprint: pm.card!.fingerprint } });
      const event = await lastEvent('payment_method.automatically_updated');
      expect(event).toMatchObject({ request: null, data: { object: { card: { exp_month: 3 } }, previous_attributes: { card: { exp_month: 12, exp_year: 2034 } } } });

      // A new number is a new card: new last4 (and brand, here) and a new fingerprint, same PaymentMethod.
      const replaced = await emulator.updateCardFromNetwork(pm.id, { brand: 'mastercard', last4: '4444' });
      expect(replaced).toMatchObject({ id: pm.id, card: { brand: 'mastercard', display_brand: 'mastercard', last4: '4444' } });
      expect(replaced.card!.fingerprint).not.toBe(pm.card!.fingerprint);
      await expect(stripe.paymentMethods.retrieve(pm.id)).resolves.toMatchObject({ card: { last4: '4444', exp_month: 3 } });
    });

    it('are updated as an API user would: payment_method.updated, from no API request of ours', async () => {
      const pm = await savedCard();
      await expect(control(emulator, `payment_methods/${pm.id}/update`, { exp_year: 2036, billing_details: { name: 'Ada' } }))
        .resolves.toMatchObject({ status: 200, body: { card: { exp_year: 2036 }, billing_details: { name: 'Ada' } } });
      const event = await lastEvent('payment_method.updated');
      expect(event).toMatchObject({ request: null, data: { object: { id: pm.id }, previous_attributes: { card: { exp_year: 2034 } } } });
      await expect(emulator.updatePaymentMethod(pm.id, { expMonth: 13 })).rejects.toMatchObject({ code: 'invalid_expiry_month' });
    });

    it('are detached: payment_method.detached, and the card leaves the customer', async () => {
      const pm = await savedCard();
      const customer = pm.customer as string;
      await expect(control(emulator, `payment_methods/${pm.id}/detach`)).resolves.toMatchObject({ status: 200, body: { customer: null } });
      expect((await stripe.paymentMethods.list({ customer })).data).toEqual([]);
      await expect(lastEvent('payment_method.detached')).resolves.toMatchObject({ request: null, data: { previous_attributes: { customer } } });
      await expect(emulator.detachPaymentMethod(pm.id)).rejects.toThrow(/not attached to a customer/);
    });

    it('must be saved to a customer for the updater to change them, with a brand and last4 a card can have', async () => {
      const pm = await savedCard();
      await expect(emulator.updateCardFromNetwork(pm.id, { last4: '12' })).rejects.toMatchObject({ param: 'last4' });
      await expect(emulator.updateCardFromNetwork(pm.id, { brand: 'bankcard' as never })).rejects.toMatchObject({ param: 'brand' });
      await emulator.detachPaymentMethod(pm.id);
      await expect(emulator.updateCardFromNetwork(pm.id, { expYear: 2035 })).rejects.toThrow(/saved to a customer/);
    });
  });
});
