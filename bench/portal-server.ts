import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import argon2 from 'argon2';
import { startApp, type App } from '../src/app';
import { loadConfig } from '../src/config/config';
import { operatorPrincipal } from '../src/domain/principal';
import { parseSecret } from '../src/domain/secret-token';
import { startStripeEmulator, type StripeEmulator } from '../src/stripe-emulator';
import { portalPageRequestBody } from './portal-page';
import { seedCustomer, type CustomerShape, type SeededCustomer } from './portal-seed';

/**
 * Every argon2 verification in this process, counted by wrapping the module's export (the domain code calls
 * `argon2.verify` through the same module object). This is how the benchmark shows that repeat requests
 * with one token skip argon2: the count does not move while the load runs.
 */
let argon2Verifications = 0;
const verificationTimes: number[] = [];
const originalVerify = argon2.verify;
(argon2 as { verify: typeof argon2.verify }).verify = (...args: Parameters<typeof argon2.verify>) => {
  argon2Verifications++;
  verificationTimes.push(Date.now());
  return originalVerify(...args);
};
export const argon2VerifyCount = () => argon2Verifications;

/** When verification number `index` (from 0) ran, epoch ms; undefined before the first. */
export const argon2VerifiedAt = (index: number): number | undefined => verificationTimes[index];

/** Verifications after the first `since`, grouped into bursts (less than a second apart), e.g. at a cache expiry. */
export function argon2Bursts(since: number): { at: number; calls: number }[] {
  const bursts: { at: number; calls: number; last: number }[] = [];
  for (const time of verificationTimes.slice(since)) {
    const current = bursts.at(-1);
    if (current && time - current.last < 1000) {
      current.calls++;
      current.last = time;
    } else {
      bursts.push({ at: time, calls: 1, last: time });
    }
  }
  return bursts.map(({ at, calls }) => ({ at, calls }));
}

/** The customer every server shows (5 line items, 10 payments, 2 cards) and one 100 times larger. */
export const SMALL: CustomerShape = { key: 'small', lineItems: 5, payments: 10, methods: 2 };
export const LARGE: CustomerShape = { key: 'large', lineItems: 500, payments: 500, methods: 500 };

export interface PortalServer {
  app: App;
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
 * C: the real server (`startApp`) in production mode on a fresh SQLite file, or on `postgresUrl`, migrated at start, with a local Stripe
 * emulator for the Stripe settings it requires (the portal page never calls Stripe), logging at warn.
 * ARGON2_* and TOKEN_CACHE_TTL_SECONDS pass through from the environment so other parameters can be measured;
 * `tokenCacheTtlS` overrides the latter for one server.
 */
export async function startPortalServer(postgresUrl?: string, options: { tokenCacheTtlS?: number } = {}): Promise<PortalServer> {
  const dir = postgresUrl ? undefined : mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const stripe: StripeEmulator = await startStripeEmulator({ apiKey: 'sk_test_bench' });
  const passThrough = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.startsWith('ARGON2_') || name === 'TOKEN_CACHE_TTL_SECONDS'),
  );
  const config = loadConfig({
    ...passThrough,
    NODE_ENV: 'production',
    DATABASE_URL: postgresUrl ?? `file:${join(dir!, 'bench.db')}`,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'true',
    RATE_LIMIT_VIEW_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_PAYMENT_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_METHOD_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_ADMIN_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: UNLIMITED,
    // Every load connection comes from this one address.
    HTTP_MAX_CONNECTIONS_PER_IP: UNLIMITED,
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_bench',
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
    STRIPE_API_URL: stripe.url,
    ...(options.tokenCacheTtlS === undefined ? {} : { TOKEN_CACHE_TTL_SECONDS: String(options.tokenCacheTtlS) }),
  });

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
 * The SQL one portal page request sends, after a first request has warmed the token cache. A request whose
 * count caught the usage flush's timer is measured again.
 */
export async function statementsPerRequest(server: PortalServer, customer: SeededCustomer): Promise<StatementCount> {
  await requestPortalPage(server.url, customer.token);
  let statements: string[] = [];
  let body = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    await server.app.services.usage.flush();
    statements = [];
    const stop = server.app.database.onStatement((sql) => statements.push(sql));
    try {
      body = await requestPortalPage(server.url, customer.token);
    } finally {
      stop();
    }
    if (!statements.some((sql) => USAGE_FLUSH_STATEMENT.test(sql))) break;
  }
  const { data } = JSON.parse(body);
  const methods = await server.app.database.prisma.paymentMethod.count({ where: { customerId: customer.customerId } });
  const payments = await server.app.database.prisma.payment.count({ where: { customerId: customer.customerId } });
  return { lineItems: data.invoice.lineItems.length, payments, methods, statements };
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

    let before = argon2Verifications;
    started = performance.now();
    await requestPortalPage(server.url, issued.token);
    result.coldRequestMs.push(performance.now() - started);
    result.argon2CallsCold += argon2Verifications - before;

    before = argon2Verifications;
    for (let j = 0; j < warmPerToken; j++) {
      started = performance.now();
      await requestPortalPage(server.url, issued.token);
      result.warmRequestMs.push(performance.now() - started);
    }
    result.argon2CallsWarm += argon2Verifications - before;
    result.warmRequests += warmPerToken;
  }
  return result;
}
