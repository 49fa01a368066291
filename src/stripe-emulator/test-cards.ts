/** How a test card behaves when charged, mirroring Stripe's test-mode card numbers. */
export interface TestCard {
  brand: 'visa' | 'mastercard' | 'amex';
  last4: string;
  funding: 'credit' | 'debit';
  /** Charges succeed, are declined, or need 3D Secure first. */
  outcome: 'succeed' | 'decline' | 'authenticate';
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
