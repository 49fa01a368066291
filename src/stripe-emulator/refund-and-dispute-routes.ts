/**
 * The Stripe API routes for money after the payment: charges (with their refunds on `expand[]=refunds`), refunds,
 * disputes and the balance transactions that move disputed funds.
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state, so the emulator answers these itself.
 * Approximation: since API version 2022-11-15 a Charge lists its refunds only when expanded, so `charge.refunded`
 * events carry `amount_refunded` without the list, as Stripe's do; `GET /v1/refunds?charge=` lists them.
 */
import type Stripe from 'stripe';
import { allow, bool, hash, int, list, metadata, nullable, str, strings, type RouteHandler } from './api-params';
import type { DisputeChanges } from './disputes';
import type { EmulatorState } from './emulator-state';
import { invalidRequest, resourceMissing, throwError } from './stripe-api-error';

export function disputeAndRefundRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return {
    'GET /v1/charges/:id': (p, id) => {
      const charge = state.charges.get((allow(p), id)) ?? throwError(resourceMissing('charge', id, 'id'));
      if (!strings(p, 'expand')?.includes('refunds')) return charge;
      return { ...charge, refunds: list(`/v1/charges/${id}/refunds`, state.refunds.list({ charge: id }), { limit: '100' }) };
    },
    'POST /v1/refunds': (p) => {
      allow(p, 'payment_intent', 'charge', 'amount', 'reason', 'metadata');
      const target = { paymentIntent: str(p, 'payment_intent'), charge: str(p, 'charge') };
      if (!target.paymentIntent && !target.charge) throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
      return state.refunds.create(target, int(p, 'amount'), { reason: nullable(p, 'reason') as Stripe.Refund.Reason | null, metadata: hash(p, 'metadata') ?? {} });
    },
    'GET /v1/refunds': (p) => {
      allow(p, 'charge', 'payment_intent', 'limit', 'starting_after');
      return list('/v1/refunds', state.refunds.list({ charge: str(p, 'charge'), paymentIntent: str(p, 'payment_intent') }), p);
    },
    'GET /v1/refunds/:id': (p, id) => state.refunds.get((allow(p), id)),
    'GET /v1/disputes': (p) => {
      allow(p, 'charge', 'payment_intent', 'limit', 'starting_after');
      return list('/v1/disputes', state.disputes.list({ charge: str(p, 'charge'), paymentIntent: str(p, 'payment_intent') }), p);
    },
    'GET /v1/disputes/:id': (p, id) => state.disputes.get((allow(p), id)),
    'POST /v1/disputes/:id': (p, id) => {
      allow(p, 'evidence', 'metadata', 'submit');
      const evidence = hash(p, 'evidence') as DisputeChanges['evidence'];
      // Stripe submits the evidence sent unless told to stage it (`submit=false`).
      return state.disputes.update(id, { evidence, metadata: metadata(p), submit: bool(p, 'submit') ?? evidence !== undefined });
    },
    // Closing a dispute is accepting it: the dispute is lost.
    'POST /v1/disputes/:id/close': (p, id) => state.disputes.close((allow(p), id), 'lost'),
    'GET /v1/balance_transactions/:id': (p, id) =>
      state.disputes.balanceTransactions.get((allow(p), id)) ?? throwError(resourceMissing('balance_transaction', id, 'id')),
  };
}
