/**
 * How many PostgreSQL connections one server keeps: at most DATABASE_POOL_SIZE, however many requests wait at once,
 * so an operator can fit every instance into the server's max_connections.
 */
import pg from 'pg';
import { PortalPageDocument } from '../graphql/generated/operations';
import { seedCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, startTestApp, testDatabase, type TestApp } from '../support/test-app';

const onPostgres = testDatabase() === 'postgresql' ? describe : describe.skip;

/**
 * 30 portal pages, close together, while another session holds a lock on the payment tokens, so every request that got a
 * connection keeps it, waiting on the lock: the server holds as many connections as its pool allows. Counted once
 * `expected` of them wait (and a moment more, for any beyond), then the lock is let go and every page must answer.
 */
async function connectionsHeldUnderLoad(t: TestApp, expected: number): Promise<number> {
  const seed = await seedCustomer(t);
  await graphql(t.url, PortalPageDocument, undefined, { token: seed.token });
  const blocker = new pg.Client({ connectionString: t.app.config.databaseUrl });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE "CustomerPaymentToken" IN ACCESS EXCLUSIVE MODE');
    // A few milliseconds apart: reads asked for in the same turn of the event loop would share one statement.
    const sent = [];
    for (let i = 0; i < 30; i++) {
      sent.push(graphql(t.url, PortalPageDocument, undefined, { token: seed.token }));
      await new Promise((r) => setTimeout(r, 5));
    }
    const pages = Promise.all(sent);
    const others = async (where = '') =>
      (await blocker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ${where}`)).rows[0].n;
    for (let waited = 0; (await others("AND wait_event_type = 'Lock'")) < expected && waited < 4000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    const held = await others();
    await blocker.query('COMMIT');
    expect((await pages).map((page) => page.body.errors)).toEqual(Array(30).fill(undefined));
    return held;
  } finally {
    await blocker.end();
  }
}

onPostgres('DATABASE_POOL_SIZE', () => {
  it('bounds the connections one server holds to its database when many requests wait at once', async () => {
    const limited = await startTestApp({ ...NO_RATE_LIMITS, DATABASE_POOL_SIZE: '3' });
    try {
      expect(await connectionsHeldUnderLoad(limited, 3)).toBe(3);
    } finally {
      await limited.stop();
    }
  });

  it('is 10 by default', async () => {
    const standard = await startTestApp(NO_RATE_LIMITS);
    try {
      expect(await connectionsHeldUnderLoad(standard, 10)).toBe(10);
    } finally {
      await standard.stop();
    }
  });
});

/** Connections open to this app's own database, other than the counting one. */
async function connectionsOpen(t: TestApp): Promise<number> {
  const counter = new pg.Client({ connectionString: t.app.config.databaseUrl });
  await counter.connect();
  try {
    return (await counter.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows[0].n;
  } finally {
    await counter.end();
  }
}

onPostgres('DATABASE_POOL_IDLE_SECONDS', () => {
  it("keeps the pool's connections through a pause longer than pg's own 10 s by default, and closes them after the time set", async () => {
    const [standard, brief] = await Promise.all([startTestApp(NO_RATE_LIMITS), startTestApp({ ...NO_RATE_LIMITS, DATABASE_POOL_IDLE_SECONDS: '1' })]);
    try {
      const busy = await Promise.all([standard, brief].map((t) => connectionsHeldUnderLoad(t, 10)));
      expect(busy).toEqual([10, 10]);
      await new Promise((r) => setTimeout(r, 11_000));
      // The brief one may have reopened one for its background work (the email outbox's poll) since.
      expect(await connectionsOpen(standard)).toBe(10);
      expect(await connectionsOpen(brief)).toBeLessThanOrEqual(1);
    } finally {
      await Promise.all([standard.stop(), brief.stop()]);
    }
  });
});
