import type { ProviderRules } from '../payment-provider.port';

/**
 * Stripe's minimum charge per currency, in minor units (stripe.com/docs/currencies#minimum-and-maximum-charge-amounts).
 * Stripe checks the minimum after converting a charge to the account's settlement currency, so the table is exact for
 * that currency only; in another it is an estimate of the converted minimum (see stripeRulesFor).
 */
const MINIMUM_CHARGE: Record<string, number> = {
  usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, nzd: 50, sgd: 50, hkd: 400, jpy: 50,
  dkk: 250, nok: 300, sek: 300, pln: 200, czk: 1500, huf: 17500, mxn: 1000, brl: 50, inr: 50,
};

/**
 * Stripe's largest single charge per currency, in minor units (same page): "the amount value supports up to eight
 * digits", 99,999,999 ($999,999.99, ¥99,999,999). Stripe allows more digits in a few currencies (IDR, for one); none of
 * them is in the list above, so every currency we bill in has the eight-digit maximum. Written out per currency so a
 * currency added above must be given its maximum here too (the Stripe rules test checks both lists agree).
 */
const EIGHT_DIGITS = 99_999_999;
const MAXIMUM_CHARGE: Record<string, number> = {
  usd: EIGHT_DIGITS, eur: EIGHT_DIGITS, gbp: EIGHT_DIGITS, cad: EIGHT_DIGITS, aud: EIGHT_DIGITS, chf: EIGHT_DIGITS, nzd: EIGHT_DIGITS,
  sgd: EIGHT_DIGITS, hkd: EIGHT_DIGITS, jpy: EIGHT_DIGITS, dkk: EIGHT_DIGITS, nok: EIGHT_DIGITS, sek: EIGHT_DIGITS, pln: EIGHT_DIGITS,
  czk: EIGHT_DIGITS, huf: EIGHT_DIGITS, mxn: EIGHT_DIGITS, brl: EIGHT_DIGITS, inr: EIGHT_DIGITS,
};

/** The currencies an account can settle in, among those we bill in (STRIPE_SETTLEMENT_CURRENCY is one of them). */
export const STRIPE_SETTLEMENT_CURRENCIES: readonly string[] = Object.keys(MINIMUM_CHARGE);

/**
 * What Stripe accepts, as the domain asks it through the port, for an account settling in `settlementCurrency`.
 * The minimum charge is exact in the settlement currency. In another currency Stripe compares the converted amount with
 * the settlement currency's minimum, which moves with exchange rates: the table's value for that currency stays the
 * floor the page offers and the smallest remainder a part may leave (so what is left is still very likely payable, with
 * no exchange rates here), and Stripe has the last word: its `amount_too_small` comes back as AmountBelowMinimumError
 * with Stripe's message and the settlement currency's minimum (PaymentAttempts.open).
 */
export function stripeRulesFor(settlementCurrency: string): ProviderRules {
  if (!MINIMUM_CHARGE[settlementCurrency]) throw new Error(`Not a settlement currency: ${settlementCurrency}`);
  return {
    currencies: Object.keys(MINIMUM_CHARGE),
    minimumCharge: (currency) => MINIMUM_CHARGE[currency] ?? 50,
    maximumCharge: (currency) => MAXIMUM_CHARGE[currency] ?? EIGHT_DIGITS,
    // Stripe keeps idempotency keys for 24 hours; an hour's margin for clocks and retries in flight.
    idempotencyWindowMs: 23 * 3600_000,
    isPaymentMethodId: (id) => /^pm_[A-Za-z0-9_]{1,200}$/.test(id),
    settlementCurrency,
  };
}

/** Stripe's rules for an account settling in US dollars (the default of STRIPE_SETTLEMENT_CURRENCY). */
export const stripeRules: ProviderRules = stripeRulesFor('usd');

/** The currencies with a maximum in the table above (the rules test checks it covers every billable currency). */
export const STRIPE_MAXIMUM_CHARGE_CURRENCIES: readonly string[] = Object.keys(MAXIMUM_CHARGE);
