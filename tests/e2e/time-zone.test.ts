/**
 * Times read back the same whatever time zone the server runs in. Prisma stores UTC (without a zone in PostgreSQL's
 * `timestamp(3)`), and the portal's reads decode it themselves: from the driver's Dates, from SQLite's ISO text, and on
 * PostgreSQL from JSON text when several reads travel in one statement (src/db/portal-reads.ts). The server runs as its
 * own process, so its time zone is its own (a test worker's cannot be changed from inside).
 */
import { GenerateCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { openDatabase, type Database } from '../../src/db/database';
import { issuedLink } from '../support/fixtures';
import { killAllServers, productionEnv, runCliProcess, spawnServer, type ServerProcess } from '../support/server-process';
import { createScratchDatabase, graphql, NO_RATE_LIMITS, type ScratchDatabase } from '../support/test-app';

let scratch: ScratchDatabase;
let database: Database;
let server: ServerProcess;
let seed: { adminApiKey: string; customerId: string };

beforeAll(async () => {
  scratch = await createScratchDatabase();
  // Five hours behind UTC in winter: a stored time read as local time would be off by that much.
  const env = productionEnv(scratch.url, { ...NO_RATE_LIMITS, TZ: 'America/New_York' });
  const seeded = await runCliProcess(['demo-seed', '--json'], env);
  expect(seeded.code).toBe(0);
  seed = JSON.parse(seeded.stdout);
  database = await openDatabase(scratch.url);
  server = await spawnServer(env);
});
afterAll(async () => {
  await killAllServers();
  await database?.close();
  await scratch?.drop();
});

it('answers issue, due and payment times as stored, with the invoice and its payments read together', async () => {
  const invoice = await database.prisma.invoice.findFirstOrThrow({ where: { customerId: seed.customerId, status: 'OPEN' }, orderBy: { issuedAt: 'asc' } });
  const paidAt = [new Date('2026-01-15T03:04:05.678Z'), new Date('2026-07-01T23:30:00.001Z')];
  await database.prisma.payment.createMany({
    data: paidAt.map((createdAt, i) => ({
      organizationId: invoice.organizationId,
      customerId: seed.customerId,
      invoiceId: invoice.id,
      providerIntentId: `pi_time_zone_${i}`,
      amount: 100,
      currency: invoice.currency,
      status: 'SUCCEEDED',
      createdAt,
    })),
  });
  const issued = await graphql(server.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId } }, { token: seed.adminApiKey });
  const { token } = issuedLink(issued.body.data!.generateCustomerPaymentToken);

  // Two root fields side by side: on PostgreSQL their reads go as one statement.
  const res = await graphql<{ invoice: { id: string; issuedAt: string; dueAt: string }; paymentHistory: { edges: { node: { createdAt: string } }[] } }, never>(
    server.url,
    '{ invoice { id issuedAt dueAt } paymentHistory(first: 5) { edges { node { createdAt } } } }',
    undefined,
    { token },
  );
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!.invoice).toEqual({ id: invoice.id, issuedAt: invoice.issuedAt.toISOString(), dueAt: invoice.dueAt.toISOString() });
  // Newest first.
  expect(res.body.data!.paymentHistory.edges.map(({ node }) => node.createdAt)).toEqual(['2026-07-01T23:30:00.001Z', '2026-01-15T03:04:05.678Z']);
});
