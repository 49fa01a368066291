/**
 * Stripe's currency rules as the emulator applies them to amounts: the currencies it accepts (Stripe's presentment
 * list), their minor units (zero-decimal, three-decimal, and the whole-unit special cases), the smallest and largest
 * charge, and Stripe's words when it refuses one (docs.stripe.com/currencies).
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state, so the emulator refuses amounts itself, as Stripe does.
 * Approximation: Stripe checks the minimum after converting the amount to the account's settlement currency at the
 * day's rate; the emulator converts at the fixed, rounded rates below (so tests repeat), and for a currency it has no
 * rate for it only checks that the amount is at least 1.
 */
import { invalidRequest } from './stripe-api-error';

/** Every currency Stripe charges in (its presentment currencies). */
export const STRIPE_CURRENCIES: readonly string[] = (
  'usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf clp cny cop '
  + 'crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jod jpy kes '
  + 'kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd '
  + 'omr pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs tnd top try ttd twd '
  + 'tzs uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw'
).split(' ');

/** Amounts in these are whole units: `amount: 500` is ¥500. */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
/** Three minor digits, of which Stripe requires the last to be 0. */
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
/** Two-decimal in the API, but charged in whole units only: amounts must be multiples of 100 (Stripe's special cases). */
const WHOLE_UNITS_ONLY = new Set(['isk', 'ugx']);

/** Stripe's minimum charge in each currency an account can settle in, in minor units. */
const SETTLEMENT_MINIMUM: Readonly<Record<string, number>> = {
  usd: 50, aed: 200, aud: 50, bgn: 100, brl: 50, cad: 50, chf: 50, czk: 1500, dkk: 250, eur: 50, gbp: 30, hkd: 400, huf: 17500,
  inr: 50, jpy: 50, mxn: 1000, myr: 200, nok: 300, nzd: 50, pln: 200, ron: 200, sek: 300, sgd: 50, thb: 1000,
};

/** US dollars per major unit: fixed, rounded rates, only to convert an amount for the minimum check. */
const USD_PER_UNIT: Readonly<Record<string, number>> = {
  usd: 1, aed: 0.27, aud: 0.66, bgn: 0.55, brl: 0.18, cad: 0.73, chf: 1.13, czk: 0.044, dkk: 0.145, eur: 1.08, gbp: 1.27, hkd: 0.128,
  huf: 0.0027, inr: 0.012, jpy: 0.0067, mxn: 0.055, myr: 0.22, nok: 0.093, nzd: 0.6, pln: 0.25, ron: 0.22, sek: 0.095, sgd: 0.74,
  thb: 0.029, bhd: 2.65, jod: 1.41, kwd: 3.26, omr: 2.6, tnd: 0.32, isk: 0.0072, ugx: 0.00027, krw: 0.00073, clp: 0.00105,
  vnd: 0.00004, twd: 0.031, idr: 0.000063, php: 0.0175, zar: 0.054, ils: 0.27, try: 0.031, cny: 0.138, sar: 0.267, qar: 0.275,
};

/** Stripe's largest amount: eight digits in any currency. */
export const MAXIMUM_AMOUNT = 99_999_999;

/** How many minor digits the API uses for `currency`. */
export function minorUnits(currency: string): 0 | 2 | 3 {
  return ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
}

/** `$0.50`, `¥50`, `£0.30`, as Stripe's messages print amounts. */
export function formatAmount(amount: number, currency: string): string {
  const digits = minorUnits(currency);
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase(), currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(amount / 10 ** digits).replace(/\u00a0/g, ' ');
}

/** The currency as Stripe stores it (lowercase), or Stripe's refusal of an unsupported one. */
export function checkCurrency(value: string, param = 'currency'): string {
  const currency = value.toLowerCase();
  if (STRIPE_CURRENCIES.includes(currency)) return currency;
  throw invalidRequest(`Invalid currency: ${value}. Stripe currently supports these currencies: ${STRIPE_CURRENCIES.join(', ')}`, param);
}

/** Refuses amounts a currency cannot carry: a three-decimal amount not ending in 0, a fraction of a whole-unit currency. */
export function checkAmountUnits(amount: number, currency: string, param = 'amount'): void {
  if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) {
    // Stripe's wording for this refusal is not published; the rule is (docs.stripe.com/currencies#three-decimal).
    throw invalidRequest(`Invalid amount: ${currency.toUpperCase()} amounts must be multiples of 10 (the last of its three decimal digits must be 0).`, param, 'invalid_charge_amount');
  }
  if (WHOLE_UNITS_ONLY.has(currency) && amount % 100 !== 0) {
    throw invalidRequest(`Invalid amount. Currency ${currency.toUpperCase()} has become effectively zero-decimal and charged amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.`, param, 'invalid_charge_amount_no_decimal_compatible');
  }
}

/** Refuses a charge amount as Stripe does: below 1, of the wrong units, below the minimum after conversion, above eight digits. */
export function checkChargeAmount(amount: number, currency: string, settlementCurrency: string): void {
  if (amount < 1) throw invalidRequest('This value must be greater than or equal to 1.', 'amount', 'parameter_invalid_integer');
  checkAmountUnits(amount, currency);
  const minimum = SETTLEMENT_MINIMUM[settlementCurrency] ?? 50;
  if (currency === settlementCurrency) {
    if (amount < minimum) throw invalidRequest(`Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, 'amount', 'amount_too_small');
  } else if (USD_PER_UNIT[currency] && USD_PER_UNIT[settlementCurrency]) {
    const settled = (amount / 10 ** minorUnits(currency)) * (USD_PER_UNIT[currency] / USD_PER_UNIT[settlementCurrency]) * 10 ** minorUnits(settlementCurrency);
    if (settled < minimum) {
      const least = settlementCurrency === 'usd' ? `${minimum} cents` : formatAmount(minimum, settlementCurrency);
      throw invalidRequest(`Amount must convert to at least ${least}. ${formatAmount(amount, currency)} converts to approximately ${formatAmount(Math.floor(settled), settlementCurrency)}.`, 'amount', 'amount_too_small');
    }
  }
  if (amount > MAXIMUM_AMOUNT) throw invalidRequest(`Amount must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)}`, 'amount', 'amount_too_large');
}

/** Whether the emulator can settle in `currency` (it has Stripe's minimum for it). */
export const isSettlementCurrency = (currency: string): boolean => currency in SETTLEMENT_MINIMUM;
