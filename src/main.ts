import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { loadEnvFile } from './config/env-file';
import { DatabaseNotReadyError } from './db/database';
import { startApp } from './app';
import { localStripe } from './dev/local-stripe';

/** Longer than app.close() waits for requests in flight (10 s), shorter than a typical SIGKILL grace period. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/** `npm start`: the server on the configured database (SQLite by default), with demo access printed in development. */
async function main() {
  let config;
  let envFile;
  try {
    envFile = loadEnvFile();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const stripe = await localStripe(config);
  let app;
  try {
    app = await startApp(stripe.config);
  } catch (error) {
    // Missing, behind or diverged migrations: never listen (nor answer ready) over a schema this version does not know.
    if (error instanceof DatabaseNotReadyError) {
      console.error(`Not starting: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  stripe.connect(app.url);
  const sandboxUrl = `${app.url}/graphql`;
  const lines = [`\nCustomer Payment Portal API listening at ${sandboxUrl}`];
  if (envFile.path) lines.push(`Settings read from ${envFile.path}: ${envFile.applied.join(', ') || 'none (the environment sets them all)'}.`);
  if (!config.isProduction) lines.push(`Apollo Sandbox: open ${sandboxUrl} in a browser.`);
  if (stripe.emulator) lines.push(`No STRIPE_SECRET_KEY: payments go to the local Stripe emulator at ${stripe.emulator.url} (dev only).`);
  if (app.email.mailbox) lines.push(`No SMTP_URL: email goes to the dev mailbox at ${app.url}/dev/mailbox (nothing leaves the machine).`);
  else if (config.email.mode === 'off') lines.push('No SMTP_URL: email is off (links, receipts and notices are not emailed).');
  if (config.seedDemoData) {
    // Dev tooling, loaded only by the starts that seed.
    const { demoAccess } = await import('./dev/demo-access');
    const demo = await demoAccess(app.database.prisma, app.services);
    if (demo) {
      lines.push(
        demo.seeded ? 'Seeded a demo organization, customer and invoices.' : 'Demo organization found.',
        `Demo admin API key:     ${demo.adminApiKey}`,
        `Demo payment token:     ${demo.paymentToken}`,
        `Demo payment link:      ${demo.paymentUrl}`,
        `In Sandbox, set the header  Authorization: Bearer <token or key>  and run  { invoice { number amountDue { formatted } } }`,
      );
    }
  }
  // Printed on purpose, for the developer at the terminal; never sent to the structured log.
  process.stdout.write(lines.join('\n') + '\n\n');

  // SIGTERM: stop accepting, answer the requests in flight, close the database and Redis, exit 0. A log collector that
  // went away must not turn a write to stderr into a crash on the way (stdout is the logger's: see stdoutDestination).
  process.stderr.on('error', () => undefined);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    // Orchestrators send SIGKILL after a grace period (30 s by default in Kubernetes); exit on our own terms first.
    setTimeout(() => {
      app.logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await app.close();
      await stripe.emulator?.stop();
      app.logger.info('shut down');
      process.exit(0);
    } catch (error) {
      app.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
