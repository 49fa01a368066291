/**
 * Refunds as Stripe keeps them: objects with ids (`re_...`) whose status moves after creation, and the charge's
 * `amount_refunded` following them. A refund of a `pm_card_refundFail` payment succeeds, then fails later; one of a
 * `pm_card_pendingRefund` payment stays pending, then succeeds later (Stripe's test cards); the control API fails,
 * cancels or completes a refund as Stripe's side would.
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state, so it cannot show a refund changing after it was made.
 * Approximations: `amount_refunded` counts pending and succeeded refunds, as Stripe's does; a failed refund's
 * `failure_reason` is `expired_or_canceled_card` unless the control API names another; "later" is the emulator's
 * `delayedChangeMs` (or `runDelayed()`), not Stripe's minutes to days.
 */
import type Stripe from 'stripe';
import { checkAmountUnits, formatAmount } from './currencies';
import type { EmulatorState } from './emulator-state';
import { StripeApiError, invalidRequest, resourceMissing, throwError } from './stripe-api-error';
import { newId, refundObject } from './stripe-objects';

/** Why a refund failed, as Stripe reports it in `failure_reason`. */
export const REFUND_FAILURE_REASONS = [
  'lost_or_stolen_card', 'expired_or_canceled_card', 'charge_for_pending_refund_disputed', 'insufficient_funds', 'declined', 'merchant_request', 'unknown',
] as const;
export type RefundFailureReason = (typeof REFUND_FAILURE_REASONS)[number];

/** The refunds of the emulated account and their lifecycle. */
export class Refunds {
  private readonly byId = new Map<string, Stripe.Refund>();

  constructor(private readonly state: EmulatorState) {}

  get(id: string, param = 'id'): Stripe.Refund {
    return this.byId.get(id) ?? throwError(resourceMissing('refund', id, param));
  }

  /** The refund with this id, if any. */
  find(id: string): Stripe.Refund | undefined {
    return this.byId.get(id);
  }

  /** Refunds newest first, optionally of one charge or PaymentIntent. */
  list(filter: { charge?: string; paymentIntent?: string } = {}): Stripe.Refund[] {
    return [...this.byId.values()].reverse()
      .filter((r) => (!filter.charge || r.charge === filter.charge) && (!filter.paymentIntent || r.payment_intent === filter.paymentIntent));
  }

  /** Refunds the successful charge of an intent (or a charge by id), all that is left unless `amount` says less. */
  create(target: { paymentIntent?: string; charge?: string }, amount: number | undefined, fields: Pick<Stripe.Refund, 'reason' | 'metadata'>): Stripe.Refund {
    if (amount !== undefined && !(Number.isInteger(amount) && amount >= 1)) {
      throw invalidRequest('This value must be greater than or equal to 1.', 'amount', 'parameter_invalid_integer');
    }
    let charge: Stripe.Charge | undefined;
    if (target.paymentIntent) {
      const latest = this.state.getPaymentIntent(target.paymentIntent, 'payment_intent').latest_charge;
      charge = this.state.charges.get(latest as string);
      if (!charge?.paid) throw invalidRequest('This PaymentIntent does not have a successful charge to refund.', 'payment_intent');
    } else {
      charge = this.state.charges.get(target.charge!) ?? throwError(resourceMissing('charge', target.charge!, 'charge'));
    }
    if (this.state.disputes.blocksRefund(charge.id)) {
      throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, undefined, 'charge_disputed');
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    if (amount !== undefined) checkAmountUnits(amount, charge.currency);
    if (amount !== undefined && amount > remaining) {
      throw invalidRequest(`Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`, 'amount');
    }
    const behaviour = this.state.cardOf(charge.payment_method)?.refunds;
    const refund = refundObject(charge, amount ?? remaining, behaviour === 'pending' ? 'pending' : 'succeeded', fields);
    this.byId.set(refund.id, refund);
    this.adjustCharge(charge, refund.amount);
    this.state.emit('refund.created', refund);
    if (behaviour === 'fail_later') this.state.later(() => this.fail(refund.id, 'expired_or_canceled_card'));
    if (behaviour === 'pending') this.state.later(() => this.succeed(refund.id));
    return refund;
  }

  /** The refund fails on the card network's side: the money stays with the business, and the charge's refunded amount goes back down. */
  fail(id: string, reason: RefundFailureReason = 'unknown'): Stripe.Refund {
    const refund = this.get(id);
    if (refund.status !== 'pending' && refund.status !== 'succeeded') throw this.unexpectedStatus(refund, 'failed', 'pending or succeeded');
    if (!REFUND_FAILURE_REASONS.includes(reason)) throw invalidRequest(`failure_reason must be one of ${REFUND_FAILURE_REASONS.join(', ')}.`, 'failure_reason');
    const previous = { status: refund.status };
    Object.assign(refund, { status: 'failed', failure_reason: reason, failure_balance_transaction: newId('txn') });
    delete refund.pending_reason;
    this.adjustCharge(this.chargeOf(refund), -refund.amount, false);
    this.emitUpdate(refund, previous);
    this.state.emit('refund.failed', refund);
    return refund;
  }

  /** A pending refund is canceled before it was sent (as from the Dashboard): the charge's refunded amount goes back down. */
  cancel(id: string): Stripe.Refund {
    const refund = this.get(id);
    if (refund.status !== 'pending') throw this.unexpectedStatus(refund, 'canceled', 'pending');
    const previous = { status: refund.status };
    refund.status = 'canceled';
    delete refund.pending_reason;
    this.adjustCharge(this.chargeOf(refund), -refund.amount, false);
    this.emitUpdate(refund, previous);
    return refund;
  }

  /** A pending refund reaches the customer. */
  succeed(id: string): Stripe.Refund {
    const refund = this.get(id);
    if (refund.status !== 'pending') throw this.unexpectedStatus(refund, 'completed', 'pending');
    const previous = { status: refund.status };
    refund.status = 'succeeded';
    delete refund.pending_reason;
    this.emitUpdate(refund, previous);
    return refund;
  }

  private chargeOf(refund: Stripe.Refund): Stripe.Charge {
    return this.state.charges.get(refund.charge as string)!;
  }

  /** Moves the charge's refunded amount; a new refund is announced with `charge.refunded`, as Stripe does. */
  private adjustCharge(charge: Stripe.Charge, delta: number, announce = true): void {
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += delta;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    if (announce) this.state.emit('charge.refunded', charge, previous);
  }

  private emitUpdate(refund: Stripe.Refund, previous: Partial<Stripe.Refund>): void {
    this.state.emit('charge.refund.updated', refund, previous);
    this.state.emit('refund.updated', refund, previous);
  }

  private unexpectedStatus(refund: Stripe.Refund, done: string, allowed: string): StripeApiError {
    return invalidRequest(`Refund ${refund.id} has a status of ${refund.status}: only a ${allowed} refund can be ${done}.`);
  }
}
