/**
 * What can be paid on an invoice in one payment now, from what is due and the provider's smallest and largest
 * charge. One module for both sides of the rule: the page views (Invoice.minimumPayment, maximumPayment, …) and
 * checkout's refusals read it, so what a client is told it may pay is exactly what createPaymentIntent accepts.
 *
 * The rule: all that is due, if the provider can charge it at once; or a part from the minimum charge up to what
 * leaves at least the minimum charge for later (and no more than the maximum charge). So no payment ever leaves a
 * remainder the provider cannot charge, and an invoice only becomes unpayable online when what is due is below the
 * minimum in the first place (paid outside the portal, refunded, or issued that small), which is then said plainly.
 */
import type { ProviderRules } from '../../payments/payment-provider.port';
import { userError, type Failure } from '../user-errors';

/** The provider's rules these amounts depend on. */
export type ChargeLimits = Pick<ProviderRules, 'minimumCharge' | 'maximumCharge'>;

/** In minor units of the invoice's currency. */
export interface PayableAmounts {
  /** Something is due and some amount of it can be charged now. */
  payableOnline: boolean;
  /**
   * The smallest amount accepted now: the provider's minimum charge, or all that is due when no smaller part is
   * possible. When nothing can be paid online, the provider's minimum (more than is due).
   */
  minimum: number;
  /** The largest amount accepted now: all that is due, or the largest part when that is above the maximum charge; 0 when nothing can be paid. */
  maximum: number;
  /** The largest amount less than all that is due that leaves a remainder the provider can charge; null when no part can be paid. */
  maximumPartial: number | null;
}

export function payableAmounts(due: number, currency: string, rules: ChargeLimits): PayableAmounts {
  const minimumCharge = rules.minimumCharge(currency);
  const maximumCharge = rules.maximumCharge(currency);
  const nothing: PayableAmounts = { payableOnline: false, minimum: minimumCharge, maximum: 0, maximumPartial: null };
  if (due < minimumCharge) return nothing;
  const largestPart = Math.min(maximumCharge, due - minimumCharge);
  const maximumPartial = largestPart >= minimumCharge ? largestPart : null;
  const wholeAtOnce = due <= maximumCharge;
  if (!wholeAtOnce && maximumPartial === null) return nothing;
  return {
    payableOnline: true,
    minimum: maximumPartial === null ? due : minimumCharge,
    maximum: wholeAtOnce ? due : maximumPartial!,
    maximumPartial,
  };
}

/** Every way an amount can be refused once the invoice is known to be open with something due. */
export const AMOUNT_FAILURES = [
  'INVALID_AMOUNT',
  'AMOUNT_EXCEEDS_BALANCE',
  'INVOICE_NOT_PAYABLE_ONLINE',
  'AMOUNT_BELOW_MINIMUM',
  'AMOUNT_ABOVE_MAXIMUM',
  'AMOUNT_LEAVES_UNPAYABLE_REMAINDER',
] as const;

export type AmountFailure = Failure<(typeof AMOUNT_FAILURES)[number]>;

/**
 * Why `amount` cannot be paid on an invoice with `due` (> 0) outstanding, or null when it can. An invoice that cannot
 * be paid online at all says so whatever the amount: no amount would help, and the customer must contact the business.
 */
export function amountRefusal(amount: number, due: number, currency: string, rules: ChargeLimits): AmountFailure | null {
  const money = (value: number) => ({ amount: value, currency });
  const limits = payableAmounts(due, currency, rules);
  const minimumCharge = rules.minimumCharge(currency);
  if (!limits.payableOnline) {
    return userError(
      'INVOICE_NOT_PAYABLE_ONLINE',
      'What is due on this invoice is less than the smallest card payment, so it cannot be paid online. Contact the business to settle it.',
      { amountDue: money(due), minimum: money(minimumCharge) },
    );
  }
  if (!Number.isSafeInteger(amount) || amount <= 0) return userError('INVALID_AMOUNT', 'The amount must be a positive whole number of minor units.');
  if (amount > due) return userError('AMOUNT_EXCEEDS_BALANCE', 'The amount is more than is due on the invoice.', { amountDue: money(due) });
  if (amount < minimumCharge) {
    return userError('AMOUNT_BELOW_MINIMUM', 'The amount is below the smallest payment this invoice accepts.', { minimum: money(limits.minimum) });
  }
  // Checked against the provider's own maximum: an amount under it but too close to what is due is refused below
  // for its remainder, the reason that applies.
  if (amount > rules.maximumCharge(currency)) {
    return userError('AMOUNT_ABOVE_MAXIMUM', 'The amount is more than a card can be charged at once: pay it in parts.', { maximum: money(limits.maximum) });
  }
  if (amount < due && due - amount < minimumCharge) {
    const { maximumPartial } = limits;
    return userError(
      'AMOUNT_LEAVES_UNPAYABLE_REMAINDER',
      maximumPartial === null
        ? 'Pay all that is due: any smaller payment would leave less than the smallest card payment to pay later.'
        : 'This would leave less than the smallest card payment to pay later. Pay all that is due, or at most maximumPartial.',
      { amountDue: money(due), maximumPartial: maximumPartial === null ? null : money(maximumPartial), minimum: money(minimumCharge) },
    );
  }
  return null;
}
