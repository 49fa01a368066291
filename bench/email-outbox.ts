/**
 * The email outbox (issue 10), a section of its own in the benchmark report:
 * - throughput: messages per second from the outbox to a local SMTP server (the `smtp-server` package, receiving over
 *   TCP in this process), by one sender (SEND_CONCURRENCY pooled connections), for a burst queued at once;
 * - what emailing a link adds to `generateCustomerPaymentToken`: the same mutation over HTTP with and without
 *   `sendEmail: true`, interleaved, on a server whose sender runs beside it (the send is not on the request's path:
 *   the request queues the message in its transaction and returns).
 * Runs on SQLite, and on PostgreSQL when a database is given. `node dist/bench-build/bench/email-outbox.js` runs it alone
 * (after `tsc -p bench/tsconfig.json`) and prints its table.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo, Server } from 'node:net';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config/config';
import { EmailKind } from '../src/email/email-outbox';
import { operatorPrincipal } from '../src/domain/principal';
import { median } from './stats';

export interface EmailOutboxResult {
  provider: 'sqlite' | 'postgresql';
  messages: number;
  seconds: number;
  perSecond: number;
  /** generateCustomerPaymentToken, ms: median and 90th percentile of `requests` each. */
  withoutEmail: { median: number; p90: number };
  withEmail: { median: number; p90: number };
  requests: number;
}

const MESSAGES = Number(process.env.BENCH_EMAIL_MESSAGES ?? 500);
const REQUESTS = Number(process.env.BENCH_EMAIL_REQUESTS ?? 40);

async function startSink(): Promise<{ port: number; received: () => number; stop(): Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return { port, received: () => received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** One database: a server with its sender, a burst of `MESSAGES` queued at once, then the mutation timed both ways. */
export async function measureEmailOutbox(provider: 'sqlite' | 'postgresql', postgresUrl?: string): Promise<EmailOutboxResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-email-'));
  const databaseUrl = provider === 'sqlite' ? `file:${join(dir, 'bench.db')}` : postgresUrl!;
  const sink = await startSink();
  const app = await startApp(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'silent',
      MIGRATE_ON_START: 'true',
      SEED_DEMO_DATA: 'false',
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_WEBHOOK_SECRET: 'whsec_bench',
      STRIPE_API_URL: 'http://127.0.0.1:9',
      RATE_LIMIT_ADMIN_PER_MINUTE: '100000',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      EMAIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      EMAIL_SEND_POLL_MS: '20',
    }),
  );
  try {
    const { services, database } = app;
    const organization = await services.organizations.createOrganization('Bench Billing', { supportEmail: 'help@bench.test' });
    const operator = operatorPrincipal(organization.id);
    const { secret: adminKey } = await services.organizations.createAdminKey(operator, 'bench');
    const customer = await services.billing.createCustomer(operator, { name: 'Bench Customer', email: 'customer@bench.test', currency: 'usd' }, null);
    await services.billing.createInvoice(operator, { customerId: customer.id, lineItems: [{ description: 'Work', quantity: 1, unitAmount: 12_000 }] }, null);

    // Throughput: a burst committed at once, sent by the server's own sender.
    await app.email.sender!.stop();
    const run = randomBytes(4).toString('hex');
    await database.prisma.$transaction(async (tx) => {
      for (let i = 0; i < MESSAGES; i++) {
        const rendered = { subject: `Receipt ${i}`, text: `Payment ${i} received.`.repeat(20), html: `<p>Payment ${i} received.</p>`.repeat(20) };
        await services.emailOutbox.enqueue(tx, { organizationId: organization.id, customerId: customer.id, kind: EmailKind.RECEIPT, dedupeKey: `bench:${run}:${i}`, to: `c${i}@bench.test`, locale: 'en-US', rendered });
      }
    }, { timeout: 120_000 });
    const started = process.hrtime.bigint();
    app.email.sender!.start();
    while ((await database.prisma.emailMessage.count({ where: { status: 'SENT', dedupeKey: { startsWith: `bench:${run}:` } } })) < MESSAGES) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (sink.received() < MESSAGES) throw new Error(`the sink received ${sink.received()} of ${MESSAGES}`);

    // The mutation, with and without the email, interleaved.
    const mutation = `mutation($input: GenerateCustomerPaymentTokenInput!) { generateCustomerPaymentToken(input: $input) { __typename ... on GeneratedPaymentToken { token } } }`;
    const time = async (sendEmail: boolean) => {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ query: mutation, variables: { input: { customerId: customer.id, sendEmail } } }),
      });
      const body = (await res.json()) as { data?: { generateCustomerPaymentToken?: { __typename: string } } };
      if (body.data?.generateCustomerPaymentToken?.__typename !== 'GeneratedPaymentToken') throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    for (let i = 0; i < 5; i++) await time(i % 2 === 0); // warm-up
    const withEmail: number[] = [];
    const withoutEmail: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      withoutEmail.push(await time(false));
      withEmail.push(await time(true));
    }
    const summary = (values: number[]) => ({ median: median(values), p90: percentile(values, 0.9) });
    return { provider, messages: MESSAGES, seconds, perSecond: MESSAGES / seconds, withoutEmail: summary(withoutEmail), withEmail: summary(withEmail), requests: REQUESTS };
  } finally {
    await app.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report's section. */
export function renderEmailOutboxSection(results: EmailOutboxResult[]): string {
  const f1 = (n: number) => n.toFixed(1);
  return [
    '## Email outbox (issue 10)',
    '',
    `A burst of queued messages (${results[0]?.messages ?? MESSAGES}, ~1.5 KB each) sent by one server's sender to a local SMTP server ` +
      '(`smtp-server`, over TCP, in the benchmark process), and `generateCustomerPaymentToken` over HTTP with and without ' +
      `\`sendEmail: true\` (${results[0]?.requests ?? REQUESTS} requests each, interleaved, after a warm-up; argon2 hashing of the new token dominates both).`,
    '',
    '| Database | Outbox throughput | Link without email (median / p90) | Link with email (median / p90) | Added by the email (median) |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${f1(r.perSecond)} messages/s (${r.messages} in ${f1(r.seconds)} s) | ` +
        `${f1(r.withoutEmail.median)} / ${f1(r.withoutEmail.p90)} ms | ${f1(r.withEmail.median)} / ${f1(r.withEmail.p90)} ms | ${f1(r.withEmail.median - r.withoutEmail.median)} ms |`,
    ),
    '',
  ].join('\n');
}

if (require.main === module) {
  (async () => {
    const results = [await measureEmailOutbox('sqlite')];
    const pgUrl = process.env.BENCH_EMAIL_POSTGRES_URL;
    if (pgUrl) results.push(await measureEmailOutbox('postgresql', pgUrl));
    process.stdout.write(renderEmailOutboxSection(results) + '\n');
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
