import Stripe from 'stripe';
import { stripeRules } from '../../src/payments/stripe/stripe-rules';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';
import { startEmulator, stripeClient } from './emulator-harness';

describe('Stripe emulator: currencies and amounts, by Stripe\'s rules', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => ({ emulator, stripe } = await startEmulator()));
  afterAll(() => emulator.stop());

  const create = (amount: number, currency: string, client = stripe) =>
    client.paymentIntents.create({ amount, currency, allowed_payment_method_types: ['card'] });
  const refusal = (amount: number, currency: string, client = stripe) => create(amount, currency, client).then(
    () => { throw new Error(`${amount} ${currency} was accepted`); },
    (error: Stripe.errors.StripeError) => ({ type: error.type, param: error.param, code: error.code, message: error.message }),
  );

  it.each(stripeRules.currencies)('accepts %s, a currency the project bills in, and pays in it', async (currency) => {
    const intent = await stripe.paymentIntents.create({ amount: 100_000, currency, allowed_payment_method_types: ['card'], payment_method: 'pm_card_visa', confirm: true });
    expect(intent).toMatchObject({ status: 'succeeded', currency, amount_received: 100_000 });
  });

  it('refuses an unsupported currency as Stripe does: invalid_request_error on param currency', async () => {
    const error = await refusal(1000, 'xyz');
    expect(error).toMatchObject({ type: 'StripeInvalidRequestError', param: 'currency', message: expect.stringMatching(/^Invalid currency: xyz\. Stripe currently supports these currencies: usd, aed, /) });
    await expect(create(1000, 'EUR')).resolves.toMatchObject({ currency: 'eur' });
  });

  it('refuses amounts below the minimum in the settlement currency, and above eight digits, in Stripe\'s words', async () => {
    await expect(refusal(49, 'usd')).resolves.toEqual({ type: 'StripeInvalidRequestError', param: 'amount', code: 'amount_too_small', message: 'Amount must be at least $0.50 usd' });
    await expect(refusal(100_000_000, 'usd')).resolves.toMatchObject({ code: 'amount_too_large', message: 'Amount must be no more than $999,999.99' });
    await expect(refusal(0, 'usd')).resolves.toMatchObject({ code: 'parameter_invalid_integer', param: 'amount' });
    await expect(create(50, 'usd')).resolves.toMatchObject({ amount: 50 });
    await expect(create(99_999_999, 'usd')).resolves.toMatchObject({ amount: 99_999_999 });
  });

  it('checks another currency\'s minimum after converting it to the settlement currency (a USD account here)', async () => {
    await expect(refusal(29, 'gbp')).resolves.toMatchObject({ code: 'amount_too_small', message: 'Amount must convert to at least 50 cents. £0.29 converts to approximately $0.36.' });
    // £0.30 is Stripe's minimum for a GBP account, not for a USD one.
    await expect(refusal(30, 'gbp')).resolves.toMatchObject({ code: 'amount_too_small' });
    await expect(create(40, 'gbp')).resolves.toMatchObject({ amount: 40 });
  });

  it('charges zero-decimal currencies in whole units: ¥75 is 75', async () => {
    await expect(create(75, 'jpy')).resolves.toMatchObject({ amount: 75, currency: 'jpy' });
    await expect(refusal(74, 'jpy')).resolves.toMatchObject({ message: 'Amount must convert to at least 50 cents. ¥74 converts to approximately $0.49.' });
    await expect(refusal(100_000_000, 'jpy')).resolves.toMatchObject({ code: 'amount_too_large', message: 'Amount must be no more than ¥99,999,999' });
  });

  it('takes three-decimal currencies only in multiples of 10, for charges and refunds', async () => {
    await expect(refusal(1005, 'kwd')).resolves.toMatchObject({ param: 'amount', code: 'invalid_charge_amount' });
    const paid = await stripe.paymentIntents.create({ amount: 1000, currency: 'kwd', allowed_payment_method_types: ['card'], payment_method: 'pm_card_visa', confirm: true });
    await expect(stripe.refunds.create({ payment_intent: paid.id, amount: 255 })).rejects.toMatchObject({ code: 'invalid_charge_amount' });
    await expect(stripe.refunds.create({ payment_intent: paid.id, amount: 250 })).resolves.toMatchObject({ amount: 250 });
  });

  it('takes ISK and UGX, two-decimal in the API, only in whole units (multiples of 100)', async () => {
    await expect(refusal(10_050, 'isk')).resolves.toMatchObject({
      code: 'invalid_charge_amount_no_decimal_compatible',
      message: 'Invalid amount. Currency ISK has become effectively zero-decimal and charged amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.',
    });
    await expect(create(10_000, 'isk')).resolves.toMatchObject({ amount: 10_000 });
  });

  it('settles in another currency when told: its own minimum, and dollars converted to it', async () => {
    const euro = await startStripeEmulator({ apiKey: 'sk_test_emulator', settlementCurrency: 'eur' });
    try {
      const client = stripeClient(euro);
      await expect(refusal(49, 'eur', client)).resolves.toMatchObject({ message: 'Amount must be at least €0.50 eur' });
      await expect(refusal(50, 'usd', client)).resolves.toMatchObject({ message: 'Amount must convert to at least €0.50. $0.50 converts to approximately €0.46.' });
    } finally {
      await euro.stop();
    }
    await expect(startStripeEmulator({ settlementCurrency: 'xyz' })).rejects.toThrow(/settlementCurrency/);
  });
});
