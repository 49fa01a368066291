import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import type { StripeEmulator } from '../stripe-emulator';

export interface LocalStripe {
  config: Config;
  /** Call once the app listens, so the emulator's signed webhooks reach it. */
  connect(appUrl: string): void;
  emulator: StripeEmulator | null;
}

const EMULATOR_KEY = 'sk_test_emulator';
/** A test-mode key, so it passes config's "both keys of one mode" rule beside EMULATOR_KEY. */
const EMULATOR_PUBLISHABLE_KEY = 'pk_test_emulator';

/** What the payment page needs to run the emulator's Stripe.js instead of Stripe's (the tests' app uses it too). */
export function emulatorStripeJs(emulator: StripeEmulator): { publishableKey: string; jsUrl: string } {
  return { publishableKey: emulator.publishableKey, jsUrl: emulator.jsUrl };
}

/**
 * Development without Stripe keys: `npm start` runs the local Stripe-compatible emulator, points the real SDK at it,
 * and has the payment page load the emulator's Stripe.js with its publishable key.
 * With STRIPE_API_URL (e.g. a stripe-mock) the SDK goes there instead, no emulator is started, and the page keeps
 * STRIPE_JS_URL (Stripe's by default).
 * Never used in production, where config.ts requires real keys.
 */
export async function localStripe(config: Config): Promise<LocalStripe> {
  if (config.stripe.secretKey) return { config, connect: () => undefined, emulator: null };
  const webhookSecret = config.stripe.webhookSecret ?? `whsec_${randomBytes(24).toString('hex')}`;
  if (config.stripe.apiUrl) {
    const publishableKey = config.stripe.publishableKey ?? EMULATOR_PUBLISHABLE_KEY;
    return { config: { ...config, stripe: { ...config.stripe, secretKey: EMULATOR_KEY, webhookSecret, publishableKey } }, connect: () => undefined, emulator: null };
  }
  // Loaded only here: a start with Stripe keys (every production start) never carries the emulator.
  const { startStripeEmulator } = await import('../stripe-emulator');
  const emulator = await startStripeEmulator({ port: config.stripe.emulatorPort, apiKey: EMULATOR_KEY });
  return {
    config: { ...config, stripe: { ...config.stripe, secretKey: EMULATOR_KEY, webhookSecret, apiUrl: emulator.url, ...emulatorStripeJs(emulator) } },
    connect: (appUrl) => emulator.setWebhookEndpoint({ url: `${appUrl}/webhooks/stripe`, secret: webhookSecret }),
    emulator,
  };
}
