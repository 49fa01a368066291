/**
 * Disputes (chargebacks) as Stripe runs them: the customer's bank disputes a succeeded charge (`charge.dispute.created`),
 * the disputed amount and a dispute fee are withdrawn from the balance (`charge.dispute.funds_withdrawn`), evidence may
 * be submitted (`charge.dispute.updated`, `under_review`), and the dispute closes won (`charge.dispute.closed`, then
 * `charge.dispute.funds_reinstated`) or lost (`charge.dispute.closed`; the funds stay withdrawn). A payment with
 * `pm_card_createDispute` is disputed as fraudulent right after it succeeds; the control API opens one on any charge.
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state, so it cannot dispute a payment made earlier.
 * Approximations: the withdrawal is listed from `charge.dispute.funds_withdrawn` on (Stripe may list it on the created
 * event already); balance transactions are in the charge's currency with a fee of 15 units of it (Stripe's is $15, in
 * the settlement currency); the submitted evidence's texts `winning_evidence` and `losing_evidence` close the dispute
 * at once (Stripe's test mode takes a few minutes).
 */
import type Stripe from 'stripe';
import { checkAmountUnits, formatAmount, minorUnits } from './currencies';
import type { EmulatorState } from './emulator-state';
import { invalidRequest, resourceMissing, throwError } from './stripe-api-error';
import { mergeMetadata, newId, now, type MetadataPatch } from './stripe-objects';

/** The reasons a bank gives for a dispute (Stripe's `Dispute.reason`). */
export const DISPUTE_REASONS = [
  'bank_cannot_process', 'check_returned', 'credit_not_processed', 'customer_initiated', 'debit_not_authorized', 'duplicate', 'fraudulent',
  'general', 'incorrect_account_details', 'insufficient_funds', 'noncompliant', 'product_not_received', 'product_unacceptable',
  'subscription_canceled', 'unrecognized',
] as const;

/** Statuses of a dispute still open, in which the control API may put one. */
export const OPEN_DISPUTE_STATUSES = ['needs_response', 'under_review', 'warning_needs_response', 'warning_under_review'] as const;
const AWAITING_EVIDENCE = ['needs_response', 'warning_needs_response'];
const EVIDENCE_FIELDS = [
  'access_activity_log', 'billing_address', 'cancellation_policy', 'cancellation_policy_disclosure', 'cancellation_rebuttal',
  'customer_communication', 'customer_email_address', 'customer_name', 'customer_purchase_ip', 'customer_signature',
  'duplicate_charge_documentation', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'receipt',
  'refund_policy', 'refund_policy_disclosure', 'refund_refusal_explanation', 'service_date', 'service_documentation', 'shipping_address',
  'shipping_carrier', 'shipping_date', 'shipping_documentation', 'shipping_tracking_number', 'uncategorized_file', 'uncategorized_text',
] as const;
/** The card networks' reason code for a fraud chargeback. */
const FRAUD_REASON_CODE: Readonly<Record<string, string>> = { visa: '10.4', mastercard: '4837', amex: 'F29' };

/** What may change in a dispute from outside (submitted evidence, or the bank's side). */
export interface DisputeChanges {
  evidence?: Partial<Record<(typeof EVIDENCE_FIELDS)[number], string>>;
  metadata?: MetadataPatch;
  /** Submit the evidence to the bank: the dispute goes under review. */
  submit?: boolean;
  /** Set a status directly, as the bank's side does (the control API only). */
  status?: (typeof OPEN_DISPUTE_STATUSES)[number];
}

/** The disputes of the emulated account and the balance transactions that move their funds. */
export class Disputes {
  private readonly byId = new Map<string, Stripe.Dispute>();
  readonly balanceTransactions = new Map<string, Stripe.BalanceTransaction>();

  constructor(private readonly state: EmulatorState) {}

  get(id: string, param = 'dispute'): Stripe.Dispute {
    return this.byId.get(id) ?? throwError(resourceMissing('dispute', id, param));
  }

  /** The dispute with this id, if any. */
  find(id: string): Stripe.Dispute | undefined {
    return this.byId.get(id);
  }

  /** Disputes newest first, optionally of one charge or PaymentIntent. */
  list(filter: { charge?: string; paymentIntent?: string } = {}): Stripe.Dispute[] {
    return [...this.byId.values()].reverse()
      .filter((d) => (!filter.charge || d.charge === filter.charge) && (!filter.paymentIntent || d.payment_intent === filter.paymentIntent));
  }

  /** Whether a refund of the charge is refused: it is disputed, and the dispute was not won. */
  blocksRefund(chargeId: string): boolean {
    return [...this.byId.values()].some((d) => d.charge === chargeId && d.status !== 'won' && d.status !== 'warning_closed');
  }

  /** The customer's bank disputes a succeeded charge (all of it unless `amount` says less); its funds are withdrawn. */
  open(chargeId: string, options: { amount?: number; reason?: string } = {}): Stripe.Dispute {
    const charge = this.state.charges.get(chargeId) ?? throwError(resourceMissing('charge', chargeId, 'charge'));
    if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} has a status of ${charge.status}; only a succeeded charge can be disputed.`, 'charge');
    if (charge.disputed) throw invalidRequest(`Charge ${charge.id} has already been disputed.`, 'charge', 'charge_disputed');
    const amount = options.amount ?? charge.amount;
    if (!Number.isInteger(amount) || amount < 1 || amount > charge.amount) {
      throw invalidRequest(`The disputed amount must be between 1 and the charge's amount (${formatAmount(charge.amount, charge.currency)}).`, 'amount');
    }
    checkAmountUnits(amount, charge.currency);
    const reason = options.reason ?? 'fraudulent';
    if (!(DISPUTE_REASONS as readonly string[]).includes(reason)) throw invalidRequest(`reason must be one of ${DISPUTE_REASONS.join(', ')}.`, 'reason');
    const dispute = disputeObject(charge, amount, reason);
    this.byId.set(dispute.id, dispute);
    charge.disputed = true;
    this.state.emit('charge.dispute.created', dispute);
    this.move(dispute, 'withdrawal');
    this.state.emit('charge.dispute.funds_withdrawn', dispute, { balance_transactions: [] });
    return dispute;
  }

  /** Evidence, metadata or the bank's status change on an open dispute; `charge.dispute.updated`. */
  update(id: string, changes: DisputeChanges): Stripe.Dispute {
    const dispute = this.get(id);
    if (!(OPEN_DISPUTE_STATUSES as readonly string[]).includes(dispute.status)) throw invalidRequest(`This dispute is already closed (its status is ${dispute.status}).`);
    if ((changes.evidence || changes.submit) && !AWAITING_EVIDENCE.includes(dispute.status)) {
      throw invalidRequest(`This dispute has a status of ${dispute.status}: evidence can no longer be changed or submitted.`, 'evidence');
    }
    if (changes.status !== undefined && !(OPEN_DISPUTE_STATUSES as readonly string[]).includes(changes.status)) {
      throw invalidRequest(`status must be one of ${OPEN_DISPUTE_STATUSES.join(', ')} (close a dispute to win or lose it).`, 'status');
    }
    const before = structuredClone(dispute);
    for (const [key, value] of Object.entries(changes.evidence ?? {})) {
      if (!(EVIDENCE_FIELDS as readonly string[]).includes(key)) throw invalidRequest(`Received unknown parameter: evidence[${key}]`, `evidence[${key}]`, 'parameter_unknown');
      Object.assign(dispute.evidence, { [key]: value === '' ? null : value });
    }
    if (changes.metadata !== undefined) dispute.metadata = mergeMetadata(dispute.metadata, changes.metadata);
    if (changes.evidence) dispute.evidence_details.has_evidence = true;
    if (changes.submit) {
      dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
      Object.assign(dispute.evidence_details, { submission_count: dispute.evidence_details.submission_count + 1, submission_method: 'manual' });
    }
    if (changes.status) dispute.status = changes.status;
    const previous = Object.fromEntries((['status', 'evidence', 'evidence_details', 'metadata'] as const)
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(dispute[key])).map((key) => [key, before[key]]));
    this.state.emit('charge.dispute.updated', dispute, previous);
    // Stripe's test-mode evidence: these texts decide the dispute once submitted.
    const verdict = { winning_evidence: 'won', losing_evidence: 'lost' }[dispute.evidence.uncategorized_text ?? ''] as 'won' | 'lost' | undefined;
    if (changes.submit && verdict) this.state.soon(() => this.close(id, verdict));
    return dispute;
  }

  /** The bank decides: won (the funds come back, `funds_reinstated`) or lost (they stay withdrawn). */
  close(id: string, outcome: 'won' | 'lost'): Stripe.Dispute {
    const dispute = this.get(id);
    if (!(OPEN_DISPUTE_STATUSES as readonly string[]).includes(dispute.status)) throw invalidRequest(`This dispute is already closed (its status is ${dispute.status}).`);
    if (outcome !== 'won' && outcome !== 'lost') throw invalidRequest('outcome must be won or lost.', 'outcome');
    const previous = { status: dispute.status };
    dispute.status = outcome;
    dispute.evidence_details.past_due = false;
    this.state.emit('charge.dispute.closed', dispute, previous);
    if (outcome === 'won') {
      const before = structuredClone(dispute.balance_transactions);
      this.move(dispute, 'reinstatement');
      this.state.emit('charge.dispute.funds_reinstated', dispute, { balance_transactions: before });
    }
    return dispute;
  }

  /** Records the balance transaction that takes the disputed amount and the fee out, or gives them back. */
  private move(dispute: Stripe.Dispute, kind: 'withdrawal' | 'reinstatement'): void {
    const sign = kind === 'withdrawal' ? -1 : 1;
    const fee = 15 * 10 ** minorUnits(dispute.currency);
    const chargeId = dispute.charge as string;
    const transaction: Stripe.BalanceTransaction = {
      id: newId('txn'), object: 'balance_transaction', amount: sign * dispute.amount, available_on: now(), balance_type: 'payments',
      created: now(), currency: dispute.currency, exchange_rate: null, fee: -sign * fee,
      description: kind === 'withdrawal' ? `Chargeback withdrawal for ${chargeId}` : `Chargeback reversal for ${chargeId}`,
      fee_details: [{ amount: -sign * fee, application: null, currency: dispute.currency, description: 'Dispute fee', type: 'stripe_fee' }],
      net: sign * (dispute.amount + fee), reporting_category: kind === 'withdrawal' ? 'dispute' : 'dispute_reversal',
      source: dispute.id, status: 'available', type: 'adjustment',
    };
    this.balanceTransactions.set(transaction.id, transaction);
    dispute.balance_transactions.push(transaction);
  }
}

/** A new dispute of `amount` of a charge, awaiting the business's response for a week. */
function disputeObject(charge: Stripe.Charge, amount: number, reason: string): Stripe.Dispute {
  const card = charge.payment_method_details?.card;
  return {
    id: newId('dp'), object: 'dispute', amount, balance_transactions: [], charge: charge.id, created: now(), currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: { ...Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])) as Record<(typeof EVIDENCE_FIELDS)[number], null>, enhanced_evidence: {} },
    evidence_details: {
      due_by: now() + 7 * 24 * 3600, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: 'not_submitted',
    },
    intended_submission_method: null, is_charge_refundable: false, livemode: false, metadata: {},
    payment_intent: charge.payment_intent as string | null,
    ...(card && { payment_method_details: {
      type: 'card',
      card: {
        brand: card.brand ?? 'unknown', case_type: 'chargeback', network: card.network ?? card.brand ?? 'unknown',
        network_reason_code: reason === 'fraudulent' ? FRAUD_REASON_CODE[card.brand ?? ''] ?? null : null,
      },
    } }),
    reason, status: 'needs_response',
  };
}
