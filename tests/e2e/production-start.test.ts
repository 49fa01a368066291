/**
 * Safe to deploy: the compiled server as `npm start` runs it in production (NODE_ENV=production, so it does not
 * migrate at start). Before it listens, it compares the database's migration history with its own migrations
 * folder, and refuses a database it was not migrated for (none, behind, or diverged) with exit code 1 and a
 * message naming the problem and `npm run migrate`: it never answers /ready, nor serves a request that would fail
 * on a missing table. SIGTERM ends it, exit 0, even when its log collector has gone away or stopped reading.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { BalanceDocument, GenerateCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { openDatabase } from '../../src/db/database';
import { migrationsDir } from '../../src/db/migration-history';
import { killAllServers, runCliProcess, runServerUntilExit, spawnServer, type ServerProcess } from '../support/server-process';
import { createScratchDatabase, graphql, NO_RATE_LIMITS, postgresAdmin, type ScratchDatabase } from '../support/test-app';

let migrated: ScratchDatabase;
let seed: { adminApiKey: string; customerId: string };

const production = (database: ScratchDatabase) => ({
  ...NO_RATE_LIMITS,
  NODE_ENV: 'production',
  DATABASE_URL: database.url,
  LOG_LEVEL: 'info',
  STRIPE_SECRET_KEY: 'sk_test_unused',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_unused',
  STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(8).toString('hex')}`,
  // Usage is written at shutdown only, so the tests below see what a stop writes.
  TOKEN_USAGE_FLUSH_MS: '60000',
});

beforeAll(async () => {
  migrated = await createScratchDatabase();
  // demo-seed creates and migrates the database, as `npm run migrate` would, and gives an admin key.
  const seeded = await runCliProcess(['demo-seed', '--json'], production(migrated));
  expect(seeded.code).toBe(0);
  seed = JSON.parse(seeded.stdout);
});
afterAll(async () => {
  await killAllServers();
  await migrated?.drop();
});

/** Runs SQL on a scratch database of either kind, as an operator's client would. */
async function runSql(database: ScratchDatabase, sql: string): Promise<void> {
  if (database.provider === 'postgresql') {
    await postgresAdmin((client) => client.query(sql), database.url);
    return;
  }
  const db = new Sqlite(database.file!);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Runs the production server with `_prisma_migrations` changed by `change`, put back by `undo` afterwards. */
async function startWithHistory(change: string, undo: string) {
  await runSql(migrated, change);
  try {
    return await runServerUntilExit(production(migrated));
  } finally {
    await runSql(migrated, undo);
  }
}

function expectRefusal(run: { code: number | null; stdout: string; stderr: string }, ...problem: string[]) {
  expect(run.code).toBe(1);
  expect(run.stdout).not.toContain('listening');
  expect(run.stderr).toContain('Not starting:');
  for (const words of problem) expect(run.stderr).toContain(words);
  expect(run.stderr).toContain('`npm run migrate`');
}

describe('a production server refuses, before it listens, a database it was not migrated for', () => {
  const newest = () =>
    readdirSync(migrationsDir(migrated.provider), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .at(-1)!;

  it('an empty database, with no schema at all', async () => {
    const empty = await createScratchDatabase();
    try {
      if (empty.file) writeFileSync(empty.file, '');
      expectRefusal(await runServerUntilExit(production(empty)), 'has never been migrated. Run `npm run migrate`.');
    } finally {
      await empty.drop();
    }
  });

  it('a database missing the newest migration (deployed without `npm run migrate`), naming it', async () => {
    const name = newest();
    // Rolled back is how Prisma's history says a migration is not applied (what `prisma migrate resolve` writes).
    const run = await startWithHistory(
      `UPDATE "_prisma_migrations" SET "rolled_back_at" = CURRENT_TIMESTAMP WHERE "migration_name" = '${name}'`,
      `UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "migration_name" = '${name}'`,
    );
    expectRefusal(run, `is missing 1 migration(s) (${name})`);
  });

  it('a database with an applied migration this version does not have (a newer version, or another branch), naming it', async () => {
    const run = await startWithHistory(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count")
       VALUES ('from-elsewhere', '${'0'.repeat(64)}', '20990101000000_from_another_branch', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)`,
      `DELETE FROM "_prisma_migrations" WHERE "id" = 'from-elsewhere'`,
    );
    expectRefusal(run, 'migration 20990101000000_from_another_branch was applied to the database but is not in', "does not match this version's migrations");
  });
});

/** A new payment link of the seeded customer, issued through the server. */
async function issueLink(server: ServerProcess) {
  const issued = await graphql(server.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId } }, { token: seed.adminApiKey });
  return issued.body.data!.generateCustomerPaymentToken;
}

async function useCountOf(tokenId: string): Promise<number> {
  const db = await openDatabase(migrated.url);
  try {
    return (await db.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: tokenId } })).useCount;
  } finally {
    await db.close();
  }
}

describe('on a migrated database', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer(production(migrated));
  });

  it('starts and answers ready', async () => {
    const res = await fetch(`${server.url}/ready`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'up' } } });
  });

  it('SIGTERM ends it with exit 0 when its log collector is gone (stdout and stderr closed: every log write fails with EPIPE), and its usage is still written', async () => {
    const link = await issueLink(server);
    expect((await graphql(server.url, BalanceDocument, undefined, { token: link.token })).status).toBe(200);
    server.child.stdout!.destroy();
    server.child.stderr!.destroy();
    // It goes on serving, and logging each request into pipes nobody reads from any more.
    for (let i = 0; i < 20; i++) expect((await graphql(server.url, BalanceDocument, undefined, { token: link.token })).status).toBe(200);

    server.child.kill('SIGTERM');
    // Exit 0 is a stop that finished before its deadline (at the deadline it exits 1).
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await useCountOf(link.paymentToken.id)).toBe(21);
  });

  it('SIGTERM ends it with exit 0 when its log collector stopped reading (stdout full)', async () => {
    const stuck = await spawnServer(production(migrated));
    const link = await issueLink(stuck);
    stuck.child.stdout!.pause();
    // Each request logs its path: these fill the pipe (64 KiB) many times over, and then the server's own buffer.
    const long = 'x'.repeat(4000);
    for (let i = 0; i < 100; i++) expect((await fetch(`${stuck.url}/nowhere/${long}`)).status).toBe(404);
    expect((await graphql(stuck.url, BalanceDocument, undefined, { token: link.token })).status).toBe(200);

    stuck.child.kill('SIGTERM');
    expect(await stuck.exited).toEqual({ code: 0, signal: null });
    expect(await useCountOf(link.paymentToken.id)).toBe(1);
  });
});
