import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CapturedStatement } from './apollo-postgres-server';
import { argon2VerifyCount, originalVerify } from './argon2-counter';
import { startApp, type App } from '../src/app';
import { loadConfig } from '../src/config/config';
import { operatorPrincipal } from '../src/domain/principal';
import { parseSecret } from '../src/domain/secret-token';
import { startStripeEmulator, type StripeEmulator } from '../src/stripe-emulator';
import { portalPageRequestBody } from './portal-page';
import { seedCustomer, type CustomerShape, type SeededCustomer } from './portal-seed';

export { argon2Bursts, argon2VerifiedAt, argon2VerifyCount } from './argon2-counter';

/** The customer every server shows (5 line items, 10 payments, 2 cards) and one 100 times larger. */
export const SMALL: CustomerShape = { key: 'small', lineItems: 5, payments: 10, methods: 2 };
export const LARGE: CustomerShape = { key: 'large', lineItems: 500, payments: 500, methods: 500 };

/**
 * The settings C runs with, as environment variables: production mode, logging at warn, rate limits far above the
 * load, a local Stripe emulator for the required Stripe settings. ARGON2_* and TOKEN_CACHE_TTL_SECONDS pass through
 * from the environment so other parameters can be measured; `tokenCacheTtlS` overrides the latter.
 */
export function benchServerEnv(databaseUrl: string, stripeUrl: string, tokenCacheTtlS?: number): Record<string, string> {
  const passThrough = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('ARGON2_') || entry[0] === 'TOKEN_CACHE_TTL_SECONDS'),
  );
  return {
    ...passThrough,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_VIEW_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_PAYMENT_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_METHOD_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_ADMIN_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: UNLIMITED,
    // Every load connection comes from this one address.
    HTTP_MAX_CONNECTIONS_PER_IP: UNLIMITED,
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_bench',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: stripeUrl,
    ...(tokenCacheTtlS === undefined ? {} : { TOKEN_CACHE_TTL_SECONDS: String(tokenCacheTtlS) }),
  };
}

const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;

export interface PortalServer {
  app: App;
  /** The settings it runs with (production-server.ts starts `node dist/src/main.js` with the same, on the same database). */
  env: Record<string, string>;
  url: string;
  small: SeededCustomer;
  large: SeededCustomer;
  /** Log lines at warn or above (a rate-limit hit would show here). */
  warnings(): { count: number; first: string[] };
  close(): Promise<void>;
}

/** Budgets far above anything the load reaches, so rate limiting never answers instead of the resolvers. */
const UNLIMITED = '100000';

/**
 * The app in this process (`startApp`) in production mode on a fresh SQLite file, or on `postgresUrl`, migrated at start
 * and seeded, with a local Stripe emulator for the Stripe settings it requires (the portal page never calls Stripe),
 * logging at warn (settings: benchServerEnv). The benchmark loads `node dist/src/main.js` on the database this seeds
 * (production-server.ts); this copy runs the measurements that need the app's objects, and the cache-expiry run.
 */
export async function startPortalServer(postgresUrl?: string, options: { tokenCacheTtlS?: number } = {}): Promise<PortalServer> {
  const dir = postgresUrl ? undefined : mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const stripe: StripeEmulator = await startStripeEmulator({ apiKey: 'sk_test_bench' });
  const env = benchServerEnv(postgresUrl ?? `file:${join(dir!, 'bench.db')}`, stripe.url, options.tokenCacheTtlS);
  const config = loadConfig({ ...env, MIGRATE_ON_START: 'true' });

  const warnings: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) warnings.push(line);
      callback();
    },
  });
  const app = await startApp(config, { logDestination });
  const small = await seedCustomer(app, SMALL);
  const large = await seedCustomer(app, LARGE);
  return {
    app,
    env,
    url: app.url,
    small,
    large,
    warnings: () => ({ count: warnings.length, first: warnings.slice(0, 5) }),
    async close() {
      await app.close();
      await stripe.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One portal page request, as the load generator sends it; throws unless it is a 200 without errors. */
export async function requestPortalPage(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: portalPageRequestBody(),
  });
  const text = await res.text();
  if (res.status !== 200 || JSON.parse(text).errors) throw new Error(`portal page failed: HTTP ${res.status} ${text.slice(0, 500)}`);
  return text;
}

export interface StatementCount {
  lineItems: number;
  payments: number;
  methods: number;
  statements: string[];
}

/** Statements of the token-usage flush, which runs on a timer beside requests (TokenUsageRecorder). */
const USAGE_FLUSH_STATEMENT = /^(BEGIN|COMMIT)$|^UPDATE \S*CustomerPaymentToken|^INSERT INTO \S*AuditLog/;

/**
 * The statements one portal page request sends, with their parameters, after a first request has warmed the token
 * cache. A request whose capture caught the usage flush's timer is made again.
 */
async function capturePage(server: PortalServer, customer: SeededCustomer): Promise<{ statements: CapturedStatement[]; body: string }> {
  await requestPortalPage(server.url, customer.token);
  let statements: CapturedStatement[] = [];
  let body = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    await server.app.services.usage.flush();
    statements = [];
    const stop = server.app.database.onStatement((sql, params) => statements.push({ sql, params: [...params] }));
    try {
      body = await requestPortalPage(server.url, customer.token);
    } finally {
      stop();
    }
    if (!statements.some(({ sql }) => USAGE_FLUSH_STATEMENT.test(sql))) break;
  }
  return { statements, body };
}

/** The SQL one portal page request sends, and the customer's rows it pages through. */
export async function statementsPerRequest(server: PortalServer, customer: SeededCustomer): Promise<StatementCount> {
  const { statements, body } = await capturePage(server, customer);
  const { data } = JSON.parse(body);
  const methods = await server.app.database.prisma.paymentMethod.count({ where: { customerId: customer.customerId } });
  const payments = await server.app.database.prisma.payment.count({ where: { customerId: customer.customerId } });
  return { lineItems: data.invoice.lineItems.length, payments, methods, statements: statements.map(({ sql }) => sql) };
}

/** What B + PostgreSQL replays per request: the statements of one portal page, with their parameters. */
export async function pageStatements(server: PortalServer, customer: SeededCustomer): Promise<CapturedStatement[]> {
  const { statements } = await capturePage(server, customer);
  if (statements.some(({ sql }) => !/^\s*SELECT/i.test(sql))) throw new Error(`a portal page sent more than reads: ${statements.map(({ sql }) => sql.slice(0, 40)).join('; ')}`);
  return statements;
}

export interface TokenCheck {
  samples: number;
  argon2: { memoryKiB: number; timeCost: number; parallelism: number };
  /** argon2.verify of a fresh token's hash, alone (wall clock and process CPU). */
  verifyMs: number[];
  verifyCpuMs: number[];
  /** First request with a freshly issued token: pays the argon2 verification. */
  coldRequestMs: number[];
  /** The next requests with the same token: served from the verified-token cache. */
  warmRequestMs: number[];
  argon2CallsCold: number;
  argon2CallsWarm: number;
  warmRequests: number;
}

/**
 * Cold versus warm token checks, on tokens issued now through the token service. Run on an idle server,
 * so the CPU time around a lone verification is argon2's.
 */
export async function tokenChecks(server: PortalServer, samples = 7, warmPerToken = 5): Promise<TokenCheck> {
  const { app } = server;
  const result: TokenCheck = {
    samples,
    argon2: { memoryKiB: app.config.argon2.memoryCost, timeCost: app.config.argon2.timeCost, parallelism: app.config.argon2.parallelism },
    verifyMs: [],
    verifyCpuMs: [],
    coldRequestMs: [],
    warmRequestMs: [],
    argon2CallsCold: 0,
    argon2CallsWarm: 0,
    warmRequests: 0,
  };
  for (let i = 0; i < samples; i++) {
    const issued = await app.services.tokens.issue(operatorPrincipal(server.small.organizationId), { customerId: server.small.customerId }, null);
    const parsed = parseSecret(issued.token)!;
    const { verifierHash } = (await app.database.reads.tokenBySelector(parsed.selector))!;

    const cpu = process.cpuUsage();
    let started = performance.now();
    const ok = await originalVerify(verifierHash, parsed.verifier);
    result.verifyMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    result.verifyCpuMs.push((used.user + used.system) / 1000);
    if (!ok) throw new Error('argon2 rejected a token it just hashed');

    let before = argon2VerifyCount();
    started = performance.now();
    await requestPortalPage(server.url, issued.token);
    result.coldRequestMs.push(performance.now() - started);
    result.argon2CallsCold += argon2VerifyCount() - before;

    before = argon2VerifyCount();
    for (let j = 0; j < warmPerToken; j++) {
      started = performance.now();
      await requestPortalPage(server.url, issued.token);
      result.warmRequestMs.push(performance.now() - started);
    }
    result.argon2CallsWarm += argon2VerifyCount() - before;
    result.warmRequests += warmPerToken;
  }
  return result;
}
