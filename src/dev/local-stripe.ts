import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import { startStripeEmulator, type StripeEmulator } from '../stripe-emulator';

export interface LocalStripe {
  config: Config;
  /** Call once the app listens, so the emulator's signed webhooks reach it. */
  connect(appUrl: string): void;
  emulator: StripeEmulator | null;
}

const EMULATOR_KEY = 'sk_test_emulator';

/**
 * Development without Stripe keys: `npm start` runs the local Stripe-compatible emulator and points the real SDK at it.
 * With STRIPE_API_URL (e.g. a stripe-mock) the SDK goes there instead and no emulator is started.
 * Never used in production, where config.ts requires real keys.
 */
export async function localStripe(config: Config): Promise<LocalStripe> {
  if (config.stripe.secretKey) return { config, connect: () => undefined, emulator: null };
  const webhookSecret = config.stripe.webhookSecret ?? `whsec_${randomBytes(24).toString('hex')}`;
  if (config.stripe.apiUrl) {
    return { config: { ...config, stripe: { ...config.stripe, secretKey: EMULATOR_KEY, webhookSecret } }, connect: () => undefined, emulator: null };
  }
  const emulator = await startStripeEmulator({ port: config.stripe.emulatorPort, apiKey: EMULATOR_KEY });
  return {
    config: { ...config, stripe: { ...config.stripe, secretKey: EMULATOR_KEY, webhookSecret, apiUrl: emulator.url } },
    connect: (appUrl) => emulator.setWebhookEndpoint({ url: `${appUrl}/webhooks/stripe`, secret: webhookSecret }),
    emulator,
  };
}
