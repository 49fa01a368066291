import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';
import { WEBHOOK_SECRET, control, startEmulator, startWebhookReceiver, type WebhookReceiver } from './emulator-harness';

describe('Stripe emulator: disputes', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    ({ emulator, stripe } = await startEmulator({ webhook: { url: receiver.url, secret: WEBHOOK_SECRET } }));
  });
  afterEach(() => emulator.faults.reset());
  afterAll(async () => {
    await emulator.stop();
    await receiver.close();
  });

  const pay = (paymentMethod = 'pm_card_visa', amount = 5000) =>
    stripe.paymentIntents.create({ amount, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: paymentMethod, confirm: true });
  /** The events delivered to the webhook endpoint about one dispute, in order. */
  const deliveredFor = async (disputeId: string) => {
    await emulator.flushWebhooks();
    return receiver.events.filter((e) => (e.data.object as { id?: string }).id === disputeId);
  };

  describe('a payment with pm_card_createDispute (card 4000 0000 0000 0259)', () => {
    it('succeeds, then is disputed as fraudulent for its whole amount, and the funds are withdrawn', async () => {
      const intent = await pay('pm_card_createDispute', 5000);
      expect(intent.status).toBe('succeeded');
      await emulator.flushWebhooks();
      const types = receiver.events.filter((e) => [intent.id, intent.latest_charge].includes((e.data.object as { id: string }).id)
        || (e.data.object as Stripe.Dispute).charge === intent.latest_charge).map((e) => e.type);
      expect(types).toEqual([
        'payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'charge.updated', 'charge.dispute.created', 'charge.dispute.funds_withdrawn',
      ]);

      const [dispute] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
      expect(dispute).toMatchObject({
        object: 'dispute', status: 'needs_response', reason: 'fraudulent', amount: 5000, currency: 'usd', charge: intent.latest_charge,
        payment_intent: intent.id, is_charge_refundable: false, evidence_details: { has_evidence: false, submission_count: 0, past_due: false },
        payment_method_details: { type: 'card', card: { brand: 'visa', case_type: 'chargeback', network_reason_code: '10.4' } },
      });
      expect(dispute.id).toMatch(/^dp_/);
      await expect(stripe.charges.retrieve(intent.latest_charge as string)).resolves.toMatchObject({ disputed: true, refunded: false });
    });

    it('announces the dispute, then the withdrawal of the amount and a dispute fee, signed and from no API request', async () => {
      const intent = await pay('pm_card_createDispute', 5000);
      const [dispute] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
      const [created, withdrawn] = await deliveredFor(dispute.id);
      expect(created).toMatchObject({ type: 'charge.dispute.created', request: null, api_version: Stripe.API_VERSION, data: { object: { status: 'needs_response', balance_transactions: [] } } });
      expect(withdrawn).toMatchObject({
        type: 'charge.dispute.funds_withdrawn', request: null,
        data: {
          object: {
            balance_transactions: [{
              object: 'balance_transaction', amount: -5000, fee: 1500, net: -6500, currency: 'usd', type: 'adjustment', reporting_category: 'dispute',
              source: dispute.id, description: `Chargeback withdrawal for ${intent.latest_charge}`,
            }],
          },
          previous_attributes: { balance_transactions: [] },
        },
      });
      const [withdrawal] = dispute.balance_transactions;
      await expect(stripe.balanceTransactions.retrieve(withdrawal.id)).resolves.toMatchObject({ amount: -5000 });
    });

    it('is retrieved by id, and answers resource_missing for an unknown one', async () => {
      const intent = await pay('pm_card_createDispute');
      const [dispute] = (await stripe.disputes.list({ charge: intent.latest_charge as string })).data;
      await expect(stripe.disputes.retrieve(dispute.id)).resolves.toMatchObject({ id: dispute.id, status: 'needs_response' });
      await expect(stripe.disputes.retrieve('dp_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such dispute: 'dp_missing'" });
    });
  });

  describe('closed from the bank\'s side', () => {
    it('won: charge.dispute.closed with status won, then charge.dispute.funds_reinstated giving back the amount and the fee', async () => {
      const intent = await pay('pm_card_createDispute', 5000);
      const [open] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
      const won = await emulator.closeDispute(open.id, 'won');
      expect(won).toMatchObject({ status: 'won' });

      const events = await deliveredFor(open.id);
      expect(events.map((e) => e.type).slice(2)).toEqual(['charge.dispute.closed', 'charge.dispute.funds_reinstated']);
      expect(events[2].data).toMatchObject({ object: { status: 'won' }, previous_attributes: { status: 'needs_response' } });
      const transactions = (events[3].data.object as Stripe.Dispute).balance_transactions;
      expect(transactions.map((t) => [t.amount, t.fee, t.net, t.reporting_category])).toEqual([[-5000, 1500, -6500, 'dispute'], [5000, -1500, 6500, 'dispute_reversal']]);
    });

    it('lost: charge.dispute.closed with status lost; the funds stay withdrawn and a refund is still refused', async () => {
      const intent = await pay('pm_card_createDispute', 5000);
      const [open] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
      await expect(control(emulator, `disputes/${open.id}/close`, { outcome: 'lost' })).resolves.toMatchObject({ status: 200, body: { status: 'lost' } });

      const events = await deliveredFor(open.id);
      expect(events.map((e) => e.type)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn', 'charge.dispute.closed']);
      expect((events[2].data.object as Stripe.Dispute).balance_transactions).toHaveLength(1);
      await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
        code: 'charge_disputed', message: `Charge ${intent.latest_charge} has been charged back; cannot issue a refund.`,
      });
      await expect(emulator.closeDispute(open.id, 'won')).rejects.toThrow(/already closed/);
    });
  });

  describe('updated', () => {
    it('with evidence submitted, goes under review: charge.dispute.updated with what changed', async () => {
      const intent = await pay('pm_card_createDispute');
      const [open] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
      const { status, body } = await control(emulator, `disputes/${open.id}/update`, { evidence: { product_description: 'Invoice INV-1' }, submit: true });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'under_review', evidence: { product_description: 'Invoice INV-1' }, evidence_details: { has_evidence: true, submission_count: 1 } });

      const updated = (await deliveredFor(open.id)).find((e) => e.type === 'charge.dispute.updated')!;
      expect(updated.data).toMatchObject({ object: { status: 'under_review' }, previous_attributes: { status: 'needs_response', evidence: { product_description: null } } });
      await expect(emulator.updateDispute(open.id, { evidence: { uncategorized_text: 'more' } })).rejects.toThrow(/evidence can no longer be changed/);
      await expect(control(emulator, `disputes/${open.id}/update`, { status: 'won' })).resolves.toMatchObject({ status: 400, body: { error: { param: 'status' } } });
    });

    it('through the API with Stripe\'s test evidence: winning_evidence wins the dispute, closing it accepts the loss', async () => {
      const winning = await pay('pm_card_createDispute');
      const [first] = (await stripe.disputes.list({ payment_intent: winning.id })).data;
      await expect(stripe.disputes.update(first.id, { evidence: { uncategorized_text: 'winning_evidence' } })).resolves.toMatchObject({ status: 'under_review' });
      await expect(stripe.disputes.retrieve(first.id)).resolves.toMatchObject({ status: 'won' });

      const losing = await pay('pm_card_createDispute');
      const [second] = (await stripe.disputes.list({ payment_intent: losing.id })).data;
      await expect(stripe.disputes.close(second.id)).resolves.toMatchObject({ status: 'lost' });
    });
  });

  describe('opened on any succeeded charge (the control API)', () => {
    it('for a part of it, by PaymentIntent or by charge', async () => {
      const intent = await pay('pm_card_visa', 5000);
      const partial = await control(emulator, `payment_intents/${intent.id}/dispute`, { amount: 1500, reason: 'product_not_received' });
      expect(partial).toMatchObject({ status: 200, body: { amount: 1500, reason: 'product_not_received', status: 'needs_response', charge: intent.latest_charge } });
      expect(partial.body.balance_transactions[0]).toMatchObject({ amount: -1500 });
      await expect(stripe.charges.retrieve(intent.latest_charge as string)).resolves.toMatchObject({ disputed: true });

      const other = await pay();
      await expect(emulator.dispute(other.latest_charge as string)).resolves.toMatchObject({ amount: 5000, reason: 'fraudulent' });
    });

    it('refuses what Stripe could not dispute: twice, more than the charge, a failed charge', async () => {
      const intent = await pay('pm_card_visa', 5000);
      await expect(control(emulator, `payment_intents/${intent.id}/dispute`, { amount: 5001 })).resolves.toMatchObject({ status: 400, body: { error: { param: 'amount' } } });
      await emulator.dispute(intent.id);
      await expect(emulator.dispute(intent.id)).rejects.toMatchObject({ message: expect.stringMatching(/already been disputed/) });

      const declined = await stripe.paymentIntents.create({ amount: 5000, currency: 'usd', allowed_payment_method_types: ['card'] });
      await stripe.paymentIntents.confirm(declined.id, { payment_method: 'pm_card_chargeDeclined' }).catch(() => undefined);
      await expect(emulator.dispute(declined.id)).rejects.toMatchObject({ message: expect.stringMatching(/only a succeeded charge can be disputed/) });
    });
  });

  it('delivers dispute events under the webhook faults like any other (duplicated here)', async () => {
    emulator.faults.duplicateWebhooks = true;
    const intent = await pay('pm_card_createDispute');
    const [dispute] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
    const delivered = (await deliveredFor(dispute.id)).map((e) => e.type);
    expect(delivered).toEqual(['charge.dispute.created', 'charge.dispute.created', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_withdrawn']);
  });
});
