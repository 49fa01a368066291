/**
 * Runs the Stripe emulator on its own: `node dist/src/stripe-emulator/main.js`.
 * Env: STRIPE_EMULATOR_PORT (default 12111), STRIPE_EMULATOR_HOST (default 127.0.0.1), STRIPE_EMULATOR_API_KEY
 * (default: any sk_test_ key), STRIPE_EMULATOR_PUBLISHABLE_KEY (default: any pk_test_ key), STRIPE_EMULATOR_WEBHOOK_URL
 * and STRIPE_WEBHOOK_SECRET (both needed for webhooks). Its Stripe.js is at http://HOST:PORT/v3/.
 */
import { startStripeEmulator } from './index';

async function main(): Promise<void> {
  const {
    STRIPE_EMULATOR_PORT, STRIPE_EMULATOR_HOST, STRIPE_EMULATOR_API_KEY, STRIPE_EMULATOR_PUBLISHABLE_KEY, STRIPE_EMULATOR_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET,
  } = process.env;
  const port = Number(STRIPE_EMULATOR_PORT ?? 12111);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`STRIPE_EMULATOR_PORT is not a port: ${STRIPE_EMULATOR_PORT}`);
  if (STRIPE_EMULATOR_WEBHOOK_URL && !STRIPE_WEBHOOK_SECRET) throw new Error('STRIPE_EMULATOR_WEBHOOK_URL needs STRIPE_WEBHOOK_SECRET to sign events');
  const emulator = await startStripeEmulator({
    port, host: STRIPE_EMULATOR_HOST, apiKey: STRIPE_EMULATOR_API_KEY, publishableKey: STRIPE_EMULATOR_PUBLISHABLE_KEY || undefined,
    webhook: STRIPE_EMULATOR_WEBHOOK_URL ? { url: STRIPE_EMULATOR_WEBHOOK_URL, secret: STRIPE_WEBHOOK_SECRET! } : undefined,
    // Real Stripe retries for days; a dev server gives a restarting app about a minute.
    webhookRetryDelaysMs: [1000, 5000, 15000, 30000],
    logger: (msg, data) => console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...data })),
  });
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
