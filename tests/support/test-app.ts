import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { emulatorStripeJs } from '../../src/dev/local-stripe';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';
import { createScratchPostgresDatabase, postgresAdmin, TEST_POSTGRES_URL } from './postgres';
import { createMigratedDatabase, type TestDatabase } from './scratch-database';
import { Browser } from './stripe-browser';

export { createScratchPostgresDatabase, postgresAdmin, TEST_POSTGRES_URL };
export { createMigratedDatabase, createScratchDatabase, testDatabase, type ScratchDatabase, type TestDatabase } from './scratch-database';

export interface TestApp {
  app: App;
  url: string;
  /** The local Stripe-compatible server the app's real Stripe SDK talks to. */
  stripe: StripeEmulator;
  /** The customer's browser running Stripe.js against that emulator. */
  browser: Browser;
  /** Every JSON log line the server wrote, as text. */
  logs(): string;
  /** Path of the SQLite file behind the server. SQLite only: reading it on PostgreSQL throws. */
  databaseFile: string;
  /** Which database the suite runs on (TEST_DATABASE), and the URL of this app's own database. */
  database: { provider: TestDatabase; url: string };
  stop(): Promise<void>;
}

/**
 * What the CLI (`runCli`) needs to work on this app's database and Stripe, as an operator's shell gives it, with
 * `settings` on top.
 */
export function cliEnvOf(t: TestApp, settings: Record<string, string> = {}): Record<string, string> {
  const { config } = t.app;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    STRIPE_SECRET_KEY: config.stripe.secretKey!,
    STRIPE_WEBHOOK_SECRET: config.stripe.webhookSecret!,
    STRIPE_API_URL: config.stripe.apiUrl!,
    LOG_LEVEL: 'silent',
    ...settings,
  };
}

/**
 * Budgets no test reaches, for suites that test something other than rate limits (rate-limits.test.ts tests those)
 * and would otherwise trip over the production defaults.
 */
export const NO_RATE_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_VIEW_PER_MINUTE: '100000',
  RATE_LIMIT_PAYMENT_PER_MINUTE: '100000',
  RATE_LIMIT_METHOD_PER_MINUTE: '100000',
  RATE_LIMIT_ADMIN_PER_MINUTE: '100000',
  RATE_LIMIT_NEW_LINK_PER_MINUTE: '100000',
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000',
  RATE_LIMIT_CREDENTIAL_FAILURES_PER_MINUTE: '100000',
};

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  body: ExecutionResult<T> & { errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }> };
}

export interface TestAppOptions {
  /** The payment page build to serve under /pay (index.html, assets/); default `<repo>/dist/web`, as `npm start`. */
  webRoot?: string;
}

/**
 * Starts the real server on an ephemeral port over a fresh database, migrated as `npm start` migrates (a copy of the
 * run's migrated template; the server still checks it at start, with MIGRATE_ON_START, and finds nothing to apply),
 * with logs captured in memory so tests can search them. The database is a new SQLite file, or with
 * TEST_DATABASE=postgresql a new database on TEST_POSTGRES_URL's server, dropped again by `stop()`.
 * Stripe is the emulator, for the server's SDK and for the payment page's Stripe.js, as `npm start` has it without keys.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createMigratedDatabase();
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  // Stripe's side: the emulator, sending signed webhooks to this server once it listens.
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = await startStripeEmulator({ apiKey: 'sk_test_emulator', webhookRetryDelaysMs: [50, 200, 500] });
  const cleanUp = async () => {
    await stripe.stop();
    await database.drop();
  };
  let app: App;
  try {
    const stripeJs = emulatorStripeJs(stripe);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'debug',
      MIGRATE_ON_START: 'true',
      PORTAL_BASE_URL: 'https://pay.example.com/pay',
      STRIPE_SECRET_KEY: 'sk_test_emulator',
      STRIPE_PUBLISHABLE_KEY: stripeJs.publishableKey,
      STRIPE_JS_URL: stripeJs.jsUrl,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: stripe.url,
      STRIPE_TIMEOUT_MS: '1500',
      STRIPE_MAX_NETWORK_RETRIES: '0',
      ...env,
    });
    app = await startApp(config, { logDestination: destination, webRoot: options.webRoot });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  stripe.setWebhookEndpoint({ url: `${app.url}/webhooks/stripe`, secret: webhookSecret });
  return {
    app,
    url: app.url,
    stripe,
    browser: new Browser(stripe),
    get databaseFile(): string {
      if (!database.file) throw new Error('databaseFile is SQLite-only; this run is on PostgreSQL (see t.database)');
      return database.file;
    },
    database: { provider: database.provider, url: database.url },
    logs: () => lines.join(''),
    async stop() {
      try {
        await stripe.flushWebhooks();
      } finally {
        try {
          await app.close();
        } finally {
          await cleanUp();
        }
      }
    },
  };
}

/** POSTs a typed operation to /graphql over HTTP, as a frontend would. */
export async function graphql<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<TData>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

/**
 * Waits until the app's GET /ready answers 200, as a load balancer does before sending it requests: with REDIS_URL, an
 * app counts rate limits in its own memory until its Redis connection is up (tens of milliseconds after start).
 */
export async function untilReady(t: TestApp): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((resolve) => setTimeout(resolve, 20))) {
    if ((await fetch(`${t.url}/ready`)).status === 200) return;
  }
  throw new Error(`${t.url} did not answer /ready with 200 within 10 s`);
}

/** The error codes of a response, in order. */
export function errorCodes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.body.errors ?? []).map((e) => e.extensions?.code);
}
