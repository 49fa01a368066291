import Stripe from 'stripe';
import type { StripeEmulator } from '../../src/stripe-emulator';

/**
 * What Stripe.js does in the customer's browser: confirm the PaymentIntent with a card, and complete 3-D Secure.
 * Done with the real SDK over HTTP against the emulator; the server under test is not involved.
 */
export class Browser {
  readonly stripe: Stripe;

  constructor(private readonly emulator: StripeEmulator) {
    this.stripe = new Stripe('sk_test_emulator', { host: emulator.host, port: emulator.port, protocol: 'http', maxNetworkRetries: 0 });
  }

  /** Confirms with a Stripe test card (pm_card_visa, pm_card_chargeDeclined, …); resolves to the intent or the card error. */
  async confirm(paymentIntentId: string, paymentMethod?: string): Promise<Stripe.PaymentIntent | Stripe.errors.StripeCardError> {
    try {
      return await this.stripe.paymentIntents.confirm(paymentIntentId, paymentMethod ? { payment_method: paymentMethod } : {});
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) return error;
      throw error;
    }
  }

  /** The customer passes (or fails) the 3-D Secure challenge. */
  async authenticate(paymentIntentId: string, outcome: 'succeed' | 'fail' = 'succeed'): Promise<void> {
    const res = await fetch(`${this.emulator.url}/_emulator/payment_intents/${paymentIntentId}/authenticate`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_emulator', 'content-type': 'application/json' },
      body: JSON.stringify({ outcome }),
    });
    if (!res.ok) throw new Error(`authenticate failed: ${res.status} ${await res.text()}`);
  }
}
