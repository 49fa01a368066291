/**
 * The database layer under concurrent requests. SQLite runs on a single connection, so these pin down that one
 * request's transaction neither swallows nor exposes another request's statements. Also: which unique constraint a
 * write violated, told the same way on both databases, and opening only a database that exists and is migrated.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isUniqueViolationOf } from '../../src/db/db-errors';
import { DatabaseNotReadyError, openDatabase, openMigratedDatabase, type Database } from '../../src/db/database';
import { scriptMatchesChecksum } from '../../src/db/migration-history';
import { createMigratedDatabase, createScratchDatabase, postgresAdmin, type ScratchDatabase } from '../support/test-app';

let scratch: ScratchDatabase;
let database: Database;
let organizationId: string;

beforeAll(async () => {
  scratch = await createMigratedDatabase();
  database = await openDatabase(scratch.url);
  organizationId = (await database.prisma.organization.create({ data: { name: 'Acme' } })).id;
});
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

/**
 * Opens a transaction that creates a customer named `name`, then waits until `end` is called: it commits, or
 * fails and rolls back. Resolves once the customer row is written inside it.
 */
async function openTransaction(name: string) {
  let end!: (outcome: 'commit' | 'roll back') => void;
  const ended = new Promise<'commit' | 'roll back'>((resolve) => (end = resolve));
  let written!: () => void;
  const open = new Promise<void>((resolve) => (written = resolve));
  const done = database.prisma.$transaction(async (tx) => {
    await tx.customer.create({ data: { organizationId, name } });
    written();
    if ((await ended) === 'roll back') throw new Error('the transaction fails');
  });
  done.catch(() => undefined);
  await open;
  return { end, done };
}

/** Resolves when a statement matching `pattern` has been sent to the database. */
function sent(pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const stop = database.onStatement((sql) => {
      if (!pattern.test(sql)) return;
      stop();
      resolve();
    });
  });
}

it("keeps another request's write when a transaction rolls back while it is open", async () => {
  const db = database.prisma;
  const transaction = await openTransaction('Rolled back');
  const auditSent = sent(/INSERT INTO \S*AuditLog/);
  // Prisma's queries are lazy: then() sends it now.
  const audit = db.auditLog.create({ data: { organizationId, actorType: 'SYSTEM', action: 'SEEN', details: '{}' } }).then((row) => row);
  await auditSent;
  transaction.end('roll back');

  await expect(transaction.done).rejects.toThrow('the transaction fails');
  const row = await audit;
  expect(await db.auditLog.findUnique({ where: { id: row.id } })).not.toBeNull();
  expect(await db.customer.count({ where: { name: 'Rolled back' } })).toBe(0);
});

it("never shows another request the rows of a transaction that then rolls back", async () => {
  const db = database.prisma;
  const transaction = await openTransaction('Never committed');
  const countSent = sent(/SELECT COUNT/i);
  const seenMeanwhile = db.customer.count({ where: { name: 'Never committed' } }).then((count) => count);
  await countSent;
  transaction.end('roll back');

  await expect(transaction.done).rejects.toThrow();
  expect(await seenMeanwhile).toBe(0);
});

it("shows another request a transaction's rows once it commits", async () => {
  const db = database.prisma;
  const transaction = await openTransaction('Committed');
  transaction.end('commit');
  await transaction.done;
  expect(await db.customer.count({ where: { name: 'Committed' } })).toBe(1);
});

const onPostgres = process.env.TEST_DATABASE === 'postgresql' ? it : it.skip;
const onSqlite = process.env.TEST_DATABASE === 'postgresql' ? it.skip : it;

// On SQLite the reads asked for side by side run in one read transaction (src/db/portal-reads.ts).
onSqlite('fails only the read that failed among reads asked for side by side, and shows writes made after them', async () => {
  const customer = await database.prisma.customer.create({ data: { organizationId, name: 'Reads side by side' } });
  const [failed, methods, invoice] = await Promise.allSettled([
    // A value SQLite cannot bind: this read fails inside the batch.
    database.reads.tokenBySelector({} as never),
    database.reads.paymentMethods(customer.id),
    database.reads.oldestOpenInvoice(customer.id),
  ]);
  expect(failed.status).toBe('rejected');
  expect(methods).toEqual({ status: 'fulfilled', value: [] });
  expect(invoice).toEqual({ status: 'fulfilled', value: null });

  // Had the batch left its transaction open, these reads would still see the snapshot from before this card.
  await database.prisma.paymentMethod.create({
    data: { customerId: customer.id, providerPaymentMethodId: 'pm_side_by_side', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2040 },
  });
  const [after] = await Promise.all([database.reads.paymentMethods(customer.id), database.reads.oldestOpenInvoice(customer.id)]);
  expect(after.map((method) => method.last4)).toEqual(['4242']);
});

// Requests whose bytes arrive in the same turn of the event loop ask for their reads from separate callbacks; on SQLite
// those reads share one read transaction too.
onSqlite('gives each of several requests asking in the same turn its own rows, and fails none for another\'s failed read', async () => {
  const card = (customerId: string, last4: string) => ({ customerId, providerPaymentMethodId: `pm_turn_${last4}`, brand: 'visa', last4, expMonth: 12, expYear: 2040 });
  const [ana, ben] = await Promise.all(['Ana', 'Ben'].map((name) => database.prisma.customer.create({ data: { organizationId, name } })));
  await database.prisma.paymentMethod.createMany({ data: [card(ana.id, '1111'), card(ben.id, '2222'), card(ben.id, '3333')] });

  // Timer callbacks due together run one after another in one turn, as a turn's socket callbacks do.
  const inOwnCallback = <T>(read: () => Promise<T>) => new Promise<PromiseSettledResult<T>>((resolve) => setTimeout(() => void Promise.allSettled([read()]).then(([r]) => resolve(r)), 0));
  const [anaCards, failed, benCards, benInvoice] = await Promise.all([
    inOwnCallback(() => database.reads.paymentMethods(ana.id)),
    inOwnCallback(() => database.reads.tokenBySelector({} as never)),
    inOwnCallback(() => database.reads.paymentMethods(ben.id)),
    inOwnCallback(() => database.reads.oldestOpenInvoice(ben.id)),
  ]);
  const last4s = (result: PromiseSettledResult<Array<{ last4: string }>>) => (result.status === 'fulfilled' ? result.value.map((m) => m.last4).sort() : result.reason);
  expect(last4s(anaCards)).toEqual(['1111']);
  expect(failed.status).toBe('rejected');
  expect(last4s(benCards)).toEqual(['2222', '3333']);
  expect(benInvoice).toEqual({ status: 'fulfilled', value: null });
});

onPostgres('keeps answering after PostgreSQL ends its idle connections (a restart or failover)', async () => {
  const db = database.prisma;
  const name = new URL(scratch.url).pathname.slice(1);
  // Connections are open and idle in the pool.
  await Promise.all([database.reads.paymentMethods('nobody'), db.organization.count()]);
  const ended = await postgresAdmin((client) =>
    client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]),
  );
  expect(ended.rowCount).toBeGreaterThan(0);
  await new Promise((resolve) => setTimeout(resolve, 100));

  expect(await database.reads.paymentMethods('nobody')).toEqual([]);
  expect(await db.organization.count()).toBeGreaterThan(0);
});

describe('isUniqueViolationOf', () => {
  it('names the constraint a write violated, on either database', async () => {
    const db = database.prisma;
    const customer = await db.customer.create({ data: { organizationId, name: 'Unique' } });
    const invoice = { organizationId, customerId: customer.id, number: 'UNIQ-1', currency: 'usd', total: 100, dueAt: new Date() };
    await db.invoice.create({ data: invoice });
    const error = await db.invoice.create({ data: invoice }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUniqueViolationOf(error, 'Invoice', ['organizationId', 'number'])).toBe(true);
    expect(isUniqueViolationOf(error, 'Invoice', ['organizationId'])).toBe(false);
    expect(isUniqueViolationOf(error, 'AdminApiKey', ['selector'])).toBe(false);

    const key = { organizationId, name: 'k', selector: 'same-selector', verifierHash: 'x' };
    await db.adminApiKey.create({ data: key });
    const keyError = await db.adminApiKey.create({ data: key }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUniqueViolationOf(keyError, 'AdminApiKey', ['selector'])).toBe(true);
    expect(isUniqueViolationOf(keyError, 'Invoice', ['organizationId', 'number'])).toBe(false);
    expect(isUniqueViolationOf(new Error('other'), 'Invoice', ['organizationId', 'number'])).toBe(false);
  });
});

describe('openMigratedDatabase', () => {
  it('opens a database that has every migration', async () => {
    const opened = await openMigratedDatabase(scratch.url);
    try {
      expect(await opened.prisma.organization.count()).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });

  /** Opens the scratch database with one change made to its history, put back afterwards. */
  async function openWithHistory(change: string, undo: string) {
    await database.prisma.$executeRawUnsafe(change);
    try {
      return await openMigratedDatabase(scratch.url).then(async (opened) => {
        await opened.close();
        return 'opened';
      });
    } finally {
      await database.prisma.$executeRawUnsafe(undo);
    }
  }

  it('refuses a database whose applied migration was edited since (its checksum differs), naming it', async () => {
    const { migration_name: name, checksum } = (await database.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      'SELECT "migration_name", "checksum" FROM "_prisma_migrations" ORDER BY "migration_name" LIMIT 1',
    ))[0];
    const edited = openWithHistory(
      `UPDATE "_prisma_migrations" SET "checksum" = '${'ab'.repeat(32)}' WHERE "migration_name" = '${name}'`,
      `UPDATE "_prisma_migrations" SET "checksum" = '${checksum}' WHERE "migration_name" = '${name}'`,
    );
    await expect(edited).rejects.toThrow(DatabaseNotReadyError);
    await expect(edited).rejects.toThrow(`migration ${name} was edited after it was applied (its checksum no longer matches)`);
  });

  it('refuses a database with a migration that started and never finished', async () => {
    const unfinished = openWithHistory(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES ('half-done', 'x', '20990101000000_half_done', CURRENT_TIMESTAMP, 0)`,
      `DELETE FROM "_prisma_migrations" WHERE "id" = 'half-done'`,
    );
    await expect(unfinished).rejects.toThrow('migration 20990101000000_half_done started but never finished');
  });

  it('takes a migration rolled back and applied again as applied', async () => {
    const opened = openWithHistory(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "rolled_back_at", "applied_steps_count")
       SELECT 'rolled-back', 'x', "migration_name", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0 FROM "_prisma_migrations" ORDER BY "migration_name" LIMIT 1`,
      `DELETE FROM "_prisma_migrations" WHERE "id" = 'rolled-back'`,
    );
    await expect(opened).resolves.toBe('opened');
  });

  it('matches checksums as Prisma does: SHA-256 of the script, whichever line endings git left, and the unpadded hex of early engines', () => {
    const script = '-- CreateTable\nCREATE TABLE "A" ("id" TEXT);\n';
    const hex = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(scriptMatchesChecksum(script, hex(script))).toBe(true);
    expect(scriptMatchesChecksum(script.replace(/\n/g, '\r\n'), hex(script))).toBe(true);
    expect(scriptMatchesChecksum(script, hex(script.replace(/\n/g, '\r\n')))).toBe(true);
    const unpadded = [...createHash('sha256').update(script).digest()].map((byte) => byte.toString(16)).join('');
    expect(unpadded.length).toBeLessThan(64); // this script's digest has bytes below 0x10
    expect(scriptMatchesChecksum(script, unpadded)).toBe(true);
    expect(scriptMatchesChecksum(`${script} `, hex(script))).toBe(false);
    expect(scriptMatchesChecksum(script, '')).toBe(false);
  });

  it('refuses a database that does not exist, and creates none', async () => {
    const missing = await createScratchDatabase();
    await missing.drop();
    await expect(openMigratedDatabase(missing.url)).rejects.toThrow(DatabaseNotReadyError);
    await expect(openMigratedDatabase(missing.url)).rejects.toThrow(/^There is no database at DATABASE_URL=/);
    if (missing.file) expect(existsSync(missing.file)).toBe(false);
  });
});
