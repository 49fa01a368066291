/** Secrets stay secret: not in the database file, not in the logs. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BalanceDocument, GenerateCustomerPaymentTokenDocument, InvoiceDocument } from '../graphql/generated/operations';
import { graphql, seedCustomer, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
afterAll(() => t?.stop());

it('never writes a raw token or admin key to the SQLite files or to the logs', async () => {
  t = await startTestApp({ LOG_LEVEL: 'trace' });
  const seed = await seedCustomer(t.app);
  const issued = (await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId } }, { token: seed.adminApiKey })).body.data!.generateCustomerPaymentToken;
  await graphql(t.url, InvoiceDocument, {}, { token: issued.token });
  await graphql(t.url, BalanceDocument, undefined, { token: issued.token });
  // A failed attempt with a near-miss of the real token, and a GraphQL error that echoes input.
  await graphql(t.url, BalanceDocument, undefined, { token: issued.token.slice(0, -2) + 'xx' });
  await graphql(t.url, `query { invoice(id: "${issued.token}") { id } }`, undefined, { token: issued.token });
  await t.app.database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(PASSIVE)');

  const secrets = { token: issued.token, seededToken: seed.token, adminKey: seed.adminApiKey };
  const verifiers = Object.values(secrets).map((s) => s.slice(29));
  const files = readdirSync(dirname(t.databaseFile)).map((f) => join(dirname(t.databaseFile), f));
  expect(files.some((f) => f.endsWith('.db'))).toBe(true);
  for (const file of files) {
    const bytes = readFileSync(file).toString('latin1');
    for (const verifier of verifiers) expect(bytes.includes(verifier)).toBe(false);
  }

  const logs = t.logs();
  expect(logs.length).toBeGreaterThan(0);
  for (const secret of [...Object.values(secrets), ...verifiers]) expect(logs.includes(secret)).toBe(false);
});
