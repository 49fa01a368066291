/**
 * The emulator's control API (`/_emulator/...`, secret key only): what Stripe's Dashboard, a customer's bank or the card
 * networks do to an account, for tests and development in another process. Bodies are JSON (or form-encoded);
 * numbers may be JSON numbers. Each route has a method of the same effect on the `StripeEmulator` handle.
 *
 *   POST /_emulator/faults                                 FaultSettings (fault-injector.ts)
 *   POST /_emulator/payment_intents/:id/succeed            settle a processing (or unpaid) payment on Stripe's side
 *   POST /_emulator/payment_intents/:id/authenticate       { outcome: 'succeed' | 'fail' }: answer 3-D Secure
 *   POST /_emulator/payment_intents/:id/refund             { amount?, reason? }: refund from the Dashboard
 *   POST /_emulator/payment_intents/:id/dispute            { amount?, reason? }: the bank disputes its charge
 *   POST /_emulator/charges/:id/dispute                    { amount?, reason? }: the same, by charge id
 *   POST /_emulator/disputes/:id/update                    { evidence?, submit?, status?, metadata? }: charge.dispute.updated
 *   POST /_emulator/disputes/:id/close                     { outcome: 'won' | 'lost' }
 *   POST /_emulator/refunds/:id/fail                       { failure_reason? }: a pending or succeeded refund fails
 *   POST /_emulator/refunds/:id/cancel                     a pending refund is canceled
 *   POST /_emulator/refunds/:id/succeed                    a pending refund succeeds
 *   POST /_emulator/payment_methods/:id/automatically_update  { exp_month?, exp_year?, brand?, last4? }: the card network's updater
 *   POST /_emulator/payment_methods/:id/update             { exp_month?, exp_year?, billing_details?, metadata? }: as an API user
 *   POST /_emulator/payment_methods/:id/detach             detached outside the portal
 *   POST /_emulator/setup_intents/:id/authenticate         { outcome: 'succeed' | 'fail' }: answer 3-D Secure on a setup
 *   POST /_emulator/delayed/run                            run now what Stripe does "later" (a refund failing)
 *   POST /_emulator/idempotency_keys/expire                forget stored idempotency keys, as 24 hours later
 *   POST /_emulator/webhooks/flush, GET /_emulator/webhooks/deliveries
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state; Stripe's own test triggers (the Dashboard, test
 * clocks, `stripe trigger`) need Stripe itself.
 */
import type Stripe from 'stripe';
import { controlInt } from './api-params';
import type { DisputeChanges } from './disputes';
import type { CardNetworkUpdate, EmulatorState, MetadataPatch } from './emulator-state';
import type { FaultInjector, FaultSettings } from './fault-injector';
import type { FormParams } from './form-encoding';
import type { RefundFailureReason } from './refunds';
import { invalidRequest } from './stripe-api-error';
import type { CardBrand } from './test-cards';
import type { WebhookDelivery } from './webhook-dispatcher';

/** What the control routes act on. */
export interface ControlContext {
  state: EmulatorState;
  faults: FaultInjector;
  /** Runs a state change as Stripe (outside any API request) and delivers its events. */
  asStripe: <T>(change: () => T) => T;
  flushWebhooks(): Promise<void>;
  deliveries: ReadonlyArray<WebhookDelivery>;
  runDelayed(): Promise<void>;
  expireIdempotencyKeys(): void;
}

export type ControlHandler = (params: FormParams, id: string) => object | Promise<object>;

const text = (p: FormParams, key: string): string | undefined => {
  const value = (p as Record<string, unknown>)[key];
  if (value === undefined || typeof value === 'string') return value;
  throw invalidRequest(`${key} must be a string.`, key);
};
const outcome = (p: FormParams): boolean => {
  if (p.outcome !== undefined && p.outcome !== 'succeed' && p.outcome !== 'fail') throw invalidRequest('outcome must be succeed or fail.', 'outcome');
  return p.outcome !== 'fail';
};
const record = (p: FormParams, key: string): Record<string, string> | undefined => {
  const value = p[key];
  if (value === undefined) return undefined;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, string>;
  throw invalidRequest(`${key} must be an object.`, key);
};
const disputeOptions = (p: FormParams) => ({ amount: controlInt(p, 'amount'), reason: text(p, 'reason') });

/** The latest charge of a PaymentIntent, which the Dashboard's refund and dispute act on. */
export function latestCharge(state: EmulatorState, paymentIntentId: string): string {
  const charge = state.getPaymentIntent(paymentIntentId, 'payment_intent').latest_charge;
  if (typeof charge !== 'string') throw invalidRequest('This PaymentIntent has no charge.', 'payment_intent');
  return charge;
}

export function controlRoutes(ctx: ControlContext): Record<string, ControlHandler> {
  const { state, asStripe } = ctx;
  return {
    'POST /_emulator/faults': (p) => {
      ctx.faults.configure(p as FaultSettings);
      const { latencyMs, nextConfirmProcessing, duplicateWebhooks, reorderWebhooks, rules } = ctx.faults;
      return { latencyMs, nextConfirmProcessing, duplicateWebhooks, reorderWebhooks, rules };
    },
    'POST /_emulator/payment_intents/:id/succeed': (p, id) => asStripe(() => state.succeedOutOfBand(id)),
    'POST /_emulator/payment_intents/:id/authenticate': (p, id) => asStripe(() => state.authenticate(id, outcome(p))),
    'POST /_emulator/payment_intents/:id/refund': (p, id) =>
      asStripe(() => state.refunds.create({ paymentIntent: id }, controlInt(p, 'amount'), { reason: (text(p, 'reason') ?? null) as Stripe.Refund.Reason | null, metadata: {} })),
    'POST /_emulator/payment_intents/:id/dispute': (p, id) => asStripe(() => state.disputes.open(latestCharge(state, id), disputeOptions(p))),
    'POST /_emulator/charges/:id/dispute': (p, id) => asStripe(() => state.disputes.open(id, disputeOptions(p))),
    'POST /_emulator/disputes/:id/update': (p, id) => asStripe(() => state.disputes.update(id, {
      evidence: record(p, 'evidence') as DisputeChanges['evidence'], metadata: record(p, 'metadata') as MetadataPatch | undefined,
      submit: (p as Record<string, unknown>).submit === true || p.submit === 'true', status: text(p, 'status') as DisputeChanges['status'],
    })),
    'POST /_emulator/disputes/:id/close': (p, id) => asStripe(() => state.disputes.close(id, text(p, 'outcome') as 'won' | 'lost')),
    'POST /_emulator/refunds/:id/fail': (p, id) => asStripe(() => state.refunds.fail(id, (text(p, 'failure_reason') ?? 'unknown') as RefundFailureReason)),
    'POST /_emulator/refunds/:id/cancel': (p, id) => asStripe(() => state.refunds.cancel(id)),
    'POST /_emulator/refunds/:id/succeed': (p, id) => asStripe(() => state.refunds.succeed(id)),
    'POST /_emulator/payment_methods/:id/automatically_update': (p, id) => asStripe(() => state.updateCardFromNetwork(id, {
      expMonth: controlInt(p, 'exp_month'), expYear: controlInt(p, 'exp_year'), brand: text(p, 'brand') as CardNetworkUpdate['brand'] & CardBrand, last4: text(p, 'last4'),
    })),
    'POST /_emulator/payment_methods/:id/update': (p, id) => asStripe(() => state.updatePaymentMethod(id, {
      expMonth: controlInt(p, 'exp_month'), expYear: controlInt(p, 'exp_year'),
      billingDetails: record(p, 'billing_details') as Partial<Stripe.PaymentMethod.BillingDetails> | undefined, metadata: record(p, 'metadata'),
    })),
    'POST /_emulator/payment_methods/:id/detach': (p, id) => asStripe(() => state.detachPaymentMethod(id)),
    'POST /_emulator/setup_intents/:id/authenticate': (p, id) => asStripe(() => state.setupIntents.authenticate(id, outcome(p))),
    'POST /_emulator/delayed/run': async () => (await ctx.runDelayed(), {}),
    'POST /_emulator/idempotency_keys/expire': () => (ctx.expireIdempotencyKeys(), {}),
    'POST /_emulator/webhooks/flush': async () => (await ctx.flushWebhooks(), { deliveries: ctx.deliveries }),
    'GET /_emulator/webhooks/deliveries': () => ({ deliveries: ctx.deliveries }),
  };
}
