import { formatMoney, minorUnitDigits } from '../../src/domain/money';

describe('money', () => {
  it('formats minor units for display, with the currency\'s own number of decimals', () => {
    expect(formatMoney({ amount: 123_450, currency: 'usd' })).toBe('$1,234.50');
    expect(formatMoney({ amount: 5, currency: 'eur' })).toBe('€0.05');
    expect(formatMoney({ amount: 500, currency: 'jpy' })).toBe('¥500');
    expect(formatMoney({ amount: -2_500, currency: 'gbp' })).toBe('-£25.00');
    // Cached formatters give the same answer the second time, per currency.
    expect(formatMoney({ amount: 1, currency: 'usd' })).toBe('$0.01');
    expect(formatMoney({ amount: 1, currency: 'jpy' })).toBe('¥1');
  });

  it('knows the currencies whose minor unit is the unit itself', () => {
    expect(minorUnitDigits('jpy')).toBe(0);
    expect(minorUnitDigits('usd')).toBe(2);
  });
});
