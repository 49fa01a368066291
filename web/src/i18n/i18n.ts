import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type Messages } from './messages.en';
import { fr } from './messages.fr';

export type Language = 'en' | 'fr';

export interface Locale {
  language: Language;
  /** The BCP 47 tag amounts and dates are formatted for, e.g. fr-CA. */
  tag: string;
  messages: Messages;
}

const CATALOGS: Record<Language, Messages> = { en, fr };
const DEFAULT_TAG: Record<Language, string> = { en: 'en-US', fr: 'fr-FR' };

function supported(tag: string): Locale | null {
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(tag);
  } catch {
    return null;
  }
  const language = canonical?.split('-')[0];
  if (language !== 'en' && language !== 'fr') return null;
  // A bare language gets a region, so amounts and dates follow one country's conventions.
  return { language, tag: canonical.includes('-') ? canonical : DEFAULT_TAG[language], messages: CATALOGS[language] };
}

/** The locale from `?lang=` (e.g. fr, fr-CA), then the browser's languages, then English. */
export function detectLocale(search: string, browserLanguages: readonly string[]): Locale {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of [asked, ...browserLanguages]) {
    const locale = tag ? supported(tag) : null;
    if (locale) return locale;
  }
  return supported('en-US')!;
}

/** The same locale in another language, keeping the region when it has one (fr-CA ↔ en-CA). */
export function switchLanguage(locale: Locale, language: Language): Locale {
  const region = locale.tag.split('-')[1];
  return supported(region ? `${language}-${region}` : language) ?? supported(language)!;
}

export const LocaleContext = createContext<Locale>(supported('en-US')!);

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** How many digits a currency's minor unit has (2 for usd, 0 for jpy), as ISO 4217 and Intl know it. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export interface Money {
  /** Minor units. */
  amount: number;
  currency: string;
}

/** The amount as a decimal string ("1130.00"), built from the integer so no float ever rounds it. */
function decimal({ amount, currency }: Money): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const units = Math.abs(amount).toString().padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${units}` : `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "$1,130.00" in en-US, "1 130,00 $" in fr-CA. */
export function formatMoney(money: Money, tag: string): string {
  const key = `${tag}:${money.currency}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat(tag, { style: 'currency', currency: money.currency.toUpperCase() })));
  return format.format(decimal(money) as `${number}`);
}

export function formatDate(iso: string, tag: string): string {
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }).format(new Date(iso));
}

/** The currency's symbol as the locale writes it, for the amount field's label. */
export function currencySymbol(currency: string, tag: string): string {
  return new Intl.NumberFormat(tag, { style: 'currency', currency: currency.toUpperCase() }).formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency.toUpperCase();
}

const BRANDS: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', jcb: 'JCB', diners: 'Diners Club', unionpay: 'UnionPay' };

export function brandName(brand: string | null | undefined): string {
  return (brand && BRANDS[brand]) ?? (brand ? brand[0].toUpperCase() + brand.slice(1) : '');
}

/**
 * An amount as a person types it, in minor units: "45.50", "45,50", "1,130.50", "1 130,50", "$45.50". The last
 * "." or "," followed by at most the currency's decimals is the decimal separator; any other separator must group
 * thousands (so "45,50" is 45.50, never 4550). Null when it is not an amount.
 */
export function parseAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  // Spaces of any kind, apostrophes (de-CH) and currency signs carry no value.
  const cleaned = text.replace(/[\s\u00a0\u202f'’]/g, '').replace(/[^\d.,-]/g, (char) => (/\p{Sc}|[A-Za-z]/u.test(char) ? '' : char));
  const number = /^[.,]/.test(cleaned) ? `0${cleaned}` : cleaned;
  if (!/^\d[\d.,]*$/.test(number)) return null;
  const decimalMatch = digits > 0 ? new RegExp(`[.,](\\d{1,${digits}})$`).exec(number) : null;
  const integerText = decimalMatch ? number.slice(0, decimalMatch.index) : number;
  const fraction = decimalMatch ? decimalMatch[1].padEnd(digits, '0') : '0'.repeat(digits);
  if (!/^\d{1,3}([.,]\d{3})*$/.test(integerText) && !/^\d+$/.test(integerText)) return null;
  const units = integerText.replace(/[.,]/g, '');
  // Mixed group separators ("1,000.000.00") are a typo, not an amount.
  if (new Set(integerText.match(/[.,]/g) ?? []).size > 1) return null;
  const amount = Number(units + fraction);
  return Number.isSafeInteger(amount) ? amount : null;
}
