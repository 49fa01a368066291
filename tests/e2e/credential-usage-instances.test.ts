/**
 * Credential usage written by several instances at once: two server processes (NODE_ENV=production) on one database,
 * every one of several payment links used on both, as fast as they answer, while each instance writes its usage every
 * 10 ms. The counts add up exactly, and neither instance ever fails a write (a deadlock or write conflict between two
 * flushes would be logged as an error, and retried). On PostgreSQL, and on SQLite with two processes on one file.
 */
import { randomBytes } from 'node:crypto';
import { BalanceDocument, GenerateCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { openDatabase } from '../../src/db/database';
import { killAllServers, runCliProcess, spawnServer, type ServerProcess } from '../support/server-process';
import { createScratchDatabase, graphql, NO_RATE_LIMITS, type ScratchDatabase } from '../support/test-app';

const LINKS = 6;
const REQUESTS = 360;
const CONCURRENCY = 12;

let database: ScratchDatabase;
let instances: ServerProcess[];
let adminKey: string;
let customerId: string;

beforeAll(async () => {
  database = await createScratchDatabase();
  const env = {
    ...NO_RATE_LIMITS,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    // As often as the setting allows, so that the two instances' flushes overlap all the time.
    TOKEN_USAGE_FLUSH_MS: '10',
    STRIPE_SECRET_KEY: 'sk_test_unused',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_unused',
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(8).toString('hex')}`,
  };
  // demo-seed creates and migrates the database, as `npm run migrate` would.
  const seeded = await runCliProcess(['demo-seed', '--json'], env);
  expect(seeded.code).toBe(0);
  ({ adminApiKey: adminKey, customerId } = JSON.parse(seeded.stdout));
  instances = await Promise.all([spawnServer(env), spawnServer(env)]);
});

afterAll(async () => {
  await killAllServers();
  await database?.drop();
});

it('counts every use of every link exactly, with both instances writing at once and never failing a write', async () => {
  const links = await Promise.all(
    Array.from({ length: LINKS }, async (_, i) => {
      const issued = await graphql(instances[i % 2].url, GenerateCustomerPaymentTokenDocument, { input: { customerId } }, { token: adminKey });
      return issued.body.data!.generateCustomerPaymentToken;
    }),
  );

  // Workers take requests in turn; request n uses link n % LINKS on instance (n / LINKS) % 2, so both instances use
  // every link, in an order that differs between them.
  const answered = new Map<string, number>(links.map((link) => [link.paymentToken.id, 0]));
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < REQUESTS; n = next++) {
      const link = links[n % LINKS];
      const res = await graphql(instances[Math.floor(n / LINKS) % 2].url, BalanceDocument, undefined, { token: link.token });
      if (res.status === 200 && !res.body.errors) answered.set(link.paymentToken.id, answered.get(link.paymentToken.id)! + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect([...answered.values()].reduce((sum, count) => sum + count, 0)).toBe(REQUESTS);

  // A graceful stop writes what is still gathered.
  for (const server of instances) server.child.kill('SIGTERM');
  expect(await Promise.all(instances.map((server) => server.exited))).toEqual([
    { code: 0, signal: null },
    { code: 0, signal: null },
  ]);

  const db = await openDatabase(database.url);
  try {
    const tokens = await db.prisma.customerPaymentToken.findMany({ where: { id: { in: [...answered.keys()] } }, select: { id: true, useCount: true, lastUsedAt: true } });
    expect(Object.fromEntries(tokens.map((token) => [token.id, token.useCount]))).toEqual(Object.fromEntries(answered));
    for (const token of tokens) expect(token.lastUsedAt).not.toBeNull();
    // The audit trail counts the same uses, split by instance, flush and address.
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'TOKEN_USED', targetId: { in: [...answered.keys()] } }, select: { targetId: true, details: true } });
    const audited = new Map<string, number>();
    for (const row of audit) audited.set(row.targetId!, (audited.get(row.targetId!) ?? 0) + (JSON.parse(row.details!) as { uses: number }).uses);
    expect(Object.fromEntries(audited)).toEqual(Object.fromEntries(answered));
  } finally {
    await db.close();
  }

  for (const server of instances) {
    expect(server.logLines().filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(server.output()).not.toMatch(/P2034|deadlock|write conflict|SQLITE_BUSY|database is locked/i);
  }
});
