import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { seedDemo, type DemoSeed } from '../../src/domain/demo-seed';
import { cliPrincipal } from '../../src/domain/organization.service';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';

export interface TestApp {
  app: App;
  url: string;
  /** The local Stripe-compatible server the app's real Stripe SDK talks to. */
  stripe: StripeEmulator;
  /** Every JSON log line the server wrote, as text. */
  logs(): string;
  /** Path of the SQLite file behind the server. */
  databaseFile: string;
  stop(): Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  body: ExecutionResult<T> & { errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }> };
}

/**
 * Starts the real server on an ephemeral port over a fresh SQLite file, migrated as `npm start` migrates,
 * with logs captured in memory so tests can search them.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const databaseFile = join(dir, 'test.db');
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
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `file:${databaseFile}`,
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
  const app = await startApp(config, { logDestination: destination });
  stripe.setWebhookEndpoint({ url: `${app.url}/webhooks/stripe`, secret: webhookSecret });
  return {
    app,
    url: app.url,
    stripe,
    databaseFile,
    logs: () => lines.join(''),
    async stop() {
      await stripe.flushWebhooks();
      await app.close();
      await stripe.stop();
      rmSync(dir, { recursive: true, force: true });
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
    cliPrincipal(seed.organizationId),
    { customerId: seed.customerId, invoiceId: options.invoiceBound ? seed.invoiceIds[1] : null, expiresInDays: options.days },
    null,
  );
  return { ...seed, token: issued.token, tokenId: issued.paymentToken.id };
}
