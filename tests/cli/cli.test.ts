/**
 * `npm run cli -- <command>`: operator commands; each takes --json for scripts. They run on the database of this
 * test run (TEST_DATABASE), which only `demo-seed` and `migrate` may create or migrate; every other command needs one
 * that exists and is migrated, and says which URL it was given when it is not. What is typed is checked strictly.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMain } from '../../src/cli/main';
import { openDatabase } from '../../src/db/database';
import { applyMigrations } from '../../src/db/migrator';
import { runCliProcess } from '../support/server-process';
import { createMigratedDatabase, createScratchDatabase, postgresAdmin, TEST_POSTGRES_URL, testDatabase, type ScratchDatabase } from '../support/test-app';

let dir: string;
let scratch: ScratchDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portal-cli-'));
  scratch = await createMigratedDatabase();
  env = { NODE_ENV: 'test', DATABASE_URL: scratch.url, PORTAL_BASE_URL: 'https://pay.example.com/pay', LOG_LEVEL: 'silent' };
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await scratch?.drop();
});

async function cli(argv: string[], overrides: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cliMain(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { ...env, ...overrides });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function json(...argv: string[]) {
  const res = await cli([...argv, '--json']);
  expect(res).toMatchObject({ code: 0, err: '' });
  return JSON.parse(res.out);
}

/** A database of this run's kind that nothing has created or migrated yet (a SQLite file that does not exist). */
async function withFreshDatabase(run: (url: string) => Promise<void>): Promise<void> {
  const fresh = await createScratchDatabase();
  try {
    await run(fresh.url);
  } finally {
    await fresh.drop();
  }
}

async function withDatabase<T>(run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(env.DATABASE_URL);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

describe('commands', () => {
  it('demo-seed creates a demo organization, customer, invoices and an admin key on a fresh database', async () => {
    await withFreshDatabase(async (url) => {
      const res = await cli(['demo-seed', '--json'], { DATABASE_URL: url });
      expect(res).toMatchObject({ code: 0, err: '' });
      expect(JSON.parse(res.out)).toEqual({
        organizationId: expect.any(String),
        customerId: expect.any(String),
        invoiceIds: [expect.any(String), expect.any(String)],
        adminApiKey: expect.stringMatching(/^cak_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/),
      });
      const again = JSON.parse((await cli(['demo-seed', '--json'], { DATABASE_URL: url })).out);
      expect(again.organizationId).not.toBe(JSON.parse(res.out).organizationId);
    });
  });

  it('issues a payment link for a customer, optionally bound to an invoice, and revokes it', async () => {
    const seed = await json('demo-seed');
    const issued = await json('token', 'issue', '--customer', seed.customerId, '--invoice', seed.invoiceIds[1], '--days', '3');
    expect(issued).toMatchObject({ customerId: seed.customerId, invoiceId: seed.invoiceIds[1], status: 'ACTIVE', token: expect.stringMatching(/^cpt_/) });
    expect(issued.url).toBe(`https://pay.example.com/pay#${issued.token}`);
    expect(Math.round((Date.parse(issued.expiresAt) - Date.now()) / 86_400_000)).toBe(3);

    const revoked = await json('token', 'revoke', issued.id);
    expect(revoked).toMatchObject({ id: issued.id, status: 'REVOKED' });

    await withDatabase(async (db) => {
      const row = await db.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: issued.id } });
      expect(row.revokedAt).not.toBeNull();
      expect(JSON.stringify(row)).not.toContain(issued.token.slice(29));
      const audit = await db.prisma.auditLog.findMany({ where: { targetId: issued.id }, orderBy: { createdAt: 'asc' } });
      expect(audit.map((a) => [a.action, a.actorType])).toEqual([
        ['TOKEN_ISSUED', 'CLI'],
        ['TOKEN_REVOKED', 'CLI'],
      ]);
    });
  });

  it('creates an organization and an admin key for it, which never expires unless --days says when', async () => {
    const org = await json('organization', 'create', '--name', '  Initech  ', '--support-email', 'billing@initech.example');
    expect(org).toMatchObject({ name: 'Initech', supportEmail: 'billing@initech.example' });
    const key = await json('admin-key', 'create', '--organization', org.organizationId, '--name', 'billing-sync');
    expect(key).toMatchObject({ organizationId: org.organizationId, name: 'billing-sync', expiresAt: null, adminApiKey: expect.stringMatching(/^cak_/) });
    const expiring = await json('admin-key', 'create', '--organization', org.organizationId, '--days', '30');
    expect(expiring.name).toBe('cli');
    expect(Math.round((Date.parse(expiring.expiresAt) - Date.now()) / 86_400_000)).toBe(30);
  });

  it("lists an organization's admin keys without their secrets, and revokes one", async () => {
    const org = await json('organization', 'create', '--name', 'Globex');
    const first = await json('admin-key', 'create', '--organization', org.organizationId, '--name', 'first');
    const second = await json('admin-key', 'create', '--organization', org.organizationId, '--name', 'second', '--days', '7');

    const listed = await json('admin-key', 'list', '--organization', org.organizationId);
    expect(listed.organizationId).toBe(org.organizationId);
    expect(listed.adminKeys.map((k: { name: string; status: string }) => [k.name, k.status])).toEqual([
      ['second', 'ACTIVE'],
      ['first', 'ACTIVE'],
    ]);
    expect(listed.adminKeys[0]).toEqual({ id: second.id, name: 'second', status: 'ACTIVE', createdAt: expect.any(String), expiresAt: second.expiresAt, revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain('cak_');

    const revoked = await json('admin-key', 'revoke', first.id);
    expect(revoked).toMatchObject({ id: first.id, name: 'first', status: 'REVOKED', revokedAt: expect.any(String) });
    const text = await cli(['admin-key', 'list', '--organization', org.organizationId]);
    expect(text.out).toMatch(new RegExp(`${first.id}\\s+REVOKED\\s+first`));

    await withDatabase(async (db) => {
      const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'ADMIN_KEY_REVOKED', targetId: first.id } });
      expect(audit).toMatchObject({ actorType: 'CLI', organizationId: org.organizationId });
    });
  });

  it("refuses to revoke an organization's last active key unless --confirm-loss-of-access is given, and changes nothing until then", async () => {
    const org = await json('organization', 'create', '--name', 'Umbrella');
    const only = await json('admin-key', 'create', '--organization', org.organizationId);

    const refused = await cli(['admin-key', 'revoke', only.id, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.err)).toEqual({
      error: {
        code: 'REVOCATION_NEEDS_CONFIRMATION',
        message: expect.stringContaining('no active admin API key left'),
        consequences: ['LEAVES_NO_ACTIVE_KEY'],
      },
    });
    expect(JSON.parse(refused.err).error.message).toContain('--confirm-loss-of-access');
    expect((await json('admin-key', 'list', '--organization', org.organizationId)).adminKeys[0].status).toBe('ACTIVE');

    const confirmed = await json('admin-key', 'revoke', only.id, '--confirm-loss-of-access');
    expect(confirmed.status).toBe('REVOKED');
  });

  it('reports an unknown customer, token, key or organization as NOT_FOUND', async () => {
    for (const argv of [
      ['token', 'revoke', 'nope'],
      ['token', 'issue', '--customer', 'nope'],
      ['admin-key', 'revoke', 'nope'],
      ['admin-key', 'list', '--organization', 'nope'],
      ['admin-key', 'create', '--organization', 'nope'],
    ]) {
      const res = await cli([...argv, '--json']);
      expect([argv, res.code, JSON.parse(res.err).error.code]).toEqual([argv, 1, 'NOT_FOUND']);
    }
  });

  it('refuses values the services refuse (a lifetime beyond the bounds, an email that is not one) as usage errors', async () => {
    const seed = await json('demo-seed');
    const days = await cli(['token', 'issue', '--customer', seed.customerId, '--days', '91', '--json']);
    expect(days.code).toBe(2);
    expect(JSON.parse(days.err)).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'expiresInDays must be between 1 and 90.' } });
    const keyDays = await cli(['admin-key', 'create', '--organization', seed.organizationId, '--days', '0', '--json']);
    expect(JSON.parse(keyDays.err).error).toEqual({ code: 'BAD_USER_INPUT', message: 'expiresInDays must be between 1 and 3650.' });
    const email = await cli(['organization', 'create', '--name', 'Hooli', '--support-email', 'not an email', '--json']);
    expect(email.code).toBe(2);
    expect(JSON.parse(email.err).error.code).toBe('BAD_USER_INPUT');
  });

  it('migrate applies nothing on an up-to-date database', async () => {
    expect(await json('migrate')).toEqual({ applied: [] });
  });

  it('--help prints the usage and succeeds', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    expect(res.out).toContain('admin-key revoke <id> [--confirm-loss-of-access]');
  });
});

describe('the CLI never invents a database', () => {
  const commands = [
    ['organization', 'create', '--name', 'Initech'],
    ['admin-key', 'create', '--organization', 'org_1'],
    ['admin-key', 'list', '--organization', 'org_1'],
    ['admin-key', 'revoke', 'key_1'],
    ['token', 'issue', '--customer', 'cus_1'],
    ['token', 'revoke', 'tok_1'],
    ['payments', 'reconcile'],
  ];

  /** A database URL of this run's kind naming nothing: a missing file, or a database the server does not have. */
  function missingDatabase(): { url: string; shown: string; exists(): Promise<boolean> } {
    if (testDatabase() === 'sqlite') {
      const file = join(dir, 'mistyped', 'portal.db');
      return { url: `file:${file}`, shown: `file:${file}`, exists: async () => existsSync(file) };
    }
    const name = 'portal_cli_mistyped';
    const url = Object.assign(new URL(TEST_POSTGRES_URL), { pathname: `/${name}`, password: 'hunter2' });
    if (!url.username) url.username = 'postgres';
    const shown = url.toString().replace(':hunter2@', ':***@');
    const exists = () => postgresAdmin(async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
    return { url: url.toString(), shown, exists };
  }

  it.each(commands.map((argv) => [argv.slice(0, 2).join(' '), argv] as const))('%s fails on a database that does not exist, naming its URL (password hidden), and creates none', async (_name, argv) => {
    const missing = missingDatabase();
    const res = await cli([...argv, '--json'], { DATABASE_URL: missing.url });
    expect(res.code).toBe(1);
    const { error } = JSON.parse(res.err);
    expect(error.code).toBe('DATABASE_NOT_READY');
    expect(error.message).toContain(`DATABASE_URL=${missing.shown}`);
    expect(error.message).toContain('npm run migrate');
    expect(res.err).not.toContain('hunter2');
    expect(await missing.exists()).toBe(false);
  });

  it.each(commands.map((argv) => [argv.slice(0, 2).join(' '), argv] as const))('%s fails on a database that was never migrated, and migrates nothing', async (_name, argv) => {
    const empty = await createScratchDatabase();
    try {
      if (empty.file) writeFileSync(empty.file, '');
      const res = await cli([...argv, '--json'], { DATABASE_URL: empty.url });
      expect(res.code).toBe(1);
      expect(JSON.parse(res.err).error).toEqual({ code: 'DATABASE_NOT_READY', message: `The database at DATABASE_URL=${empty.url} has never been migrated. Run \`npm run migrate\`.` });
      const db = await openDatabase(empty.url);
      try {
        await expect(db.prisma.organization.count()).rejects.toThrow();
      } finally {
        await db.close();
      }
    } finally {
      await empty.drop();
    }
  });

  it('names the migrations a database is missing', async () => {
    const behind = await createScratchDatabase();
    try {
      const { applied } = await applyMigrations(behind.url);
      const last = applied[applied.length - 1];
      const db = await openDatabase(behind.url);
      try {
        await db.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${last}'`);
      } finally {
        await db.close();
      }
      const res = await cli(['payments', 'reconcile', '--json'], { DATABASE_URL: behind.url });
      expect(JSON.parse(res.err).error).toEqual({ code: 'DATABASE_NOT_READY', message: `The database at DATABASE_URL=${behind.url} is missing 1 migration(s) (${last}). Run \`npm run migrate\`.` });
    } finally {
      await behind.drop();
    }
  });

  it('migrate is the command that creates one', async () => {
    if (testDatabase() !== 'sqlite') return; // a PostgreSQL database is created by its server's administrator
    const file = join(dir, 'new', 'portal.db');
    const res = await cli(['migrate', '--json'], { DATABASE_URL: `file:${file}` });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out).applied.length).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(true);
  });
});

describe('what is typed is checked strictly: usage errors, exit code 2, before any database is opened', () => {
  const missingFile = () => join(dir, 'never-created.db');

  it.each([
    ['--days in exponent notation', ['token', 'issue', '--customer', 'cus_1', '--days', '1e1'], /--days must be a whole number/],
    ['--days with a fraction', ['token', 'issue', '--customer', 'cus_1', '--days', '3.5'], /--days must be a whole number/],
    ['--days in hexadecimal', ['admin-key', 'create', '--organization', 'org_1', '--days', '0x10'], /--days must be a whole number/],
    ['--days with a space', ['token', 'issue', '--customer', 'cus_1', '--days', ' 7'], /--days must be a whole number/],
    ['--days empty', ['token', 'issue', '--customer', 'cus_1', '--days='], /--days must be a whole number/],
    ['--days negative', ['admin-key', 'create', '--organization', 'org_1', '--days=-1'], /--days must be a whole number/],
    ['a blank organization name', ['organization', 'create', '--name', '   '], /--name is required/],
    ['an empty organization name', ['organization', 'create', '--name='], /--name is required/],
    ['a 5,000-character organization name', ['organization', 'create', '--name', 'x'.repeat(5_000)], /--name must be 1 to 200 characters/],
    ['a 101-character key name', ['admin-key', 'create', '--organization', 'org_1', '--name', 'k'.repeat(101)], /--name must be 1 to 100 characters/],
    ['an id with a space', ['token', 'revoke', 'tok 1'], /must be an id/],
    ['an id longer than any real one', ['admin-key', 'revoke', 'k'.repeat(65)], /must be an id of 1 to 64 characters/],
    ['a stray argument after a command', ['demo-seed', 'now'], /demo-seed takes no arguments; got "now"/],
    ['a stray argument after an id', ['token', 'revoke', 'tok_1', 'tok_2'], /token revoke takes <id>; got "tok_1" "tok_2"/],
    ['a stray argument before the options', ['organization', 'create', 'Initech', '--name', 'Initech'], /organization create takes no arguments/],
    ['a missing id', ['admin-key', 'revoke'], /admin-key revoke takes <id>; got none/],
    ['a missing required option', ['token', 'issue'], /--customer is required/],
    ['an unknown command', ['frobnicate'], /Unknown command: frobnicate/],
    ['an unknown subcommand', ['admin-key', 'delete', 'key_1'], /Unknown command: admin-key delete \(admin-key takes create, list, revoke\)/],
    ['a group without a subcommand', ['token'], /Unknown command: token \(token takes issue, revoke\)/],
    ['an unknown option', ['token', 'issue', '--bogus', 'x'], /Unknown option/],
    ['an option the command does not take', ['migrate', '--days', '3'], /migrate does not take --days/],
    ['another option the command does not take', ['token', 'revoke', 'tok_1', '--confirm-loss-of-access'], /token revoke does not take --confirm-loss-of-access/],
    ['an option given twice', ['organization', 'create', '--name', 'A', '--name', 'B'], /--name is given more than once/],
  ])('refuses %s', async (_case, argv, message) => {
    const res = await cli(argv, { DATABASE_URL: `file:${missingFile()}` });
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
    expect(res.err).toContain('Usage: npm run cli');
    expect(existsSync(missingFile())).toBe(false);
  });

  it('answers a usage error with --json as a USAGE error object', async () => {
    const res = await cli(['token', 'issue', '--customer', 'cus_1', '--days', '1e1', '--json']);
    expect(res.code).toBe(2);
    expect(JSON.parse(res.err)).toEqual({ error: { code: 'USAGE', message: '--days must be a whole number of days written in digits, e.g. 7 (got "1e1")' } });
  });

  it('prints the usage with exit code 2 when no command is given', async () => {
    const res = await cli([]);
    expect(res.code).toBe(2);
    expect(res.out).toContain('Usage: npm run cli');
  });
});

it('the compiled CLI (npm run cli) exits with 2 for a usage error and 1 for a missing database, creating none', async () => {
  const file = join(dir, 'compiled', 'portal.db');
  const processEnv = { ...env, DATABASE_URL: `file:${file}` };
  const usage = await runCliProcess(['token', 'issue', '--customer', 'cus_1', '--days', '3.5'], processEnv);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--days must be a whole number');
  const missing = await runCliProcess(['token', 'revoke', 'tok_1'], processEnv);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain(`There is no database at DATABASE_URL=file:${file}`);
  expect(existsSync(file)).toBe(false);
});
