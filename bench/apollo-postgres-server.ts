import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import pg from 'pg';
import { DEFAULT_DATABASE_POOL_IDLE_SECONDS, DEFAULT_DATABASE_POOL_SIZE } from '../src/config/config';
import { rootResolvers, type PortalPageData, type RunningServer } from './in-memory-servers';
import { schemaSdl } from './portal-page';

/** A statement as C sent it to PostgreSQL for one portal page (captured with `database.onStatement`). */
export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

/**
 * B + PostgreSQL: B, with the database round trips C makes per page. Before answering, each request runs the very
 * statements C sent for one page (with their parameters) on C's seeded database, through a pg pool sized and kept as
 * C's, as named (server-side prepared) statements read as arrays, as C's reads are; then it serves the same in-memory
 * data. It shows what bare Apollo Server reaches on this machine when each page waits on PostgreSQL as C's does, the
 * database's backends sharing the cores with it.
 */
export async function startApolloPostgresServer(data: PortalPageData, postgresUrl: string, statements: CapturedStatement[]): Promise<RunningServer> {
  const pool = new pg.Pool({ connectionString: postgresUrl, max: DEFAULT_DATABASE_POOL_SIZE, idleTimeoutMillis: DEFAULT_DATABASE_POOL_IDLE_SECONDS * 1000 });
  const roundTrips = async () => {
    for (const [i, { sql, params }] of statements.entries()) await pool.query({ name: `b_pg_${i}`, text: sql, values: params, rowMode: 'array' });
  };
  const waited = new WeakMap<object, Promise<void>>();
  // Every root field waits for the request's one set of round trips, started when its first field resolves.
  const after = (read: () => unknown) => async (_parent: unknown, _args: unknown, context: object) => {
    let done = waited.get(context);
    if (!done) waited.set(context, (done = roundTrips()));
    await done;
    return read();
  };
  const root = rootResolvers(data);
  const resolvers = Object.fromEntries(Object.entries(root).map(([field, read]) => [field, after(read)]));
  const apollo = new ApolloServer({ typeDefs: schemaSdl(), resolvers: { Query: resolvers } });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' }, context: async () => ({}) });
  return {
    url: url.replace(/\/$/, ''),
    close: async () => {
      await apollo.stop();
      await pool.end();
    },
  };
}
