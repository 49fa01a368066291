import { formatMoney, useLocale, type Money as MoneyValue } from '../i18n/i18n';

/** An amount, formatted for the page's locale (the API's `formatted` is English only). */
export function Money({ value }: { value: MoneyValue }) {
  const { tag } = useLocale();
  return <span class="money">{formatMoney(value, tag)}</span>;
}
