/**
 * The Stripe API version is pinned in one place (src/payments/stripe/stripe-api-version.ts) and sent on every call,
 * so what Stripe answers is what the SDK's types (and our mapping) describe, whatever the account's default version.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '../../src/payments/stripe/stripe-api-version';
import { StripePaymentProvider } from '../../src/payments/stripe/stripe-payment-provider';
import { stripeRulesFor } from '../../src/payments/stripe/stripe-rules';

describe('the pinned Stripe API version', () => {
  it('is the version the installed SDK was generated for', () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it('is sent as Stripe-Version on every request the adapter makes', async () => {
    const seen: Array<string | undefined> = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers['stripe-version'] as string | undefined);
      const body = req.url!.startsWith('/v1/customers')
        ? { id: 'cus_pinned', object: 'customer' }
        : { id: 'seti_pinned', object: 'setup_intent', status: 'requires_payment_method', client_secret: 'seti_pinned_secret_x', customer: 'cus_pinned', payment_method: null, metadata: {}, last_setup_error: null };
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_pinned' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const provider = new StripePaymentProvider({
        secretKey: 'sk_test_pinned',
        webhookSecret: 'whsec_pinned',
        apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        timeoutMs: 2_000,
        maxNetworkRetries: 0,
        webhookToleranceSeconds: 300,
      });
      expect(provider.apiVersion).toBe(STRIPE_API_VERSION);
      await provider.createCustomer({ name: 'Ada', email: null, metadata: {}, idempotencyKey: 'customer-pinned' });
      await provider.createSetup({ providerCustomerId: 'cus_pinned', metadata: {}, idempotencyKey: 'setup-pinned' });
      await provider.retrieveSetup('seti_pinned');
      expect(seen).toEqual([STRIPE_API_VERSION, STRIPE_API_VERSION, STRIPE_API_VERSION]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the settlement currency', () => {
  it('is where the minimum charge is exact; elsewhere the table is Stripe\'s published estimate', () => {
    expect(stripeRulesFor('usd')).toMatchObject({ settlementCurrency: 'usd' });
    expect(stripeRulesFor('gbp').minimumCharge('gbp')).toBe(30);
    expect(() => stripeRulesFor('xts')).toThrow(/Not a settlement currency/);
  });
});
