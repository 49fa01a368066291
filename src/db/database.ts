import { existsSync } from 'node:fs';
import type pg from 'pg';
import { DEFAULT_DATABASE_POOL_IDLE_SECONDS, DEFAULT_DATABASE_POOL_SIZE, redactUrl, type Config } from '../config/config';
import { providerOf, sqlitePath, type DbProvider } from './database-url';
import { APPLIED_MIGRATIONS_SQL, compareMigrationHistory, migrationsDir, readMigrationFolders, type AppliedMigrationRow } from './migration-history';
import type { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { postgresPortalReads, sqlitePortalReads, type PortalReads } from './portal-reads';
import { ConnectionLock, gateAdapter, type StatementListener } from './statement-gate';

/**
 * The Prisma client the domain layer works with. Both providers are generated from one model
 * (prisma/schema.prisma), so the SQLite client's type describes the PostgreSQL one as well.
 */
export type Db = SqliteClient;
export type { Prisma } from './generated/sqlite/client';
export type { DbProvider };
export type DbTransaction = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface Database {
  prisma: Db;
  provider: DbProvider;
  /** The hot reads (token lookup, the portal page), in plain SQL beside Prisma. */
  reads: PortalReads;
  /** Called with each SQL statement sent, and its arguments; tests and the benchmark count statements with it. */
  onStatement(listener: StatementListener): () => void;
  /** Resolves when the database answers a trivial query (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL: connections this process keeps at most (DATABASE_POOL_SIZE); SQLite has one writer connection and one reader. */
  poolSize?: number;
  /** PostgreSQL: seconds an unused connection stays open (DATABASE_POOL_IDLE_SECONDS; 0 keeps it). */
  poolIdleSeconds?: number;
}

/** The pool settings a server or a command takes from its configuration. */
export function databaseOptionsOf(config: Pick<Config, 'databasePoolSize' | 'databasePoolIdleSeconds'>): DatabaseOptions {
  return { poolSize: config.databasePoolSize, poolIdleSeconds: config.databasePoolIdleSeconds };
}

export async function openDatabase(databaseUrl: string, options: DatabaseOptions = {}): Promise<Database> {
  const provider = providerOf(databaseUrl);
  const listeners = new Set<StatementListener>();
  const listen: StatementListener = (sql, args) => {
    for (const listener of listeners) listener(sql, args);
  };

  let prisma: Db;
  let pool: pg.Pool | undefined;
  // Only the configured provider's client and driver are loaded: a SQLite server does not carry pg, nor the reverse.
  if (provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = require('@prisma/adapter-better-sqlite3') as typeof import('@prisma/adapter-better-sqlite3');
    const { PrismaClient } = require('./generated/sqlite/client') as typeof import('./generated/sqlite/client');
    // A busy timeout lets concurrent writers (several processes on one file) wait instead of failing.
    const adapter = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl), timeout: 10_000 });
    // One connection: statements and transactions must take turns on it (see gateAdapter).
    prisma = new PrismaClient({ adapter: gateAdapter(adapter, listen, new ConnectionLock()) });
  } else {
    const { PrismaPg } = require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg');
    const { PrismaClient } = require('./generated/postgresql/client') as typeof import('./generated/postgresql/client');
    // Bounded waits: with the server gone or the pool exhausted, a request fails in seconds instead of hanging.
    // One pool for Prisma and the plain reads.
    pool = new (require('pg') as typeof pg).Pool({
      connectionString: databaseUrl,
      max: options.poolSize ?? DEFAULT_DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: (options.poolIdleSeconds ?? DEFAULT_DATABASE_POOL_IDLE_SECONDS) * 1000,
    });
    // An idle connection that dies (server restart, failover) is dropped from the pool and the next query opens
    // another; without a listener its 'error' event would crash the process.
    pool.on('error', () => undefined);
    const adapter = new PrismaPg(pool);
    prisma = new PrismaClient({ adapter: gateAdapter(adapter, listen) }) as unknown as Db;
  }
  await prisma.$connect();
  if (provider === 'sqlite') {
    // WAL lets readers run while a write commits; NORMAL sync is durable across process crashes in WAL mode.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
  const reads = pool ? postgresPortalReads(pool, listen) : sqlitePortalReads(sqlitePath(databaseUrl), listen);

  return {
    prisma,
    provider,
    reads,
    onStatement(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    async close() {
      await reads.close();
      await prisma.$disconnect();
      await pool?.end();
    },
  };
}

/** The database a command needs is missing, unreachable or not migrated. The message names its URL, password hidden. */
export class DatabaseNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseNotReadyError';
  }
}

/** What a driver adapter says went wrong (`DatabaseDoesNotExist`, `TableDoesNotExist`, `DatabaseNotReachable`, …). */
function driverErrorKind(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } })?.meta;
  const kind = meta?.driverAdapterError?.cause?.kind;
  return typeof kind === 'string' ? kind : undefined;
}

/**
 * Opens a database that must already exist with exactly this version's migrations applied: every command but
 * creating and migrating one (`npm run migrate`, the demo), and a server that does not migrate at start
 * (production). Opening a SQLite file creates it, so a mistyped DATABASE_URL would otherwise answer from a new,
 * empty database as if the data were missing; and a server over a schema it does not know fails request after
 * request. The history is read from `_prisma_migrations` in plain SQL, so the schema engine is not loaded.
 */
export async function openMigratedDatabase(databaseUrl: string, options: DatabaseOptions = {}): Promise<Database> {
  const provider = providerOf(databaseUrl);
  const where = `DATABASE_URL=${redactUrl(databaseUrl)}`;
  const createIt = 'Create and migrate it with `npm run migrate` (no other command creates one).';
  if (provider === 'sqlite' && !existsSync(sqlitePath(databaseUrl))) {
    throw new DatabaseNotReadyError(`There is no database at ${where}: the file ${sqlitePath(databaseUrl)} does not exist. ${createIt}`);
  }
  const database = await openDatabase(databaseUrl, options).catch((error: unknown) => {
    throw notReadyReason(error, where, createIt) ?? error;
  });
  try {
    let rows: AppliedMigrationRow[];
    try {
      rows = await database.prisma.$queryRawUnsafe<AppliedMigrationRow[]>(APPLIED_MIGRATIONS_SQL);
    } catch (error) {
      throw notReadyReason(error, where, createIt) ?? error;
    }
    const folder = migrationsDir(provider);
    const { pending, problems } = compareMigrationHistory(readMigrationFolders(provider), rows, folder);
    if (problems.length > 0) {
      throw new DatabaseNotReadyError(
        `The migration history of the database at ${where} does not match this version's migrations:\n- ${problems.join('\n- ')}\n` +
          (pending.length ? `It is also missing ${pending.length} migration(s) of this version (${pending.join(', ')}).\n` : '') +
          'Deploy the version those migrations belong to, or repair the history; `npm run migrate` names these problems and refuses to migrate over them.',
      );
    }
    if (pending.length > 0) {
      throw new DatabaseNotReadyError(`The database at ${where} is missing ${pending.length} migration(s) (${pending.join(', ')}). Run \`npm run migrate\`.`);
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Why a database cannot be used yet, from a driver error; undefined for any other failure. */
function notReadyReason(error: unknown, where: string, createIt: string): DatabaseNotReadyError | undefined {
  const kind = driverErrorKind(error);
  if (kind === 'DatabaseDoesNotExist') return new DatabaseNotReadyError(`There is no database at ${where}. ${createIt}`);
  if (kind === 'TableDoesNotExist') return new DatabaseNotReadyError(`The database at ${where} has never been migrated. Run \`npm run migrate\`.`);
  if (kind === 'DatabaseNotReachable') return new DatabaseNotReadyError(`Cannot reach the database at ${where}.`);
  return undefined;
}
