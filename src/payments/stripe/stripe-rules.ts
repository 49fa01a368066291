import type { ProviderRules } from '../payment-provider.port';

/** Stripe's minimum charge per currency, in minor units (stripe.com/docs/currencies#minimum-and-maximum-charge-amounts). */
const MINIMUM_CHARGE: Record<string, number> = {
  usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, nzd: 50, sgd: 50, hkd: 400, jpy: 50,
  dkk: 250, nok: 300, sek: 300, pln: 200, czk: 1500, huf: 17500, mxn: 1000, brl: 50, inr: 50,
};

/** What Stripe accepts, as the domain asks it through the port. */
export const stripeRules: ProviderRules = {
  currencies: Object.keys(MINIMUM_CHARGE),
  minimumCharge: (currency) => MINIMUM_CHARGE[currency] ?? 50,
  // Stripe keeps idempotency keys for 24 hours; an hour's margin for clocks and retries in flight.
  idempotencyWindowMs: 23 * 3600_000,
  isPaymentMethodId: (id) => /^pm_[A-Za-z0-9_]{1,200}$/.test(id),
};
