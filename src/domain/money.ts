/** Money is an integer amount of minor units (cents) and a lowercase ISO 4217 currency code. */
export interface Money {
  amount: number;
  currency: string;
}

/** Currencies whose minor unit is the unit itself (ISO 4217 exponent 0). */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

export function normalizeCurrency(currency: string): string {
  return currency.trim().toLowerCase();
}

export function minorUnitDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/** Building an Intl.NumberFormat costs far more than using one (it was the hottest function of a portal page). */
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    const digits = minorUnitDigits(currency);
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** Recently formatted amounts: a page shows the same few amounts again and again, and Intl formatting is not free. */
const formatted = new Map<string, string>();
const FORMATTED_CACHE_SIZE = 10_000;

/** A display string such as "$1,234.50" or "¥500". Formatting only; amounts stay integers everywhere else. */
export function formatMoney({ amount, currency }: Money): string {
  const key = `${currency}:${amount}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatterFor(currency).format(amount / 10 ** minorUnitDigits(currency));
    if (formatted.size >= FORMATTED_CACHE_SIZE) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

export function isMinorUnitAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
