/**
 * Development without Stripe keys (`npm start`): the local emulator stands in for Stripe, for the server's SDK and for
 * the payment page's Stripe.js; with STRIPE_API_URL (a stripe-mock) or real keys, the page keeps loading Stripe.js
 * from where STRIPE_JS_URL says.
 */
import { loadConfig } from '../../src/config/config';
import { localStripe, type LocalStripe } from '../../src/dev/local-stripe';

let started: LocalStripe | undefined;
afterEach(async () => {
  await started?.emulator?.stop();
  started = undefined;
});

it('without keys, runs the emulator and points the SDK and the page at it', async () => {
  started = await localStripe(loadConfig({ STRIPE_EMULATOR_PORT: '0' }));
  const { url } = started.emulator!;
  expect(started.config.stripe).toMatchObject({
    secretKey: 'sk_test_emulator',
    publishableKey: 'pk_test_emulator',
    apiUrl: url,
    jsUrl: `${url}/v3/`,
    webhookSecret: expect.stringMatching(/^whsec_/),
  });
});

it('with STRIPE_API_URL, starts nothing and leaves Stripe.js where it is', async () => {
  started = await localStripe(loadConfig({ STRIPE_API_URL: 'http://127.0.0.1:12111' }));
  expect(started.emulator).toBeNull();
  expect(started.config.stripe).toMatchObject({ apiUrl: 'http://127.0.0.1:12111', jsUrl: 'https://js.stripe.com/v3/', publishableKey: 'pk_test_emulator' });
});

it('with keys, changes nothing', async () => {
  const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
  started = await localStripe(config);
  expect(started.emulator).toBeNull();
  expect(started.config).toBe(config);
});
