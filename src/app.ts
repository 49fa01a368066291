import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import Redis from 'ioredis';
import { buildApiSchema } from './api/schema';
import { actorOf } from './domain/audit-log.service';
import type { Config } from './config/config';
import { databaseOptionsOf, openDatabase, openMigratedDatabase, type Database } from './db/database';
import { createServices, type Services } from './services';
import type { PaymentProvider } from './payments/payment-provider.port';
import { StripePaymentProvider } from './payments/stripe/stripe-payment-provider';
import { stripeWebhookRoute } from './server/webhook-route';
import { authFailureGate } from './server/auth-failure-gate';
import { RateLimitPolicy, rateLimitSubject } from './server/rate-limit.policy';
import { createGraphQLServer } from './server/graphql-server';
import { createHttpServer } from './server/http-server';
import { createLogger, type Logger } from './server/logger';
import { closeGracefully } from './server/graceful-close';
import { telemetryPlugin } from './server/graphql-telemetry';
import { operationsRoutes } from './server/operations-routes';
import { defaultWebRoot, PAYMENT_PAGE_PATH, paymentPageRoute } from './server/payment-page-route';
import { createMetrics, type Metrics } from './server/metrics';
import { SHIPPED_OPERATION_FOLDERS, shippedOperationNames } from './server/shipped-operations';
import { ReminderScheduler } from './email/link-reminders';
import { emailRuntime, type EmailRuntime } from './email/email-runtime';
import { DEV_MAILBOX_PATH, devMailboxRoute } from './server/dev-mailbox-route';

export interface AppOptions {
  /** Where JSON log lines go (default stdout). Tests capture them here. */
  logDestination?: DestinationStream;
  /** How long close() waits for requests in flight before cutting their connections (default 10 s). */
  drainTimeoutMs?: number;
  /** The payment page's build served under /pay: index.html and assets/ (default `<repo>/dist/web`). */
  webRoot?: string;
}

/** The Stripe adapter, pointed at STRIPE_API_URL when set (the local emulator, stripe-mock) or at Stripe. */
export function stripeProviderFrom(config: Config): PaymentProvider {
  const { secretKey, webhookSecret } = config.stripe;
  if (!secretKey || !webhookSecret) throw new Error('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are needed (npm start runs a local Stripe emulator when they are unset).');
  return new StripePaymentProvider({ ...config.stripe, secretKey, webhookSecret });
}

export interface App {
  url: string;
  port: number;
  config: Config;
  logger: Logger;
  database: Database;
  services: Services;
  metrics: Metrics;
  /** The outbox's sender, and the dev mailbox (development and test without SMTP_URL). */
  email: EmailRuntime;
  /** Graceful stop: refuses new connections, answers the requests in flight, then closes the database and Redis. */
  close(): Promise<void>;
}

/** Wires config, database, domain services, GraphQL and HTTP, and starts listening. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const shippedOperations = shippedOperationNames();
  if (!shippedOperations.size) logger.warn({ folders: SHIPPED_OPERATION_FOLDERS }, 'no GraphQL operations found: metrics label every operation "other"');
  const metrics = createMetrics(shippedOperations);
  if (config.migrateOnStart) {
    // Loaded only by starts that migrate: production migrates with `npm run migrate` and never carries the engine.
    const { migrateForDeploy } = await import('./db/migrator');
    const { applied } = await migrateForDeploy(config.databaseUrl);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  // Not migrating at start (production), the database must have exactly this version's migrations, checked before
  // anything listens: an instance never answers ready, nor serves, over a schema it does not know.
  const databaseOptions = databaseOptionsOf(config);
  const database = config.migrateOnStart ? await openDatabase(config.databaseUrl, databaseOptions) : await openMigratedDatabase(config.databaseUrl, databaseOptions);

  // A connection that never came up (Redis down) would otherwise hold shutdown for ioredis' 2 s disconnect timeout.
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, disconnectTimeout: 200 })
    : undefined;
  // ioredis retries every few seconds while Redis is down: one warning per outage, not one per retry.
  let redisDown = false;
  redis?.on('error', (err) => {
    if (!redisDown) logger.warn({ err: err.message }, 'redis unavailable; rate limits fall back to per-instance memory');
    redisDown = true;
  });
  redis?.on('ready', () => {
    if (redisDown) logger.info('redis available again; rate limits are shared again');
    redisDown = false;
  });
  const rateLimits = new RateLimitPolicy(config.rateLimits, redis);

  const services = createServices({
    db: database.prisma,
    dbProvider: database.provider,
    reads: database.reads,
    config,
    provider: stripeProviderFrom(config),
    authFailureGate: authFailureGate(rateLimits),
    log: logger,
    usage: {
      onFlushError: (err) => logger.error({ err }, 'credential usage not written; retrying with the next flush'),
      onDropped: (uses) => logger.error({ uses }, 'credential usage dropped: too many credentials waiting to be written'),
    },
  });

  const applyRateLimits = rateLimits.fieldLimits(async (context, coordinate, firstInWindow) => {
    metrics.rateLimited(coordinate);
    // One warning and audit row per client, field and window: a flood of refusals must not become a flood of writes.
    if (!firstInWindow) return;
    // Written for a principal let in ahead of its check only once the check agrees.
    if (context.confirmed && !(await context.confirmed)) return;
    logger.warn({ requestId: context.meta.requestId, coordinate, subject: rateLimitSubject(context.principal, context.meta) }, 'rate limited');
    await services.audit.record({ ...actorOf(context.principal), action: 'RATE_LIMITED', ip: context.meta.ip, details: { field: coordinate } });
  });
  const email = emailRuntime(config, database, services.emailOutbox, logger);

  const schema = applyRateLimits(buildApiSchema(config.rateLimits));
  const apollo = createGraphQLServer(schema, config, logger);
  apollo.addPlugin(telemetryPlugin(metrics));
  await apollo.start();

  let draining = false;
  const server = createHttpServer({
    config,
    logger,
    apollo,
    services,
    metrics,
    routes: {
      'POST /webhooks/stripe': stripeWebhookRoute(services, logger, metrics),
      ...operationsRoutes({ database, redis, metrics, draining: () => draining }),
    },
    prefixRoutes: {
      [PAYMENT_PAGE_PATH]: paymentPageRoute({ webRoot: options.webRoot ?? defaultWebRoot(), config, logger }),
      // Only with the dev mailbox, which never exists in production.
      ...(email.mailbox && !config.isProduction && { [DEV_MAILBOX_PATH]: devMailboxRoute(email.mailbox) }),
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'listening');
  // Messages committed before this start (a crash, a deploy) go out now.
  email.sender?.start();
  // Payment link reminders, every EMAIL_REMINDER_INTERVAL_MS (each goes out once, however many instances run this).
  const reminderScheduler = new ReminderScheduler(services.reminders, config.email.reminderIntervalMs, logger);
  if (services.emailOutbox.enabled) reminderScheduler.start();

  return {
    url,
    port,
    config,
    logger,
    database,
    services,
    metrics,
    email,
    async close() {
      draining = true;
      // The sender finishes what it is sending (bounded by EMAIL_SMTP_TIMEOUT_MS) while requests drain.
      await Promise.all([closeGracefully(server, options.drainTimeoutMs ?? 10_000), email.stop().catch((err) => logger.error({ err }, 'email sender did not stop cleanly'))]);
      await apollo.stop();
      // No new reminder run; one in progress finishes (each reminder is one transaction) before the database closes.
      await reminderScheduler.stop();
      // Usage gathered from the requests just drained.
      await services.usage.close().catch((err) => logger.error({ err }, 'credential usage lost at shutdown'));
      await database.close();
      // QUIT lets Redis finish what was sent; a connection that is down is simply dropped.
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
