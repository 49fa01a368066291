/**
 * What can be paid on an invoice in one payment, as a table: all that is due, or a part that leaves at least the
 * provider's minimum charge for later, never more than its largest single charge. Minimum 50, maximum 10,000 here.
 */
import { amountRefusal, payableAmounts } from '../../src/domain/payments/payable-amounts';

const rules = { minimumCharge: () => 50, maximumCharge: () => 10_000 };

describe('payableAmounts', () => {
  it.each([
    ['nothing due', 0, { payableOnline: false, minimum: 50, maximum: 0, maximumPartial: null }],
    ['less due than the minimum charge', 30, { payableOnline: false, minimum: 50, maximum: 0, maximumPartial: null }],
    ['exactly the minimum charge', 50, { payableOnline: true, minimum: 50, maximum: 50, maximumPartial: null }],
    ['less than two minimum charges: only all of it', 99, { payableOnline: true, minimum: 99, maximum: 99, maximumPartial: null }],
    ['two minimum charges: all, or half', 100, { payableOnline: true, minimum: 50, maximum: 100, maximumPartial: 50 }],
    ['a usual amount', 4_990, { payableOnline: true, minimum: 50, maximum: 4_990, maximumPartial: 4_940 }],
    ['the maximum charge', 10_000, { payableOnline: true, minimum: 50, maximum: 10_000, maximumPartial: 9_950 }],
    ['just above the maximum: a part, leaving at least the minimum', 10_020, { payableOnline: true, minimum: 50, maximum: 9_970, maximumPartial: 9_970 }],
    ['far above the maximum: parts of the maximum', 1_000_000_000, { payableOnline: true, minimum: 50, maximum: 10_000, maximumPartial: 10_000 }],
  ])('%s (%i due)', (_case, due, expected) => {
    expect(payableAmounts(due, 'usd', rules)).toEqual(expected);
  });
});

describe('amountRefusal agrees with payableAmounts', () => {
  // Every amount from 1 to a little past what is due, for each case above with something due.
  it.each([30, 50, 99, 100, 4_990, 10_000, 10_020])('accepts exactly the amounts the invoice offers, with %i due', (due) => {
    const { payableOnline, minimum, maximum, maximumPartial } = payableAmounts(due, 'usd', rules);
    for (let amount = 1; amount <= due + 60; amount++) {
      const offered = payableOnline && (amount === due ? amount <= maximum : maximumPartial !== null && amount >= minimum && amount <= maximumPartial);
      expect([amount, amountRefusal(amount, due, 'usd', rules) === null]).toEqual([amount, offered]);
    }
  });

  it.each([
    [30, 30, 'INVOICE_NOT_PAYABLE_ONLINE'],
    [4_990, 0, 'INVALID_AMOUNT'],
    [4_990, 4_991, 'AMOUNT_EXCEEDS_BALANCE'],
    [4_990, 49, 'AMOUNT_BELOW_MINIMUM'],
    [4_990, 4_960, 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER'],
    [99, 60, 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER'],
    [20_000, 20_000, 'AMOUNT_ABOVE_MAXIMUM'],
    // Under the maximum charge, but too close to what is due: the remainder is the reason.
    [10_020, 10_000, 'AMOUNT_LEAVES_UNPAYABLE_REMAINDER'],
  ])('with %i due, refuses %i as %s', (due, amount, code) => {
    expect(amountRefusal(amount, due, 'usd', rules)).toMatchObject({ kind: 'error', code });
  });
});
