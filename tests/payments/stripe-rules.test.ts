import { STRIPE_MAXIMUM_CHARGE_CURRENCIES, stripeRules } from '../../src/payments/stripe/stripe-rules';

describe("Stripe's rules, as the domain reads them through the provider port", () => {
  it("gives Stripe's minimum charge per currency, in minor units", () => {
    expect(stripeRules.minimumCharge('usd')).toBe(50);
    expect(stripeRules.minimumCharge('gbp')).toBe(30);
    expect(stripeRules.minimumCharge('jpy')).toBe(50);
    expect(stripeRules.minimumCharge('huf')).toBe(17_500);
  });

  it("gives Stripe's largest single charge, eight digits of minor units, for every currency a customer can be billed in", () => {
    expect(stripeRules.maximumCharge('usd')).toBe(99_999_999);
    expect(stripeRules.maximumCharge('jpy')).toBe(99_999_999);
    expect([...STRIPE_MAXIMUM_CHARGE_CURRENCIES].sort()).toEqual([...stripeRules.currencies].sort());
  });

  it('lists the currencies a customer can be billed in', () => {
    expect(stripeRules.currencies).toEqual(expect.arrayContaining(['usd', 'eur', 'gbp', 'jpy']));
    expect(stripeRules.currencies).not.toContain('xyz');
  });

  it('recognises payment method ids before anything is sent to Stripe', () => {
    expect(stripeRules.isPaymentMethodId('pm_1PQrStUvWxYz')).toBe(true);
    expect(stripeRules.isPaymentMethodId('pm_card_visa')).toBe(true);
    expect(stripeRules.isPaymentMethodId('card_123')).toBe(false);
    expect(stripeRules.isPaymentMethodId('pm_')).toBe(false);
    expect(stripeRules.isPaymentMethodId('pm_x;DROP TABLE')).toBe(false);
  });

  it('resumes an attempt by its idempotency key only inside the 24 hours Stripe keeps keys', () => {
    expect(stripeRules.idempotencyWindowMs).toBeLessThan(24 * 3600_000);
    expect(stripeRules.idempotencyWindowMs).toBeGreaterThan(12 * 3600_000);
  });
});
