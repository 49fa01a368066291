/** `npm run cli -- <command>`: operator commands; each takes --json for scripts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMain } from '../../src/cli/main';
import { openDatabase } from '../../src/db/database';

let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portal-cli-'));
  env = { NODE_ENV: 'test', DATABASE_URL: `file:${join(dir, 'cli.db')}`, PORTAL_BASE_URL: 'https://pay.example.com/pay', LOG_LEVEL: 'silent' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cliMain(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function json(...argv: string[]) {
  const res = await cli(...argv, '--json');
  expect(res).toMatchObject({ code: 0, err: '' });
  return JSON.parse(res.out);
}

it('demo-seed creates a demo organization, customer, invoices and an admin key on a fresh database', async () => {
  const seed = await json('demo-seed');
  expect(seed).toEqual({
    organizationId: expect.any(String),
    customerId: expect.any(String),
    invoiceIds: [expect.any(String), expect.any(String)],
    adminApiKey: expect.stringMatching(/^cak_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/),
  });
  const again = await json('demo-seed');
  expect(again.organizationId).not.toBe(seed.organizationId);
});

it('issues a payment link for a customer, optionally bound to an invoice, and revokes it', async () => {
  const seed = await json('demo-seed');
  const issued = await json('token', 'issue', '--customer', seed.customerId, '--invoice', seed.invoiceIds[1], '--days', '3');
  expect(issued).toMatchObject({ customerId: seed.customerId, invoiceId: seed.invoiceIds[1], status: 'ACTIVE', token: expect.stringMatching(/^cpt_/) });
  expect(issued.url).toBe(`https://pay.example.com/pay#${issued.token}`);
  expect(Math.round((Date.parse(issued.expiresAt) - Date.now()) / 86_400_000)).toBe(3);

  const revoked = await json('token', 'revoke', issued.id);
  expect(revoked).toMatchObject({ id: issued.id, status: 'REVOKED' });

  const db = await openDatabase(env.DATABASE_URL);
  try {
    const row = await db.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(issued.token.slice(29));
    const audit = await db.prisma.auditLog.findMany({ where: { targetId: issued.id } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([
      ['TOKEN_ISSUED', 'CLI'],
      ['TOKEN_REVOKED', 'CLI'],
    ]);
  } finally {
    await db.close();
  }
});

it('creates an organization and an admin key for it', async () => {
  const org = await json('organization', 'create', '--name', 'Initech');
  const key = await json('admin-key', 'create', '--organization', org.organizationId, '--name', 'billing-sync');
  expect(key).toMatchObject({ organizationId: org.organizationId, name: 'billing-sync', adminApiKey: expect.stringMatching(/^cak_/) });
});

it('refuses a bad --days with the same bounds as the API', async () => {
  const seed = await json('demo-seed');
  const res = await cli('token', 'issue', '--customer', seed.customerId, '--days', '91', '--json');
  expect(res.code).toBe(1);
  expect(JSON.parse(res.err)).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'expiresInDays must be between 1 and 90.' } });
});

it.each([
  [['token', 'issue'], /--customer is required/],
  [['token', 'revoke'], /needs the token id/],
  [['frobnicate'], /Unknown command/],
  [['token', 'issue', '--bogus', 'x'], /Unknown option/],
])('answers a usage error %j with exit code 2 and the usage text', async (argv, message) => {
  const res = await cli(...argv);
  expect(res.code).toBe(2);
  expect(res.err).toMatch(message);
  expect(res.err).toContain('Usage: npm run cli');
});

it('reports an unknown customer or token as NOT_FOUND', async () => {
  const res = await cli('token', 'revoke', 'nope', '--json');
  expect(res.code).toBe(1);
  expect(JSON.parse(res.err).error.code).toBe('NOT_FOUND');
});

it('migrate applies nothing on an up-to-date database', async () => {
  expect(await json('migrate')).toEqual({ applied: [] });
});
