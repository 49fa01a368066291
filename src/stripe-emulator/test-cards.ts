/** The card networks the emulator recognizes from a card number, with Stripe's brand names. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay';

/** How a test card behaves when charged, mirroring Stripe's test-mode card numbers. */
export interface TestCard {
  brand: CardBrand;
  last4: string;
  funding: 'credit' | 'debit';
  /** Charges succeed, are declined, or need 3D Secure first. */
  outcome: 'succeed' | 'decline' | 'authenticate';
  /** For `authenticate` cards: once set up with 3-D Secure (a SetupIntent, or a payment saving it), off-session payments need none. */
  offSessionOnceSetUp?: boolean;
  /** What Stripe does after a successful payment: the customer's bank disputes it as fraudulent. */
  afterPayment?: 'dispute';
  /** How refunds of its payments go: they succeed, then fail later; or stay pending, then succeed later. */
  refunds?: 'fail_later' | 'pending';
  /** For declines: Stripe's error `code`, `decline_code` and customer-facing message. */
  decline?: { code: string; declineCode: string; message: string };
  /** Stripe validates a card when it is attached to a customer, so most declining cards fail there already. */
  declinesOnAttach?: boolean;
}

const declined = (last4: string, code: string, declineCode: string, message: string, declinesOnAttach = true): TestCard => ({
  brand: 'visa', last4, funding: 'credit', outcome: 'decline', decline: { code, declineCode, message }, declinesOnAttach,
});
const generic = declined('0002', 'card_declined', 'generic_decline', 'Your card was declined.');
const insufficient = declined('9995', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.');

/**
 * Stripe's test PaymentMethod ids (`pm_card_*`) the emulator accepts wherever a PaymentMethod id is expected.
 * Like Stripe, each use creates a new concrete `pm_...` object: the test id is only a template.
 */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: 'visa', last4: '4242', funding: 'credit', outcome: 'succeed' },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', funding: 'debit', outcome: 'succeed' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', funding: 'credit', outcome: 'succeed' },
  pm_card_amex: { brand: 'amex', last4: '8431', funding: 'credit', outcome: 'succeed' },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', funding: 'credit', outcome: 'authenticate' },
  pm_card_authenticationRequiredSetupForOffSession: { brand: 'visa', last4: '3155', funding: 'credit', outcome: 'authenticate', offSessionOnceSetUp: true },
  pm_card_createDispute: { brand: 'visa', last4: '0259', funding: 'credit', outcome: 'succeed', afterPayment: 'dispute' },
  pm_card_refundFail: { brand: 'visa', last4: '5126', funding: 'credit', outcome: 'succeed', refunds: 'fail_later' },
  pm_card_pendingRefund: { brand: 'visa', last4: '7726', funding: 'credit', outcome: 'succeed', refunds: 'pending' },
  pm_card_chargeDeclined: generic,
  pm_card_visa_chargeDeclined: generic,
  pm_card_chargeDeclinedInsufficientFunds: insufficient,
  pm_card_visa_chargeDeclinedInsufficientFunds: insufficient,
  pm_card_chargeDeclinedExpiredCard: declined('0069', 'expired_card', 'expired_card', 'Your card has expired.'),
  pm_card_chargeDeclinedIncorrectCvc: declined('0127', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  pm_card_chargeDeclinedProcessingError: declined(
    '0119', 'processing_error', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.'),
  // Attaches fine but every charge is declined: a saved card that later stops working.
  pm_card_chargeCustomerFail: declined('0341', 'card_declined', 'generic_decline', 'Your card was declined.', false),
};

/**
 * Stripe's test card numbers, as typed into the card field of the emulator's Stripe.js, mapped onto the test cards above.
 * Any other number that passes the Luhn check pays like `4242 4242 4242 4242`, with its own brand and last4.
 * Like Stripe's, these cards only decline when charged, never when the PaymentMethod is created.
 */
export const TEST_CARD_NUMBERS: Readonly<Record<string, string>> = {
  '4242424242424242': 'pm_card_visa',
  '4000056655665556': 'pm_card_visa_debit',
  '5555555555554444': 'pm_card_mastercard',
  '378282246310005': 'pm_card_amex',
  '4000002760003184': 'pm_card_authenticationRequired',
  '4000002500003155': 'pm_card_authenticationRequiredSetupForOffSession',
  '4000000000000259': 'pm_card_createDispute',
  '4000000000005126': 'pm_card_refundFail',
  '4000000000007726': 'pm_card_pendingRefund',
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
  '4000000000000069': 'pm_card_chargeDeclinedExpiredCard',
  '4000000000000127': 'pm_card_chargeDeclinedIncorrectCvc',
  '4000000000000119': 'pm_card_chargeDeclinedProcessingError',
  '4000000000000341': 'pm_card_chargeCustomerFail',
};

/** The brand of a card number by its prefix, as Stripe detects it; `undefined` when unknown. */
export function cardBrand(number: string): CardBrand | undefined {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|64[4-9]|65)/.test(number)) return 'discover';
  if (/^(30[0-5]|36|38|39)/.test(number)) return 'diners';
  if (/^35/.test(number)) return 'jcb';
  if (/^62/.test(number)) return 'unionpay';
  return undefined;
}

/** The Luhn checksum every card number carries. */
export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return number.length > 0 && /^\d+$/.test(number) && sum % 10 === 0;
}

/** How a card number behaves when charged: its test card's behaviour, or a success; brand and last4 come from the number. */
export function testCardForNumber(number: string): TestCard {
  const template = TEST_CARDS[TEST_CARD_NUMBERS[number] ?? 'pm_card_visa'];
  return { ...template, brand: cardBrand(number) ?? template.brand, last4: number.slice(-4) };
}
