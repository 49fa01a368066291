/**
 * The language and formats of a message to a customer, from the customer's `locale` (a BCP 47 tag), with the payment
 * page's rules (web/src/i18n/i18n.ts): English or French, a bare language gets a region, anything else is en-US.
 */
export type EmailLanguage = 'en' | 'fr';

export interface EmailLocale {
  language: EmailLanguage;
  /** The BCP 47 tag amounts and dates are formatted for, e.g. fr-CA. */
  tag: string;
}

const DEFAULT_TAG: Record<EmailLanguage, string> = { en: 'en-US', fr: 'fr-FR' };

export function emailLocale(customerLocale: string | null | undefined): EmailLocale {
  let canonical: string | undefined;
  try {
    [canonical] = customerLocale ? Intl.getCanonicalLocales(customerLocale) : [];
  } catch {
    canonical = undefined;
  }
  const language = canonical?.split('-')[0];
  if (!canonical || (language !== 'en' && language !== 'fr')) return { language: 'en', tag: DEFAULT_TAG.en };
  return { language, tag: canonical.includes('-') ? canonical : DEFAULT_TAG[language] };
}

/** How many digits a currency's minor unit has (2 for usd, 0 for jpy), as ISO 4217 and Intl know it. */
function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "$1,130.00" in en-US, "1 130,00 $" in fr-CA, from integer minor units (a decimal string, so no float rounds it). */
export function formatMoney(amount: number, currency: string, locale: EmailLocale): string {
  const digits = minorDigits(currency.toUpperCase());
  const sign = amount < 0 ? '-' : '';
  const units = Math.abs(amount).toString().padStart(digits + 1, '0');
  const decimal = digits === 0 ? `${sign}${units}` : `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return new Intl.NumberFormat(locale.tag, { style: 'currency', currency: currency.toUpperCase() }).format(decimal as unknown as number); // a decimal string: Intl.NumberFormat v3 formats it exactly
}

/** A day, as the payment page writes it ("Nov 30, 2026"; "30 nov. 2026"). Days are UTC days, as the server keeps them. */
export function formatDate(date: Date, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale.tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A moment ("December 3, 2026 at 3:17 PM UTC"): the time zone is named, as the reader's is unknown. */
export function formatDateTime(date: Date, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale.tag, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(date);
}

const BRANDS: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', jcb: 'JCB', diners: 'Diners Club', unionpay: 'UnionPay' };

export function brandName(brand: string | null | undefined): string {
  return (brand && BRANDS[brand]) ?? (brand ? brand[0].toUpperCase() + brand.slice(1) : '');
}
