import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { providerOf, sqlitePath, type DbProvider } from './database-url';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
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

export async function openDatabase(databaseUrl: string): Promise<Database> {
  const provider = providerOf(databaseUrl);
  const listeners = new Set<StatementListener>();
  const listen: StatementListener = (sql, args) => {
    for (const listener of listeners) listener(sql, args);
  };

  let prisma: Db;
  let pool: pg.Pool | undefined;
  if (provider === 'sqlite') {
    // A busy timeout lets concurrent writers (several processes on one file) wait instead of failing.
    const adapter = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl), timeout: 10_000 });
    // One connection: statements and transactions must take turns on it (see gateAdapter).
    prisma = new SqliteClient({ adapter: gateAdapter(adapter, listen, new ConnectionLock()) }) as unknown as Db;
  } else {
    // Bounded waits: with the server gone or the pool exhausted, a request fails in seconds instead of hanging.
    // One pool for Prisma and the plain reads.
    pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
    // An idle connection that dies (server restart, failover) is dropped from the pool and the next query opens
    // another; without a listener its 'error' event would crash the process.
    pool.on('error', () => undefined);
    const adapter = new PrismaPg(pool);
    prisma = new PostgresClient({ adapter: gateAdapter(adapter, listen) }) as unknown as Db;
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
