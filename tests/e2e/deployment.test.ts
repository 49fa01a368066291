/**
 * Safe to deploy: the compiled server as `npm start` runs it in production (NODE_ENV=production, so it does not
 * migrate at start), as real processes on one database of this run's kind.
 * - Before it listens, it compares the database's migration history with its own migrations folder, and refuses a
 *   database it was not migrated for (empty, behind, or diverged) with exit code 1 and a message naming the problem
 *   and `npm run migrate`: it never answers /ready, nor serves a request that would fail on a missing table.
 * - Two instances on one database count every use of every payment link exactly while both write usage at once,
 *   never failing a write (a deadlock or write conflict between their flushes would be logged, and retried).
 * - SIGTERM ends each with exit 0, before its deadline, even when its log collector has gone away or stopped reading.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { BalanceDocument, GenerateCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { openDatabase } from '../../src/db/database';
import { migrationsDir } from '../../src/db/migration-history';
import { killAllServers, productionEnv, runCliProcess, runServerUntilExit, spawnServer, type ServerProcess } from '../support/server-process';
import { createScratchDatabase, graphql, NO_RATE_LIMITS, postgresAdmin, type ScratchDatabase } from '../support/test-app';
import { issuedLink } from '../support/fixtures';

let migrated: ScratchDatabase;
let seed: { adminApiKey: string; customerId: string };

const production = (database: ScratchDatabase) => productionEnv(database.url, { ...NO_RATE_LIMITS, LOG_LEVEL: 'info' });

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

describe('two instances on the migrated database', () => {
  const LINKS = 6;
  const REQUESTS = 240;
  const CONCURRENCY = 12;
  let instances: ServerProcess[];
  let links: { token: string; paymentToken: { id: string } }[];
  /** Requests answered per link: what its useCount and its TOKEN_USED rows must add up to once both have stopped. */
  const answered = new Map<string, number>();

  beforeAll(async () => {
    // Usage written every 10 ms, as often as the setting allows, so that the two instances' flushes overlap all the time.
    instances = await Promise.all([0, 1].map(() => spawnServer({ ...production(migrated), TOKEN_USAGE_FLUSH_MS: '10' })));
  });

  it('start and answer ready', async () => {
    for (const server of instances) {
      const res = await fetch(`${server.url}/ready`);
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'up' } } });
    }
  });

  it('both use every one of several links at once, as fast as they answer, and neither fails a usage write', async () => {
    links = await Promise.all(
      Array.from({ length: LINKS }, async (_, i) => {
        const issued = await graphql(instances[i % 2].url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId } }, { token: seed.adminApiKey });
        return issuedLink(issued.body.data!.generateCustomerPaymentToken);
      }),
    );
    for (const link of links) answered.set(link.paymentToken.id, 0);
    // Request n uses link n % LINKS on instance (n / LINKS) % 2: both instances use every link, in turns that differ.
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

    for (const server of instances) {
      expect(server.logLines().filter((line) => (line.level as number) >= 50)).toEqual([]);
      expect(server.output()).not.toMatch(/P2034|deadlock|write conflict|SQLITE_BUSY|database is locked/i);
    }
  });

  it('SIGTERM ends each with exit 0 with its log collector gone (stdout and stderr closed: EPIPE) or stuck (stdout not read), and every use is written', async () => {
    const [stuck, gone] = instances;
    const link = links[0];

    // One collector stops reading: the pipe (64 KiB) fills many times over with request lines, then the server's own buffer.
    stuck.child.stdout!.pause();
    const long = 'x'.repeat(4000);
    for (let i = 0; i < 100; i++) expect((await fetch(`${stuck.url}/nowhere/${long}`)).status).toBe(404);
    // The other goes away: every log line the server writes from now on fails with EPIPE.
    gone.child.stdout!.destroy();
    gone.child.stderr!.destroy();
    // Both go on serving (and logging).
    for (let i = 0; i < 20; i++) {
      expect((await graphql(instances[i % 2].url, BalanceDocument, undefined, { token: link.token })).status).toBe(200);
      answered.set(link.paymentToken.id, answered.get(link.paymentToken.id)! + 1);
    }

    for (const server of instances) server.child.kill('SIGTERM');
    // Exit 0 is a stop that finished before its deadline (at the deadline it exits 1).
    expect(await Promise.all(instances.map((server) => server.exited))).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);

    const db = await openDatabase(migrated.url);
    try {
      const tokens = await db.prisma.customerPaymentToken.findMany({ where: { id: { in: [...answered.keys()] } }, select: { id: true, useCount: true, lastUsedAt: true } });
      expect(Object.fromEntries(tokens.map((token) => [token.id, token.useCount]))).toEqual(Object.fromEntries(answered));
      for (const token of tokens) expect(token.lastUsedAt).not.toBeNull();
      // The audit trail counts the same uses, in rows per instance, flush and client address.
      const audit = await db.prisma.auditLog.findMany({ where: { action: 'TOKEN_USED', targetId: { in: [...answered.keys()] } }, select: { targetId: true, details: true } });
      const audited = new Map<string, number>();
      for (const row of audit) audited.set(row.targetId!, (audited.get(row.targetId!) ?? 0) + (JSON.parse(row.details!) as { uses: number }).uses);
      expect(Object.fromEntries(audited)).toEqual(Object.fromEntries(answered));
    } finally {
      await db.close();
    }
  });
});
