/**
 * Running the server: health and readiness probes, Prometheus metrics, one JSON log line per request,
 * graceful shutdown on SIGTERM, and `npm run migrate` refusing a diverged migration history.
 * Shutdown and migrate run the compiled server and CLI as real processes.
 */
import { request } from 'node:http';
import { createServer } from 'node:net';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { BalanceDocument, ConfirmPaymentDocument, CreatePaymentIntentDocument, GenerateCustomerPaymentTokenDocument, InvoiceDocument } from '../graphql/generated/operations';
import { openDatabase } from '../../src/db/database';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';
import { seedCustomer, issuedLink } from '../support/fixtures';
import { killAllServers, runCliProcess, spawnServer, type LogLine, type ServerProcess } from '../support/server-process';
import {
  createScratchDatabase,
  errorCodes,
  graphql,
  postgresAdmin,
  startTestApp,
  testDatabase,
  type ScratchDatabase,
  type TestApp,
} from '../support/test-app';

const onPostgres = testDatabase() === 'postgresql';

/** A port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('GET /health and GET /ready', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.stop());

  it('GET /health answers 200 while the process is up', async () => {
    const res = await get(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ status: 'ok' });
  });

  it('GET /ready answers 200 when the database answers', async () => {
    const res = await get(`${t.url}/ready`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ status: 'ready', checks: { database: 'up' } });
  });

  it('GET /ready answers 503 when REDIS_URL is configured but Redis cannot be reached; /health still answers 200', async () => {
    const down = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    try {
      const ready = await get(`${down.url}/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.text)).toEqual({ status: 'unavailable', checks: { database: 'up', redis: 'down' } });
      expect((await get(`${down.url}/health`)).status).toBe(200);
    } finally {
      await down.stop();
    }
  });

  (onPostgres ? it : it.skip)('GET /ready answers 503 when PostgreSQL cannot be reached (PostgreSQL only: a SQLite file cannot become unreachable)', async () => {
    const lost = await startTestApp();
    try {
      expect((await get(`${lost.url}/ready`)).status).toBe(200);
      const name = new URL(lost.database.url).pathname.slice(1);
      await postgresAdmin((client) => client.query(`DROP DATABASE "${name}" WITH (FORCE)`));

      const ready = await get(`${lost.url}/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.text)).toEqual({ status: 'unavailable', checks: { database: 'down' } });
    } finally {
      await lost.stop();
    }
  });
});

/** The value of one sample in Prometheus text format, or undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value) && Object.keys(found).length === Object.keys(labels).length) return Number(match[3]);
  }
  return undefined;
}

describe('metrics at GET /metrics (Prometheus)', () => {
  let t: TestApp;
  let text: string;
  let contentType: string | null;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_VIEW_PER_MINUTE: '3' });
    const c = await seedCustomer(t, { invoiceBound: true });
    token = c.token;
    await graphql(t.url, InvoiceDocument, {}, { token });
    for (let i = 0; i < 4; i++) await graphql(t.url, BalanceDocument, undefined, { token }); // the 4th is over the budget of 3
    await graphql(t.url, 'query { invoice { id } }', undefined, { token });
    await graphql(t.url, 'query { invoice {', undefined, { token });

    const intent = (await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token })).body.data!.createPaymentIntent as { id: string };
    await t.browser.confirm(intent.id, 'pm_card_chargeDeclined');
    await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intent.id }, { token });
    await t.browser.confirm(intent.id, 'pm_card_visa');
    await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intent.id }, { token });
    await t.stripe.flushWebhooks();

    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    contentType = res.headers.get('content-type');
    text = await res.text();
  });
  afterAll(() => t?.stop());

  it('are served as Prometheus text, with the process metrics', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('count and time GraphQL operations by name, type and result', () => {
    expect(sample(text, 'portal_graphql_operations_total', { operation: 'Invoice', type: 'query', result: 'ok' })).toBe(1);
    expect(sample(text, 'portal_graphql_operations_total', { operation: 'Balance', type: 'query', result: 'ok' })).toBe(3);
    expect(sample(text, 'portal_graphql_operations_total', { operation: 'Balance', type: 'query', result: 'error' })).toBe(1);
    expect(sample(text, 'portal_graphql_operations_total', { operation: '(anonymous)', type: 'query', result: 'ok' })).toBe(1);
    expect(sample(text, 'portal_graphql_operations_total', { operation: '(invalid)', type: 'unknown', result: 'error' })).toBe(1);
    expect(sample(text, 'portal_graphql_operations_total', { operation: 'ConfirmPayment', type: 'mutation', result: 'ok' })).toBe(2);
    expect(sample(text, 'portal_graphql_operation_duration_seconds_count', { operation: 'Invoice', type: 'query' })).toBe(1);
    expect(sample(text, 'portal_graphql_operation_duration_seconds_sum', { operation: 'Invoice', type: 'query' })).toBeGreaterThan(0);
  });

  it('count HTTP requests by route and status', () => {
    expect(sample(text, 'portal_http_requests_total', { route: 'POST /graphql', status: '200' })).toBe(9);
    expect(sample(text, 'portal_http_requests_total', { route: 'POST /graphql', status: '400' })).toBe(1);
    expect(sample(text, 'portal_http_requests_total', { route: 'POST /webhooks/stripe', status: '200' })).toBeGreaterThanOrEqual(2);
  });

  it('count rate-limit hits by field', () => {
    expect(sample(text, 'portal_rate_limit_hits_total', { field: 'Query.balance' })).toBe(1);
  });

  it('count payment outcomes', () => {
    expect(sample(text, 'portal_payment_outcomes_total', { operation: 'createPaymentIntent', outcome: 'intent_created' })).toBe(1);
    expect(sample(text, 'portal_payment_outcomes_total', { operation: 'confirmPayment', outcome: 'payment_declined' })).toBe(1);
    expect(sample(text, 'portal_payment_outcomes_total', { operation: 'confirmPayment', outcome: 'succeeded' })).toBe(1);
  });

  it('count webhook events by type and outcome, and observe their lag from creation at Stripe to processed', () => {
    expect(sample(text, 'portal_webhook_events_total', { type: 'payment_intent.succeeded', outcome: 'processed' })).toBe(1);
    expect(sample(text, 'portal_webhook_lag_seconds_count', { type: 'payment_intent.succeeded' })).toBe(1);
    expect(sample(text, 'portal_webhook_lag_seconds_bucket', { type: 'payment_intent.succeeded', le: '+Inf' })).toBe(1);
  });

  it('never contain a token', () => {
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(29));
  });
});

describe('request logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.stop());

  const logLines = () => t.logs().trim().split('\n').map((line) => JSON.parse(line) as LogLine);

  it('are JSON, one line per request, with the x-request-id, method, path, status, duration and GraphQL operation', async () => {
    const c = await seedCustomer(t);
    const res = await graphql(t.url, InvoiceDocument, { id: 'inv_variable_value_5e3c1a' }, { token: c.token });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const lines = logLines().filter((line) => line.msg === 'request' && line.requestId === requestId);
    expect(lines).toEqual([{ level: 30, time: expect.any(Number), msg: 'request', requestId, method: 'POST', path: '/graphql', status: 200, durationMs: expect.any(Number), operation: 'Invoice' }]);
  });

  it('never contain query variables or the token', async () => {
    const c = await seedCustomer(t);
    await graphql(t.url, InvoiceDocument, { id: 'inv_variable_value_9b7d2f' }, { token: c.token });
    const logs = t.logs();
    expect(logs).toContain('"operation":"Invoice"');
    expect(logs).not.toContain('inv_variable_value_9b7d2f');
    expect(logs).not.toContain(c.token.slice(29));
  });

  it('log probes at debug level, other routes at info', async () => {
    const health = await fetch(`${t.url}/health`);
    const missing = await fetch(`${t.url}/nowhere`);
    const byId = (res: Response) => logLines().find((line) => line.requestId === res.headers.get('x-request-id'));
    expect(byId(health)).toMatchObject({ level: 20, path: '/health', status: 200 });
    expect(byId(missing)).toMatchObject({ level: 30, path: '/nowhere', status: 404 });
  });
});

/** Environment of a production server process pointed at the emulator. */
function productionEnv(database: ScratchDatabase, stripe: StripeEmulator): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    LOG_LEVEL: 'info',
    STRIPE_SECRET_KEY: 'sk_test_emulator',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_emulator',
    STRIPE_WEBHOOK_SECRET: 'whsec_operations_test',
    STRIPE_API_URL: stripe.url,
  };
}

/** Opens a new TCP connection (never a pooled one) and resolves with the status, or rejects with the socket error. */
function freshConnectionGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown on SIGTERM (a real server process)', () => {
  let database: ScratchDatabase;
  let stripe: StripeEmulator;
  let server: ServerProcess;
  const stripeCalls: string[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
    stripe = await startStripeEmulator({
      apiKey: 'sk_test_emulator',
      logger: (msg, data) => {
        const { method, path } = data as { method?: string; path?: string };
        if (msg === 'request') stripeCalls.push(`${method} ${path}`);
      },
    });
    const env = productionEnv(database, stripe);
    // Production does not migrate on start: `npm run migrate` runs once per deploy.
    expect((await runCliProcess(['migrate'], env)).code).toBe(0);
    // Usage is written only at shutdown here: a minute between flushes.
    server = await spawnServer({ ...env, TOKEN_USAGE_FLUSH_MS: '60000' });
  });
  afterAll(async () => {
    await killAllServers();
    await stripe?.stop();
    await database?.drop();
  });

  it('stops accepting, answers the request in flight with 200, then exits 0', async () => {
    const seed = JSON.parse((await runCliProcess(['demo-seed', '--json'], productionEnv(database, stripe))).stdout);
    const issued = await graphql(server.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId, invoiceId: seed.invoiceIds[1] } }, { token: seed.adminApiKey });
    const { token, paymentToken } = issuedLink(issued.body.data!.generateCustomerPaymentToken);

    // Every Stripe call now takes a second. createPaymentIntent makes two (a customer, then an intent): once Stripe
    // has answered the first, the request is surely in the server's hands, with a second still to wait.
    stripe.faults.configure({ latencyMs: 1000 });
    const inFlight = graphql(server.url, CreatePaymentIntentDocument, { input: {} }, { token });
    inFlight.catch(() => undefined); // awaited below; a failure must not surface in a later test first
    while (!stripeCalls.includes('POST /v1/customers')) await new Promise((resolve) => setTimeout(resolve, 20));
    server.child.kill('SIGTERM');
    await server.waitForLog((line) => line.msg === 'shutting down');

    // A new connection is refused, or reset when it reached the listen queue just as the server closed it.
    const refused = await freshConnectionGet(`${server.url}/health`).catch((error: NodeJS.ErrnoException) => error.code);
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(refused);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: 49_900 } });
    expect(await server.exited).toEqual({ code: 0, signal: null });

    // The order of the log: shutdown began, then the request in flight was answered, then the process closed.
    const lines = server.logLines();
    const at = (match: (line: LogLine) => boolean) => lines.findIndex(match);
    const shuttingDown = at((line) => line.msg === 'shutting down');
    const answered = at((line) => line.msg === 'request' && line.operation === 'CreatePaymentIntent' && line.status === 200);
    const shutDown = at((line) => line.msg === 'shut down');
    expect(shuttingDown).toBeGreaterThanOrEqual(0);
    expect(answered).toBeGreaterThan(shuttingDown);
    expect(shutDown).toBeGreaterThan(answered);

    // The token's use, still waiting to be written when SIGTERM came, was written before the process exited.
    const db = await openDatabase(database.url);
    try {
      expect(await db.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: paymentToken.id } })).toMatchObject({ useCount: 1 });
      expect(await db.prisma.auditLog.count({ where: { action: 'TOKEN_USED', targetId: paymentToken.id } })).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe('npm run migrate (the CLI as a process)', () => {
  let database: ScratchDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createScratchDatabase();
    // What a deploy step has: the production settings, Stripe keys included (the CLI refuses to start without them).
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      STRIPE_SECRET_KEY: 'sk_test_unused',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_unused',
      STRIPE_WEBHOOK_SECRET: 'whsec_unused',
    };
  });
  afterAll(() => database?.drop());

  /** Records a migration the migrations folder does not have, as if another branch had been deployed. */
  async function recordForeignMigration() {
    if (database.provider === 'sqlite') {
      const db = new Sqlite(database.file!);
      db.prepare(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('ghost', 'x', '20990101000000_from_another_branch', 0, 0, 1)`).run();
      db.close();
      return;
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('ghost', 'x', '20990101000000_from_another_branch', now(), now(), 1)`);
    await client.end();
  }

  it('applies the pending migrations, then finds nothing more to do', async () => {
    const first = await runCliProcess(['migrate'], env);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration\(s\):/) });
    expect(await runCliProcess(['migrate'], env)).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
  });

  it('refuses to run when the history has diverged: exit code 1, and a message naming the migration', async () => {
    await recordForeignMigration();
    const refused = await runCliProcess(['migrate'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain("Error: Refusing to migrate: the database's migration history does not match the migrations folder.");
    expect(refused.stderr).toContain('missing from');
    expect(refused.stderr).toContain('20990101000000_from_another_branch');
  });
});
