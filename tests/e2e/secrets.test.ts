/** Secrets stay secret: not in the database, not in the logs. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BalanceDocument, GenerateCustomerPaymentTokenDocument, InvoiceDocument } from '../graphql/generated/operations';
import { seedCustomer, issuedLink } from '../support/fixtures';
import { graphql, postgresAdmin, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
afterAll(() => t?.stop());

/**
 * Everything the database keeps, as text. SQLite: every file byte for byte, the WAL and freed pages included.
 * PostgreSQL: every row of every table, each column rendered as text (what a dump or a replica holds).
 */
async function storedData(t: TestApp): Promise<string> {
  if (t.database.provider === 'sqlite') {
    await t.app.database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(PASSIVE)');
    const files = readdirSync(dirname(t.databaseFile)).map((f) => join(dirname(t.databaseFile), f));
    expect(files.some((f) => f.endsWith('.db'))).toBe(true);
    return files.map((file) => readFileSync(file).toString('latin1')).join('\n');
  }
  return postgresAdmin(async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['CustomerPaymentToken', 'AdminApiKey', 'AuditLog']));
    const dumps = await Promise.all(tables.map(({ name }) => client.query<{ row: string }>(`SELECT t::text AS row FROM "${name.replace(/"/g, '""')}" t`)));
    return dumps.flatMap((dump) => dump.rows.map((r) => r.row)).join('\n');
  }, t.database.url);
}

it('never writes a raw token or admin key to the database or to the logs', async () => {
  t = await startTestApp({ LOG_LEVEL: 'trace' });
  const seed = await seedCustomer(t);
  const issued = issuedLink((await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId } }, { token: seed.adminApiKey })).body.data!.generateCustomerPaymentToken);
  await graphql(t.url, InvoiceDocument, {}, { token: issued.token });
  await graphql(t.url, BalanceDocument, undefined, { token: issued.token });
  // A failed attempt with a near-miss of the real token, and a GraphQL error that echoes input.
  await graphql(t.url, BalanceDocument, undefined, { token: issued.token.slice(0, -2) + 'xx' });
  await graphql(t.url, `query { invoice(id: "${issued.token}") { id } }`, undefined, { token: issued.token });
  // A link issued before tokens moved into the fragment: the token is in the path the server sees.
  await fetch(`${t.url}/pay/${seed.token}`);
  await fetch(`${t.url}/pay/${issued.token}?token=${issued.token}`);

  const secrets = { token: issued.token, seededToken: seed.token, adminKey: seed.adminApiKey };
  const verifiers = Object.values(secrets).map((s) => s.slice(29));
  const stored = await storedData(t);
  // The token ids (the part before the verifier) are stored, which shows the search looks at the right data.
  expect(stored).toContain(issued.paymentToken.id);
  for (const verifier of verifiers) expect(stored.includes(verifier)).toBe(false);

  const logs = t.logs();
  expect(logs.length).toBeGreaterThan(0);
  for (const secret of [...Object.values(secrets), ...verifiers]) expect(logs.includes(secret)).toBe(false);
});
