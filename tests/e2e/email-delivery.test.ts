/**
 * The outbox's promises when things go wrong: a mail server that refuses connections or hangs costs a retry, not the
 * request and not the message; a server process killed between committing a message and sending it loses nothing
 * (the next one sends it), and one stopped with SIGTERM finishes its try and holds no claim; and two server processes on one database send each of 200 queued messages (40 on SQLite)
 * exactly once, counted by Message-ID at a real SMTP server.
 */
import { randomBytes } from 'node:crypto';
import { CustomerEmailsDocument, GenerateCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { loadConfig } from '../../src/config/config';
import { openDatabase } from '../../src/db/database';
import { EmailKind, EmailOutbox } from '../../src/email/email-outbox';
import { issuedLink, seedCustomer } from '../support/fixtures';
import { killAllServers, runCliProcess, spawnServer } from '../support/server-process';
import { linkIn, refusingPort, SmtpSink, startHangingServer } from '../support/smtp-sink';
import { createScratchDatabase, graphql, NO_RATE_LIMITS, startTestApp, testDatabase, type ScratchDatabase, type TestApp } from '../support/test-app';

/** Polls `read` until `done` holds of what it returns; fails with the last value after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a mail server that does not answer', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  async function emailALink(app: TestApp) {
    const seed = await seedCustomer(app);
    const res = await graphql(app.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId, sendEmail: true } }, { token: seed.adminApiKey });
    // The request does not wait for SMTP: the link is issued and its email queued, whatever the mail server does.
    expect(issuedLink(res.body.data!.generateCustomerPaymentToken).email).not.toBeNull();
    const emails = () => graphql(app.url, CustomerEmailsDocument, { customerId: seed.customerId }, { token: seed.adminApiKey }).then((r) => r.body.data!.customerEmails.edges.map((e) => e.node));
    return eventually(emails, ([e]) => e?.lastError !== null && e?.lastError !== undefined);
  }

  it('refusing connections: the message waits for its next try, with the reason', async () => {
    t = await startTestApp({ ...NO_RATE_LIMITS, SMTP_URL: `smtp://127.0.0.1:${await refusingPort()}`, EMAIL_SEND_POLL_MS: '50', EMAIL_RETRY_BASE_MS: '60000' });
    const [email] = await emailALink(t);
    expect(email).toMatchObject({ status: 'QUEUED', attempts: 1 });
    expect(email.lastError).toMatch(/ECONNREFUSED/);
    expect(new Date(email.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
  });

  it('hanging (accepting, never greeting): the try ends at EMAIL_SMTP_TIMEOUT_MS, and the server still stops cleanly', async () => {
    const hanging = await startHangingServer();
    try {
      t = await startTestApp({
        ...NO_RATE_LIMITS,
        SMTP_URL: `smtp://127.0.0.1:${hanging.port}`,
        EMAIL_SEND_POLL_MS: '50',
        EMAIL_SMTP_TIMEOUT_MS: '300',
        EMAIL_CLAIM_LEASE_MS: '1000',
        EMAIL_RETRY_BASE_MS: '60000',
      });
      const [email] = await emailALink(t);
      expect(email).toMatchObject({ status: 'QUEUED', attempts: 1 });
      expect(email.lastError).toMatch(/Greeting never received|timeout/i);
      expect(hanging.connections()).toBeGreaterThanOrEqual(1);
      await t.stop();
      t = undefined;
    } finally {
      await hanging.stop();
    }
  });
});

describe('server processes', () => {
  let database: ScratchDatabase;
  let sink: SmtpSink;
  const key = randomBytes(32).toString('base64');
  const baseEnv = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    STRIPE_SECRET_KEY: 'sk_test_emulator',
    STRIPE_WEBHOOK_SECRET: 'whsec_unused',
    STRIPE_API_URL: 'http://127.0.0.1:9',
    RATE_LIMIT_ADMIN_PER_MINUTE: '100000',
    EMAIL_ENCRYPTION_KEY: key,
    EMAIL_SEND_POLL_MS: '50',
  });
  let demo: { organizationId: string; customerId: string; adminApiKey: string };

  beforeAll(async () => {
    database = await createScratchDatabase();
    const seeded = await runCliProcess(['demo-seed', '--json'], baseEnv());
    expect(seeded.code).toBe(0);
    demo = JSON.parse(seeded.stdout);
  });
  beforeEach(async () => {
    sink = await SmtpSink.start();
  });
  afterEach(async () => {
    await killAllServers();
    await sink.stop();
  });
  afterAll(() => database?.drop());

  it('killed (SIGKILL) while sending a message it committed: the next server sends it, once', async () => {
    const hanging = await startHangingServer();
    let emailId = '';
    try {
      const first = await spawnServer({ ...baseEnv(), SMTP_URL: `smtp://127.0.0.1:${hanging.port}`, EMAIL_SMTP_TIMEOUT_MS: '1000', EMAIL_CLAIM_LEASE_MS: '3000' });
      const issued = await graphql(first.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: demo.customerId, sendEmail: true } }, { token: demo.adminApiKey });
      emailId = issuedLink(issued.body.data!.generateCustomerPaymentToken).email!.id;
      // Committed, claimed, and the SMTP conversation begun: the worst moment to die.
      await eventually(async () => hanging.connections(), (n) => n > 0);
      await first.kill();
    } finally {
      await hanging.stop();
    }

    // Its claim outlives it (EMAIL_CLAIM_LEASE_MS); the next server takes the message over once the lease expires.
    const db = await openDatabase(database.url);
    try {
      const queued = await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: emailId } });
      expect(queued).toMatchObject({ status: 'QUEUED', attempts: 1 });
      expect(queued.claimedUntil!.getTime()).toBeGreaterThan(Date.now());
      await spawnServer({ ...baseEnv(), SMTP_URL: sink.url });
      const mail = await sink.waitForMessage(() => true, 15_000);
      expect(mail.messageId).toBe(queued.messageId);
      expect(linkIn(mail.text)).toMatch(/^cpt_/);
      const sent = await eventually(() => db.prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } }), (row) => row.status === 'SENT');
      expect(sent.attempts).toBe(2);
      expect(sink.received).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('stopped (SIGTERM) while sending: the try in flight ends (bounded by EMAIL_SMTP_TIMEOUT_MS), the process exits 0 and holds no claim', async () => {
    const hanging = await startHangingServer();
    const db = await openDatabase(database.url);
    try {
      const server = await spawnServer({ ...baseEnv(), SMTP_URL: `smtp://127.0.0.1:${hanging.port}`, EMAIL_SMTP_TIMEOUT_MS: '1000', EMAIL_CLAIM_LEASE_MS: '60000', EMAIL_RETRY_BASE_MS: '3600000' });
      const issued = await graphql(server.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: demo.customerId, sendEmail: true } }, { token: demo.adminApiKey });
      const { email } = issuedLink(issued.body.data!.generateCustomerPaymentToken);
      await eventually(async () => hanging.connections(), (n) => n > 0);
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      // Not held for the 60 s lease: the next server may send it as soon as it is due.
      expect(await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: email!.id } })).toMatchObject({ status: 'QUEUED', claimedUntil: null, attempts: 1 });
    } finally {
      await db.close();
      await hanging.stop();
    }
  });

  // 200 on PostgreSQL, the deployment several instances are for (SKIP LOCKED claims); 40 on one SQLite file, where the
  // claims are compare-and-set on the lease.
  const burst = testDatabase() === 'postgresql' ? 200 : 40;

  it(`two processes on one database send ${burst} queued messages, each exactly once`, async () => {
    const env = { ...baseEnv(), SMTP_URL: sink.url };
    const servers = await Promise.all([spawnServer(env), spawnServer(env)]);
    expect(servers).toHaveLength(2);

    // The messages committed at once, as a burst of payments would queue their receipts.
    const config = loadConfig(env);
    const db = await openDatabase(database.url);
    try {
      const outbox = new EmailOutbox(config.email, db.provider);
      const run = randomBytes(4).toString('hex');
      await db.prisma.$transaction(async (tx) => {
        for (let i = 0; i < burst; i++) {
          await outbox.enqueue(tx, {
            organizationId: demo.organizationId,
            customerId: demo.customerId,
            kind: EmailKind.RECEIPT,
            dedupeKey: `bulk:${run}:${i}`,
            to: `customer-${i}@example.com`,
            locale: 'en-US',
            rendered: { subject: `Message ${i}`, text: `Message ${i}`, html: `<p>Message ${i}</p>` },
          });
        }
      }, { timeout: 60_000 });

      await sink.waitFor((received) => received.length >= burst, 30_000);
      const bulk = { dedupeKey: { startsWith: `bulk:${run}:` } };
      await eventually(() => db.prisma.emailMessage.count({ where: { ...bulk, status: 'SENT' } }), (n) => n === burst, 15_000);
      // Nothing more arrives once every row is SENT.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ids = sink.received.map((m) => m.messageId);
      expect(ids).toHaveLength(burst);
      expect(new Set(ids).size).toBe(burst);
      expect(new Set(sink.received.map((m) => m.to)).size).toBe(burst);
      const rows = await db.prisma.emailMessage.findMany({ where: bulk, select: { messageId: true, attempts: true, body: true } });
      expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(ids));
      expect(rows.every((r) => r.attempts === 1 && r.body === null)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
