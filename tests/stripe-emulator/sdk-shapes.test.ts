// The emulator's answers, for every object the project uses in every state it reaches, checked against the installed
// `stripe` package's declarations (read with the TypeScript compiler, see sdk-declarations.ts): every required property
// present, none the SDK does not declare, every enum-like string one of its declared values. This keeps the emulator
// honest as the SDK and its pinned API version move.
import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { EMITTED_EVENT_TYPES } from '../../src/stripe-emulator/stripe-objects';
import { startEmulator } from './emulator-harness';
import { StripeDeclarations } from './sdk-declarations';

let emulator: StripeEmulator;
let stripe: Stripe;
let declarations: StripeDeclarations;

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulator({ delayedChangeMs: 60_000 }));
  declarations = new StripeDeclarations(['Customer', 'PaymentMethod', 'PaymentIntent', 'Charge', 'Refund', 'Dispute', 'BalanceTransaction', 'SetupIntent', 'Event']);
});
afterAll(() => emulator.stop());

// ---- Objects in the states the emulator puts them in ----

const newCustomer = () => stripe.customers.create({ email: 'ada@example.com', name: 'Ada', metadata: { account: 'acc_1' } });
const newIntent = (params: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
  stripe.paymentIntents.create({ amount: 5000, currency: 'usd', allowed_payment_method_types: ['card'], metadata: { invoice: 'inv_1' }, ...params });
const pay = (paymentMethod: string, params: Partial<Stripe.PaymentIntentCreateParams> = {}) => newIntent({ payment_method: paymentMethod, confirm: true, ...params });
const chargeOf = (intent: Stripe.PaymentIntent) => stripe.charges.retrieve(intent.latest_charge as string);
const declinedIntent = async () => {
  const intent = await newIntent();
  await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }).catch(() => undefined);
  return stripe.paymentIntents.retrieve(intent.id);
};
const processingIntent = () => {
  emulator.faults.nextConfirmProcessing = true;
  return pay('pm_card_visa');
};
const refundOf = async (paymentMethod: string, then?: (refund: Stripe.Refund) => Promise<unknown>) => {
  const refund = await stripe.refunds.create({ payment_intent: (await pay(paymentMethod)).id, amount: 1000 });
  await then?.(refund);
  return stripe.refunds.retrieve(refund.id);
};
const disputeOf = async (then?: (dispute: Stripe.Dispute) => Promise<unknown>) => {
  const [dispute] = (await stripe.disputes.list({ payment_intent: (await pay('pm_card_createDispute')).id })).data;
  await then?.(dispute);
  return stripe.disputes.retrieve(dispute.id);
};
const setupIntent = async (params: Partial<Stripe.SetupIntentCreateParams> = {}) => {
  const customer = await newCustomer();
  return stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ['card'], usage: 'off_session', metadata: { portal: 'yes' }, ...params });
};

const SAMPLES: Array<[type: string, state: string, produce: () => Promise<unknown>]> = [
  ['Customer', 'new', newCustomer],
  ['PaymentMethod', 'saved to a customer', async () => stripe.paymentMethods.attach('pm_card_visa', { customer: (await newCustomer()).id })],
  ['PaymentMethod', "updated by the card network's updater", async () => {
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: (await newCustomer()).id });
    return emulator.updateCardFromNetwork(pm.id, { expYear: 2031, last4: '1881' });
  }],
  ['PaymentIntent', 'requires_payment_method', () => newIntent()],
  ['PaymentIntent', 'requires_confirmation', () => newIntent({ payment_method: 'pm_card_visa' })],
  ['PaymentIntent', 'requires_action (3-D Secure)', () => pay('pm_card_authenticationRequired')],
  ['PaymentIntent', 'requires_payment_method after a decline', declinedIntent],
  ['PaymentIntent', 'processing', processingIntent],
  ['PaymentIntent', 'succeeded, with its customer, card and charge expanded', async () => {
    const intent = await pay('pm_card_visa', { customer: (await newCustomer()).id, setup_future_usage: 'off_session' });
    return stripe.paymentIntents.retrieve(intent.id, { expand: ['customer', 'payment_method', 'latest_charge'] });
  }],
  ['PaymentIntent', 'canceled', async () => stripe.paymentIntents.cancel((await newIntent()).id, { cancellation_reason: 'abandoned' })],
  ['Charge', 'succeeded, its balance transaction added', async () => chargeOf(await pay('pm_card_visa'))],
  ['Charge', 'failed', async () => chargeOf(await declinedIntent())],
  ['Charge', 'pending', async () => chargeOf(await processingIntent())],
  ['Charge', 'refunded in part, with its refunds expanded', async () => {
    const intent = await pay('pm_card_visa');
    await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    return stripe.charges.retrieve(intent.latest_charge as string, { expand: ['refunds'] });
  }],
  ['Charge', 'disputed', async () => chargeOf(await pay('pm_card_createDispute'))],
  ['Refund', 'succeeded', () => refundOf('pm_card_visa')],
  ['Refund', 'pending', () => refundOf('pm_card_pendingRefund')],
  ['Refund', 'failed', () => refundOf('pm_card_refundFail', () => emulator.runDelayed())],
  ['Refund', 'canceled', () => refundOf('pm_card_pendingRefund', (refund) => emulator.cancelRefund(refund.id))],
  ['Dispute', 'needs_response', () => disputeOf()],
  ['Dispute', 'under_review', () => disputeOf((d) => stripe.disputes.update(d.id, { evidence: { product_description: 'Invoice INV-1' } }))],
  ['Dispute', 'won', () => disputeOf((d) => emulator.closeDispute(d.id, 'won'))],
  ['Dispute', 'lost', () => disputeOf((d) => stripe.disputes.close(d.id))],
  ['BalanceTransaction', "a dispute's withdrawal", async () => stripe.balanceTransactions.retrieve((await disputeOf()).balance_transactions[0].id)],
  ['SetupIntent', 'requires_payment_method', () => setupIntent()],
  ['SetupIntent', 'requires_confirmation', () => setupIntent({ payment_method: 'pm_card_visa' })],
  ['SetupIntent', 'requires_action (3-D Secure)', () => setupIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true })],
  ['SetupIntent', 'succeeded, its card expanded', async () =>
    stripe.setupIntents.retrieve((await setupIntent({ payment_method: 'pm_card_visa', confirm: true })).id, { expand: ['payment_method'] })],
  ['SetupIntent', 'requires_payment_method after a failed challenge', async () => {
    const intent = await setupIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true });
    await emulator.authenticate(intent.id, 'fail');
    return stripe.setupIntents.retrieve(intent.id);
  }],
  ['SetupIntent', 'requires_payment_method after a decline', async () => {
    const intent = await setupIntent();
    await stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }).catch(() => undefined);
    return stripe.setupIntents.retrieve(intent.id);
  }],
  ['SetupIntent', 'canceled', async () => stripe.setupIntents.cancel((await setupIntent()).id)],
];

describe("Stripe emulator: answers match the stripe SDK's published types", () => {
  it.each(SAMPLES)('%s, %s', async (type, state, produce) => {
    expect(declarations.check(type, await produce())).toEqual([]);
  });

  it('every event, of every type the emulator emits, matches its Event variant and carries the pinned API version', async () => {
    for (const [, , produce] of SAMPLES) await produce();
    await emulator.updatePaymentMethod((await stripe.paymentMethods.attach('pm_card_visa', { customer: (await newCustomer()).id })).id, { expYear: 2040 });
    await emulator.detachPaymentMethod((await stripe.paymentMethods.attach('pm_card_visa', { customer: (await newCustomer()).id })).id);
    await emulator.runDelayed();

    const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
    expect([...new Set(events.map((e) => e.type))].sort()).toEqual([...EMITTED_EVENT_TYPES].sort());
    for (const event of events) {
      expect({ id: event.id, type: event.type, mismatches: declarations.check('Event', event) }).toEqual({ id: event.id, type: event.type, mismatches: [] });
      expect(event.api_version).toBe(Stripe.API_VERSION);
    }
  });

  it('reports what does not match, so the check itself is known to bite', async () => {
    const refund = await refundOf('pm_card_visa');
    const { balance_transaction: omitted, ...withoutRequired } = refund;
    expect(omitted).toBeDefined();
    expect(declarations.check('Refund', { ...withoutRequired, status: 'succeeded', surprise: 1 })).toEqual(['Refund.balance_transaction: missing, and Refund requires it', 'Refund.surprise: not declared by Refund']);
    expect(declarations.check('Dispute', { ...(await disputeOf()), status: 'maybe' })).toEqual(['Dispute.status: "maybe", not one of "appeal_needs_response", "appeal_under_review", "lost", "needs_response", "prevented", "under_review", "warning_closed", "warning_needs_response", "warning_under_review", "won"']);
    expect(declarations.check('Charge', { ...(await chargeOf(await pay('pm_card_visa'))), amount: '5000' })).toEqual(['Charge.amount: a string, not number']);
  });
});
