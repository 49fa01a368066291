/**
 * Reminders (issue 10, message 4): one per emailed link about to expire unpaid, carrying a new link (the old one keeps
 * working), sent once however often the scheduler runs and however many instances run it. Real server, real SMTP
 * server over TCP, both databases; and two server processes on one PostgreSQL database in the PostgreSQL pass.
 */
import { randomBytes } from 'node:crypto';
import { operatorPrincipal } from '../../src/domain/principal';
import { BalanceDocument, CreateCustomerDocument, CreateInvoiceDocument, InvoiceDocument, RevokeCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { markInvoicePaid, seedCustomer, voidInvoice, type SeededCustomer } from '../support/fixtures';
import { killAllServers, runCliProcess, spawnServer, type ServerProcess } from '../support/server-process';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createScratchDatabase, graphql, NO_RATE_LIMITS, startTestApp, testDatabase, type ScratchDatabase, type TestApp } from '../support/test-app';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';

const HOUR_MS = 3_600_000;

const ISSUE_EMAILED_LINK = `mutation ($input: GenerateCustomerPaymentTokenInput!) { generateCustomerPaymentToken(input: $input) { __typename } }`;

let t: TestApp;
let smtp: SmtpSink;
let seed: SeededCustomer;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // The scheduler runs often here; the tests also run it themselves, to know it has run.
  t = await startTestApp({ ...NO_RATE_LIMITS, SMTP_URL: smtp.url, EMAIL_REMINDER_INTERVAL_MS: '200', EMAIL_SEND_POLL_MS: '50', EMAIL_REMINDER_DAYS_BEFORE_EXPIRY: '2' });
  seed = await seedCustomer(t);
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

/** A customer with an address of their own, an open invoice of $123.45, and that invoice's number. */
async function customer(locale: string | null = null) {
  const operator = operatorPrincipal(seed.organizationId);
  const email = `${randomBytes(6).toString('hex')}@example.com`;
  const created = await t.app.services.billing.createCustomer(operator, { name: 'Grace Hopper', email, currency: 'usd', locale }, null);
  const invoice = await t.app.services.billing.createInvoice(operator, { customerId: created.id, lineItems: [{ description: 'Compiler', quantity: 1, unitAmount: 12_345 }] }, null);
  return { customerId: created.id, email, invoice };
}

/** A link emailed to the customer (as generateCustomerPaymentToken with sendEmail does), expiring in 5 days: not reminded yet. */
async function emailedLink(c: { customerId: string }, invoiceId: string | null, options: { sendEmail?: boolean } = {}) {
  const outcome = await t.app.services.tokens.issueLink(
    operatorPrincipal(seed.organizationId),
    { customerId: c.customerId, invoiceId, expiresInDays: 5, sendEmail: options.sendEmail ?? true },
    null,
  );
  if (outcome.kind !== 'issued') throw new Error(`expected a link, got ${outcome.code}`);
  return { token: outcome.token, tokenId: outcome.paymentToken.id };
}

/** Time passes: the link now expires in `hours`. */
async function expiresIn(tokenId: string, hours: number) {
  await t.app.database.prisma.customerPaymentToken.update({ where: { id: tokenId }, data: { expiresAt: new Date(Date.now() + hours * HOUR_MS) } });
}

const reminders = (customerId: string) => t.app.database.prisma.emailMessage.findMany({ where: { customerId, kind: 'REMINDER' } });
const reissuedFrom = (tokenId: string) => t.app.database.prisma.customerPaymentToken.findMany({ where: { reissuedFromId: tokenId } });
const runReminders = () => t.app.services.reminders.runOnce();

describe('an emailed link about to expire unpaid', () => {
  it('gets one reminder, with a new link to the same invoice; the old link keeps working', async () => {
    const c = await customer();
    const link = await emailedLink(c, c.invoice.id);
    await expiresIn(link.tokenId, 36);

    // The server's own scheduler sends it.
    const mail = await smtp.waitForMessage((m) => m.to === c.email && m.subject.startsWith('Reminder'));
    expect(mail.subject).toBe(`Reminder: invoice ${c.invoice.number} from Demo Organization is still unpaid`);
    expect(mail.text).toContain('$123.45');
    expect(mail.html).not.toMatch(/<img/i);
    const token = linkIn(mail.text);
    expect(token).not.toBe(link.token);
    const opened = await graphql(t.url, InvoiceDocument, {}, { token });
    expect(opened.body.data?.invoice).toMatchObject({ id: c.invoice.id, number: c.invoice.number });
    expect((await graphql(t.url, BalanceDocument, undefined, { token: link.token })).body.errors).toBeUndefined();

    // However often it runs again, and even twice at once, nothing more.
    await Promise.all([runReminders(), runReminders()]);
    await runReminders();
    expect(await reminders(c.customerId)).toEqual([expect.objectContaining({ dedupeKey: `reminder:${link.tokenId}`, recipient: c.email })]);
    const [issued] = await reissuedFrom(link.tokenId);
    expect(await reissuedFrom(link.tokenId)).toHaveLength(1);
    expect(issued.emailedAt).not.toBeNull();
    expect(t.logs()).not.toContain(token.slice(-43));
    await smtp.waitForMessage((m) => m.to === c.email && m.subject.startsWith('Reminder'));
    expect(smtp.messages().filter((m) => m.to === c.email && m.subject.startsWith('Reminder'))).toHaveLength(1);
  });

  it('in the customer’s language', async () => {
    const c = await customer('fr-CA');
    const link = await emailedLink(c, c.invoice.id);
    await expiresIn(link.tokenId, 36);
    await runReminders();
    const mail = await smtp.waitForMessage((m) => m.to === c.email && m.subject.startsWith('Rappel'));
    expect(mail.subject).toBe(`Rappel : la facture ${c.invoice.number} de Demo Organization reste à payer`);
    expect(mail.text).toMatch(/Montant dû\s?: 123,45\s\$\sUS/);
  });

  it('is not reminded about again through the link its reminder carried', async () => {
    const c = await customer();
    const link = await emailedLink(c, c.invoice.id);
    await expiresIn(link.tokenId, 36);
    await runReminders();
    const [issued] = await reissuedFrom(link.tokenId);
    // Days pass: the reminder's link nears its own expiry, still unpaid.
    await expiresIn(issued.id, 24);
    await runReminders();
    expect(await reminders(c.customerId)).toHaveLength(1);
    expect(await reissuedFrom(issued.id)).toEqual([]);
  });

  it('two runs at once queue one reminder and leave no token behind', async () => {
    const c = await customer();
    const link = await emailedLink(c, c.invoice.id);
    await expiresIn(link.tokenId, 36);
    await Promise.all([runReminders(), runReminders(), runReminders()]);
    expect(await reminders(c.customerId)).toHaveLength(1);
    expect(await reissuedFrom(link.tokenId)).toHaveLength(1);
  });

  it('an account-wide link is reminded while the customer owes something', async () => {
    const c = await customer();
    const link = await emailedLink(c, null);
    await expiresIn(link.tokenId, 36);
    await runReminders();
    const mail = await smtp.waitForMessage((m) => m.to === c.email && m.subject.startsWith('Reminder'));
    expect(mail.subject).toBe('Reminder: your balance with Demo Organization');
    expect(mail.text).toContain('$123.45');
  });
});

describe('no reminder', () => {
  it.each([
    ['when the invoice was paid', 'paid'],
    ['when the invoice was voided', 'void'],
    ['for an account-wide link once everything is paid', 'account paid'],
    ['for a revoked link', 'revoked'],
    ['for a link that was never emailed', 'not emailed'],
    ['for a link that expires later than 2 days from now', 'later'],
    ['for a link that has expired', 'expired'],
  ])('%s', async (_name, kind) => {
    const c = await customer();
    const link = await emailedLink(c, kind === 'account paid' ? null : c.invoice.id, { sendEmail: kind !== 'not emailed' });
    if (kind === 'paid' || kind === 'account paid') await markInvoicePaid(t, c.invoice.id);
    if (kind === 'void') await voidInvoice(t, c.invoice.id);
    if (kind === 'revoked') await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: link.tokenId }, { token: seed.adminApiKey });
    await expiresIn(link.tokenId, kind === 'later' ? 72 : kind === 'expired' ? -1 : 36);

    await runReminders();
    expect(await reminders(c.customerId)).toEqual([]);
    expect(await reissuedFrom(link.tokenId)).toEqual([]);
  });
});

const describeOnPostgres = testDatabase() === 'postgresql' ? describe : describe.skip;

describeOnPostgres('two server processes on one PostgreSQL database (PostgreSQL pass only)', () => {
  let database: ScratchDatabase;
  let stripe: StripeEmulator;
  let sink: SmtpSink;
  let instances: ServerProcess[];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createScratchDatabase();
    stripe = await startStripeEmulator({ apiKey: 'sk_test_emulator' });
    sink = await startSmtpSink();
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'false',
      SEED_DEMO_DATA: 'false',
      SMTP_URL: sink.url,
      EMAIL_REMINDER_INTERVAL_MS: '100',
      EMAIL_SEND_POLL_MS: '50',
      STRIPE_SECRET_KEY: 'sk_test_emulator',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_emulator',
      STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
      STRIPE_API_URL: stripe.url,
    };
    expect((await runCliProcess(['migrate'], env)).code).toBe(0);
    instances = await Promise.all([spawnServer(env), spawnServer(env)]);
  });
  afterAll(async () => {
    await killAllServers();
    await sink?.stop();
    await stripe?.stop();
    await database?.drop();
  });

  /** Emailed links expiring in a day, each for a customer of its own, through the admin API of either instance. */
  async function emailedLinks(adminKey: string, count: number, offset: number): Promise<string[]> {
    const emails: string[] = [];
    for (let i = offset; i < offset + count; i++) {
      const api = instances[i % 2].url;
      const email = `multi-${i}-${randomBytes(4).toString('hex')}@example.com`;
      const customer = (await graphql(api, CreateCustomerDocument, { input: { name: `Customer ${i}`, email } }, { token: adminKey })).body.data!.createCustomer;
      const invoice = (await graphql(api, CreateInvoiceDocument, { input: { customerId: customer.id, lineItems: [{ description: 'Plan', quantity: 1, unitAmount: 4_990 }] } }, { token: adminKey }))
        .body.data!.createInvoice;
      const issued = await graphql(api, ISSUE_EMAILED_LINK, { input: { customerId: customer.id, invoiceId: invoice.id, expiresInDays: 1, sendEmail: true } }, { token: adminKey });
      expect(issued.body.data).toEqual({ generateCustomerPaymentToken: { __typename: 'GeneratedPaymentToken' } });
      emails.push(email);
    }
    return emails;
  }

  it('each reminder goes out once, whichever instance runs first, and both stop cleanly on SIGTERM', async () => {
    const seeded = await runCliProcess(['demo-seed', '--json'], env);
    expect(seeded.code).toBe(0);
    const adminKey = (JSON.parse(seeded.stdout) as { adminApiKey: string }).adminApiKey;
    const remindersTo = (email: string) => sink.messages().filter((m) => m.to === email && m.subject.startsWith('Reminder'));

    const customers = await emailedLinks(adminKey, 4, 0);
    for (const email of customers) await sink.waitFor(() => remindersTo(email).length > 0, 15_000);
    // A later link's reminder arriving shows that both schedulers have run again since.
    const [later] = await emailedLinks(adminKey, 1, 4);
    await sink.waitFor(() => remindersTo(later).length > 0, 15_000);
    for (const email of customers) expect(remindersTo(email)).toHaveLength(1);

    for (const instance of instances) instance.child.kill('SIGTERM');
    for (const instance of instances) expect(await instance.exited).toEqual({ code: 0, signal: null });
  });
});
