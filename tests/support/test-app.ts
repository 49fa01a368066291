import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { seedDemo, type DemoSeed } from '../../src/dev/demo-seed';
import { operatorPrincipal } from '../../src/domain/principal';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';
import { createScratchPostgresDatabase, postgresAdmin, TEST_POSTGRES_URL } from './postgres';

export { createScratchPostgresDatabase, postgresAdmin, TEST_POSTGRES_URL };

export interface TestApp {
  app: App;
  url: string;
  /** The local Stripe-compatible server the app's real Stripe SDK talks to. */
  stripe: StripeEmulator;
  /** Every JSON log line the server wrote, as text. */
  logs(): string;
  /** Path of the SQLite file behind the server. SQLite only: reading it on PostgreSQL throws. */
  databaseFile: string;
  /** Which database the suite runs on (TEST_DATABASE), and the URL of this app's own database. */
  database: { provider: TestDatabase; url: string };
  stop(): Promise<void>;
}

export type TestDatabase = 'sqlite' | 'postgresql';

/**
 * The database every test app runs on: SQLite unless TEST_DATABASE=postgresql. `npm test` runs the whole
 * suite once on each (scripts/run-tests.mjs).
 */
export function testDatabase(): TestDatabase {
  const value = (process.env.TEST_DATABASE || 'sqlite').toLowerCase();
  if (value !== 'sqlite' && value !== 'postgresql') throw new Error(`TEST_DATABASE must be sqlite or postgresql, got "${value}"`);
  return value;
}

export interface ScratchDatabase {
  provider: TestDatabase;
  /** DATABASE_URL for a server or the CLI; nothing is migrated yet. */
  url: string;
  /** SQLite only: the database file (it does not exist until something migrates it). */
  file?: string;
  drop(): Promise<void>;
}

/** A new, empty database of the kind this run tests (see {@link testDatabase}). */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const provider = testDatabase();
  if (provider === 'postgresql') return { provider, ...(await createScratchPostgresDatabase()) };
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const file = join(dir, 'test.db');
  return { provider, url: `file:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  body: ExecutionResult<T> & { errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }> };
}

/**
 * Starts the real server on an ephemeral port over a fresh database, migrated as `npm start` migrates,
 * with logs captured in memory so tests can search them. The database is a new SQLite file, or with
 * TEST_DATABASE=postgresql a new database on TEST_POSTGRES_URL's server, dropped again by `stop()`.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createScratchDatabase();
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
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'debug',
      MIGRATE_ON_START: 'true',
      PORTAL_BASE_URL: 'https://pay.example.com/p/',
      STRIPE_SECRET_KEY: 'sk_test_emulator',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: stripe.url,
      STRIPE_TIMEOUT_MS: '1500',
      STRIPE_MAX_NETWORK_RETRIES: '0',
      ...env,
    });
    app = await startApp(config, { logDestination: destination });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  stripe.setWebhookEndpoint({ url: `${app.url}/webhooks/stripe`, secret: webhookSecret });
  return {
    app,
    url: app.url,
    stripe,
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

/** The error codes of a response, in order. */
export function errorCodes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.body.errors ?? []).map((e) => e.extensions?.code);
}

export interface SeededCustomer extends DemoSeed {
  token: string;
  tokenId: string;
}

/** A demo organization (admin key, customer, two invoices) and a payment token for its customer. */
export async function seedCustomer(app: App, options: { invoiceBound?: boolean; days?: number } = {}): Promise<SeededCustomer> {
  const seed = await seedDemo(app.services.organizations, app.services.billing);
  const issued = await app.services.tokens.issue(
    operatorPrincipal(seed.organizationId),
    { customerId: seed.customerId, invoiceId: options.invoiceBound ? seed.invoiceIds[1] : null, expiresInDays: options.days },
    null,
  );
  return { ...seed, token: issued.token, tokenId: issued.paymentToken.id };
}
