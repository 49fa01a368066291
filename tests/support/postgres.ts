import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL server on which tests may create and drop scratch databases. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/test';

/** Runs one statement on the PostgreSQL server as its admin (for CREATE and DROP DATABASE). */
export async function postgresAdmin<T>(run: (client: pg.Client) => Promise<T>, connectionString = TEST_POSTGRES_URL): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A new PostgreSQL database on the test server, empty or a copy of `template` (a database name); `drop` removes it
 * even while connections are open.
 */
export async function createScratchPostgresDatabase(prefix = 'portal_test', template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(8).toString('hex')}`;
  await postgresAdmin((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  const url = Object.assign(new URL(TEST_POSTGRES_URL), { pathname: `/${name}` }).toString();
  return { url, drop: () => postgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}
