/**
 * Transactional email, end to end: the server over HTTP sends through nodemailer over real SMTP (TCP) to a local SMTP
 * server (tests/support/smtp-sink.ts), and each message is read as its recipient would read it: the link it carries
 * opens the right invoice, the receipt's amount and card are the payment's. Faults of the mail server (a recipient
 * refused for good, a server deferring) fail or delay that message only, visibly to admins.
 */
import { randomBytes } from 'node:crypto';
import {
  ConfirmPaymentDocument,
  CreatePaymentIntentDocument,
  CustomerEmailsDocument,
  GenerateCustomerPaymentTokenDocument,
  InvoiceDocument,
  RefundPaymentDocument,
  RetryEmailDocument,
} from '../graphql/generated/operations';
import { runCli } from '../../src/cli/main';
import { DEMO_SUPPORT_EMAIL } from '../../src/dev/demo-seed';
import { operatorPrincipal } from '../../src/domain/principal';
import { parseSecret } from '../../src/domain/secret-token';
import { issuedLink, issueToken, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { linkIn, SmtpSink, type ReceivedEmail } from '../support/smtp-sink';
import { cliEnvOf, graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

const EMAIL_ENCRYPTION_KEY = randomBytes(32).toString('base64');

let sink: SmtpSink;
let t: TestApp;
let seed: SeededCustomer;

beforeAll(async () => {
  sink = await SmtpSink.start();
  t = await startTestApp({
    ...NO_RATE_LIMITS,
    SMTP_URL: sink.url,
    EMAIL_FROM: 'Acme Billing <billing@acme.test>',
    EMAIL_ENCRYPTION_KEY,
    // Short waits, so retries and failures happen within a test.
    EMAIL_SEND_POLL_MS: '50',
    EMAIL_RETRY_BASE_MS: '50',
    EMAIL_RETRY_MAX_MS: '200',
    EMAIL_MAX_ATTEMPTS: '3',
  });
  seed = await seedCustomer(t);
});
afterAll(async () => {
  await t?.stop();
  await sink?.stop();
});
afterEach(() => sink.clearRefusals());

interface Customer {
  id: string;
  email: string | null;
  invoiceId: string;
  invoiceNumber: string;
  /** A link for the whole account, not emailed, to pay with. */
  token: string;
}

/** A customer of the demo organization with one open invoice of $120.00 (or `amount`). */
async function customer(options: { email?: string | null; locale?: string; amount?: number } = {}): Promise<Customer> {
  const operator = operatorPrincipal(seed.organizationId);
  const email = options.email === undefined ? `c-${randomBytes(5).toString('hex')}@example.com` : options.email;
  const created = await t.app.services.billing.createCustomer(operator, { name: 'Grace Hopper', email, locale: options.locale, currency: 'usd' }, null);
  const invoice = await t.app.services.billing.createInvoice(
    operator,
    { customerId: created.id, lineItems: [{ description: 'Compiler consulting', quantity: 1, unitAmount: options.amount ?? 12_000 }] },
    null,
  );
  const { token } = await issueToken(t, { organizationId: seed.organizationId, customerId: created.id });
  return { id: created.id, email, invoiceId: invoice.id, invoiceNumber: invoice.number, token };
}

async function emailLink(c: Customer, input: { invoiceId?: string; expiresInDays?: number } = {}) {
  const res = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: c.id, sendEmail: true, ...input } }, { token: seed.adminApiKey });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.generateCustomerPaymentToken;
}

async function emailsOf(c: Customer) {
  const res = await graphql(t.url, CustomerEmailsDocument, { customerId: c.id }, { token: seed.adminApiKey });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.customerEmails.edges.map((e) => e.node);
}

/** Waits until none of the customer's messages is still QUEUED (each is SENT or FAILED). */
async function settled(c: Customer, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsOf(c);
    if (emails.length && emails.every((e) => e.status !== 'QUEUED')) return emails;
    if (Date.now() > deadline) throw new Error(`still queued: ${JSON.stringify(emails)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Pays `amount` (all that is due by default) of the customer's invoice by card, as the page does, up to Stripe's success. */
async function payAtStripe(c: Customer, amount?: number) {
  const res = await graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: c.invoiceId, ...(amount && { amount }) } }, { token: c.token });
  const intent = res.body.data!.createPaymentIntent;
  if (intent.__typename !== 'PaymentIntent') throw new Error(`expected an intent, got ${JSON.stringify(intent)}`);
  await t.browser.confirm(intent.id, 'pm_card_visa');
  return intent.id;
}

const confirmPayment = (c: Customer, intentId: string) => graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intentId }, { token: c.token });

const cliEnv = () => cliEnvOf(t, { SMTP_URL: sink.url, EMAIL_ENCRYPTION_KEY });

const receiptsTo = (c: Customer) => sink.to(c.email!).filter((m) => m.subject.startsWith('Receipt'));

describe('the payment link by email', () => {
  it('tells the customer who asks, what is owed and until when, and its link opens that invoice', async () => {
    const c = await customer();
    const issued = issuedLink(await emailLink(c, { invoiceId: c.invoiceId, expiresInDays: 3 }));
    expect(issued.email).toEqual({ id: expect.any(String), recipient: c.email });

    const mail = await sink.waitForMessage((m) => m.to === c.email);
    expect(mail.from).toMatch(/^"?Acme Billing"? <billing@acme\.test>$/);
    expect(mail.replyTo).toBe(DEMO_SUPPORT_EMAIL);
    expect(mail.subject).toBe(`Invoice ${c.invoiceNumber} from Demo Organization: pay online`);
    expect(mail.text).toContain('Hello Grace Hopper,');
    expect(mail.text).toContain(`Invoice: ${c.invoiceNumber}`);
    expect(mail.text).toContain('Amount due: $120.00');
    const expires = new Date(issued.paymentToken.expiresAt);
    expect(mail.text).toContain(`It works until ${expires.toLocaleString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })}`);
    // No tracking: nothing in the HTML loads from anywhere.
    expect(mail.html).not.toMatch(/<img|src=|url\(/i);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

    // The link in the email is the one issued, and opens the invoice.
    const token = linkIn(mail.text);
    expect(token).toBe(issued.token);
    expect(mail.html).toContain(`href="https://pay.example.com/pay#${token}"`);
    const opened = await graphql(t.url, InvoiceDocument, {}, { token });
    expect(opened.body.data!.invoice).toMatchObject({ id: c.invoiceId, number: c.invoiceNumber, amountDue: { amount: 12_000 } });

    // Admins see it sent, once, with the Message-ID it arrived with; the outbox no longer holds its content.
    const [sent] = await settled(c);
    expect(sent).toMatchObject({ kind: 'PAYMENT_LINK', recipient: c.email, status: 'SENT', attempts: 1, lastError: null, retryable: false, messageId: mail.messageId });
    expect(sink.to(c.email!)).toHaveLength(1);
    const row = await t.app.database.prisma.emailMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.body).toBeNull();
    expect((await t.app.database.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: issued.paymentToken.id } })).emailedAt).not.toBeNull();
  });

  it('is written in the customer\'s language, amounts and dates formatted for their locale', async () => {
    const c = await customer({ locale: 'fr-CA', amount: 113_050 });
    await emailLink(c);
    const mail = await sink.waitForMessage((m) => m.to === c.email);
    expect(mail.subject).toBe('Votre compte chez Demo Organization : payer en ligne');
    expect(mail.text).toContain('Bonjour Grace Hopper,');
    // An invoice in US dollars, for a reader in Canada: "$ US".
    expect(mail.text).toMatch(/Solde à payer\s: 1\s130,50\s\$\sUS/);
    expect(mail.text).toContain('Consulter et payer');
  });

  it('keeps the link\'s content encrypted in the outbox until it is sent: no token in clear in the database', async () => {
    await t.app.email.sender!.stop();
    try {
      const c = await customer();
      const issued = issuedLink(await emailLink(c));
      const row = await t.app.database.prisma.emailMessage.findUniqueOrThrow({ where: { id: issued.email!.id } });
      expect(row.status).toBe('QUEUED');
      expect(row.body).toMatch(/^v1\./);
      expect(row.body).not.toContain(issued.token);
      const { selector, verifier } = parseSecret(issued.token)!;
      expect(row.body).not.toContain(selector);
      expect(row.body).not.toContain(verifier);
      expect(row.body).not.toContain('120.00');
    } finally {
      t.app.email.sender!.start();
    }
  });

  it('refuses a customer without an email, and issues no link', async () => {
    const c = await customer({ email: null });
    const before = await t.app.database.prisma.customerPaymentToken.count({ where: { customerId: c.id } });
    const result = await emailLink(c);
    expect(result).toMatchObject({ __typename: 'CustomerHasNoEmailError', code: 'CUSTOMER_HAS_NO_EMAIL' });
    expect(await t.app.database.prisma.customerPaymentToken.count({ where: { customerId: c.id } })).toBe(before);
    expect(await emailsOf(c)).toEqual([]);
  });

  it('is sent from the CLI too: `token issue --send-email` queues it and the server sends it', async () => {
    const c = await customer();
    const out: string[] = [];
    expect(await runCli(['token', 'issue', '--customer', c.id, '--invoice', c.invoiceId, '--send-email', '--json'], { out: (s) => out.push(s) }, cliEnv())).toBe(0);
    const printed = JSON.parse(out.join(''));
    expect(printed.email).toEqual({ id: expect.any(String), recipient: c.email, status: 'QUEUED' });
    const mail = await sink.waitForMessage((m) => m.to === c.email);
    expect(linkIn(mail.text)).toBe(printed.token);
  });
});

describe('receipts', () => {
  function expectReceipt(mail: ReceivedEmail, c: Customer, payment: { id: string; amount: string; remaining: string }) {
    expect(mail.subject).toBe(`Receipt from Demo Organization for invoice ${c.invoiceNumber}`);
    expect(mail.text).toContain(`Receipt number: ${payment.id}`);
    expect(mail.text).toContain(`Invoice: ${c.invoiceNumber}`);
    expect(mail.text).toContain(`Amount paid: ${payment.amount}`);
    expect(mail.text).toContain('Card: Visa ending in 4242');
    expect(mail.text).toContain(`Remaining balance: ${payment.remaining}`);
    // A receipt carries no secret and no link.
    expect(mail.text).not.toMatch(/cpt_|https?:/);
    expect(mail.html).not.toMatch(/cpt_|href=/);
  }

  it.each([
    ['confirmPayment', 'the webhook, then `payments reconcile`'],
    ['the webhook', 'confirmPayment, then `payments reconcile`'],
    ['`payments reconcile`', 'the webhook, then confirmPayment'],
  ])('one per payment, when %s records it first and %s report it again', async (first) => {
    const c = await customer();
    t.stripe.faults.configure({ holdWebhooks: true });
    const intentId = await payAtStripe(c, 5_000);
    const reconcile = async () => expect(await runCli(['payments', 'reconcile', '--json'], { out: () => undefined }, cliEnv())).toBe(0);
    const webhook = async () => {
      t.stripe.faults.configure({ holdWebhooks: false });
      await t.stripe.flushWebhooks();
    };
    const confirm = async () => expect((await confirmPayment(c, intentId)).body.data!.confirmPayment.__typename).toBe('Payment');
    const paths = first === 'confirmPayment' ? [confirm, webhook, reconcile] : first === 'the webhook' ? [webhook, confirm, reconcile] : [reconcile, webhook, confirm];
    for (const path of paths) await path();

    const payments = await t.app.database.prisma.payment.findMany({ where: { customerId: c.id } });
    expect(payments).toHaveLength(1);
    await settled(c);
    await sink.waitFor(() => receiptsTo(c).length >= 1);
    expect(receiptsTo(c)).toHaveLength(1);
    expectReceipt(receiptsTo(c)[0], c, { id: payments[0].id, amount: '$50.00', remaining: '$70.00' });
    const opened = await graphql(t.url, InvoiceDocument, { id: c.invoiceId }, { token: c.token });
    expect(opened.body.data!.invoice.amountDue).toMatchObject({ amount: 7_000 });
  });

  it('one per payment when confirmPayment and the webhook record it at the same moment', async () => {
    const c = await customer();
    const intentId = await payAtStripe(c);
    await Promise.all([confirmPayment(c, intentId), t.stripe.flushWebhooks(), confirmPayment(c, intentId)]);
    await settled(c);
    const [payment] = await t.app.database.prisma.payment.findMany({ where: { customerId: c.id } });
    expect(receiptsTo(c)).toHaveLength(1);
    expectReceipt(receiptsTo(c)[0], c, { id: payment.id, amount: '$120.00', remaining: '$0.00' });
    expect(receiptsTo(c)[0].text).toContain('This invoice is now paid in full.');
  });

  it('none for a customer without an email, and the payment is recorded all the same', async () => {
    const c = await customer({ email: null });
    const intentId = await payAtStripe(c);
    expect((await confirmPayment(c, intentId)).body.data!.confirmPayment.__typename).toBe('Payment');
    expect(await emailsOf(c)).toEqual([]);
  });
});

describe('refund notices', () => {
  it('tells the customer what was refunded, to which card, once per refund however often Stripe reports it', async () => {
    const c = await customer();
    const intentId = await payAtStripe(c);
    await confirmPayment(c, intentId);
    const payment = await t.app.database.prisma.payment.findUniqueOrThrow({ where: { providerIntentId: intentId } });
    const refund = await graphql(t.url, RefundPaymentDocument, { input: { paymentId: payment.id, amount: 2_500, reason: 'REQUESTED_BY_CUSTOMER' } }, { token: seed.adminApiKey });
    expect(refund.body.data!.refundPayment.__typename).toBe('Refund');
    await t.stripe.flushWebhooks();
    await settled(c);

    const notices = sink.to(c.email!).filter((m) => m.subject.startsWith('Refund'));
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice.subject).toBe(`Refund from Demo Organization for invoice ${c.invoiceNumber}`);
    expect(notice.text).toContain('Demo Organization refunded $25.00 of your payment');
    expect(notice.text).toContain('Amount refunded: $25.00');
    expect(notice.text).toContain('Refunded to: Visa ending in 4242');
    expect(notice.text).toContain(`Payment receipt number: ${payment.id}`);
    expect(notice.text).not.toMatch(/cpt_|https?:/);
    expect((await emailsOf(c)).map((e) => [e.kind, e.status])).toEqual([
      ['REFUND_NOTICE', 'SENT'],
      ['RECEIPT', 'SENT'],
    ]);
  });
});

describe('when the mail server refuses', () => {
  it('a recipient refused for good (5xx) fails that message only, visibly to admins; the others go out, the payment is recorded; an admin retries it', async () => {
    const bouncing = await customer({ email: `bounce-${randomBytes(4).toString('hex')}@example.com` });
    const other = await customer();
    sink.refuse('RCPT', 550, { recipient: bouncing.email!, times: Infinity, message: 'No such user here' });

    await emailLink(bouncing);
    await emailLink(other);
    const intentId = await payAtStripe(bouncing);
    expect((await confirmPayment(bouncing, intentId)).body.data!.confirmPayment).toMatchObject({ __typename: 'Payment', amount: { amount: 12_000 } });

    await sink.waitForMessage((m) => m.to === other.email);
    const failed = await settled(bouncing);
    expect(failed.map((e) => [e.kind, e.status, e.attempts, e.retryable])).toEqual([
      ['RECEIPT', 'FAILED', 1, true],
      ['PAYMENT_LINK', 'FAILED', 1, true],
    ]);
    expect(failed[0].lastError).toMatch(/550.*No such user here/);
    expect(failed[0].failedAt).not.toBeNull();
    expect(sink.to(bouncing.email!)).toEqual([]);
    expect((await graphql(t.url, InvoiceDocument, { id: bouncing.invoiceId }, { token: bouncing.token })).body.data!.invoice.status).toBe('PAID');

    // The address is fixed on the mail server's side; the admin sends the receipt again.
    sink.clearRefusals();
    const retried = await graphql(t.url, RetryEmailDocument, { id: failed[0].id }, { token: seed.adminApiKey });
    expect(retried.body.data!.retryEmail).toMatchObject({ __typename: 'EmailMessage', status: 'QUEUED', attempts: 0 });
    await sink.waitForMessage((m) => m.to === bouncing.email && m.subject.startsWith('Receipt'));
    // The mail server has it; the sender marks it SENT a moment after the server's answer.
    const after = await settled(bouncing);
    expect(after.find((e) => e.id === failed[0].id)).toMatchObject({ status: 'SENT', attempts: 1, retryable: false });
    const audit = await t.app.database.prisma.auditLog.findMany({ where: { action: 'EMAIL_RETRIED', targetId: failed[0].id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'ADMIN_KEY', organizationId: seed.organizationId });

    // A message that was sent is not sent again.
    const again = await graphql(t.url, RetryEmailDocument, { id: failed[0].id }, { token: seed.adminApiKey });
    expect(again.body.data!.retryEmail).toMatchObject({ __typename: 'EmailNotRetryableError', code: 'EMAIL_NOT_RETRYABLE', emailStatus: 'SENT' });
  });

  it('a server answering 4xx then 250: retried, and delivered once', async () => {
    const c = await customer();
    sink.refuse('DATA', 451, { recipient: undefined, times: 1 });
    await emailLink(c);
    const [sent] = await settled(c);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
    expect(sink.to(c.email!)).toHaveLength(1);
    expect(sink.received.filter((m) => m.messageId === sent.messageId)).toHaveLength(1);
  });

  it('a server that keeps deferring (4xx): tried EMAIL_MAX_ATTEMPTS times, then FAILED with its answer', async () => {
    const c = await customer();
    sink.refuse('RCPT', 452, { recipient: c.email!, times: Infinity, message: 'Mailbox full, try later' });
    await emailLink(c);
    const [failed] = await settled(c);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, retryable: true });
    expect(failed.lastError).toMatch(/452.*Mailbox full/);

    // Its content is kept EMAIL_FAILED_BODY_RETENTION_DAYS (7) for a retry, then erased: the sender's round, 8 days on.
    expect((await t.app.database.prisma.emailMessage.findUniqueOrThrow({ where: { id: failed.id } })).body).not.toBeNull();
    await t.app.email.sender!.runOnce(new Date(Date.now() + 8 * 86_400_000));
    expect((await t.app.database.prisma.emailMessage.findUniqueOrThrow({ where: { id: failed.id } })).body).toBeNull();
    const [erased] = await emailsOf(c);
    expect(erased).toMatchObject({ status: 'FAILED', retryable: false, subject: expect.stringContaining('Demo Organization') });
    const retried = await graphql(t.url, RetryEmailDocument, { id: failed.id }, { token: seed.adminApiKey });
    expect(retried.body.data!.retryEmail).toMatchObject({ __typename: 'EmailNotRetryableError', emailStatus: 'FAILED' });
  });
});

describe('admins', () => {
  it("list a customer's messages a page at a time, newest first; another organization's customer is not found", async () => {
    const c = await customer();
    await emailLink(c);
    await emailLink(c);
    await emailLink(c);
    const first = await graphql(t.url, CustomerEmailsDocument, { customerId: c.id, first: 2 }, { token: seed.adminApiKey });
    const page = first.body.data!.customerEmails;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await graphql(t.url, CustomerEmailsDocument, { customerId: c.id, first: 2, after: page.pageInfo.endCursor }, { token: seed.adminApiKey });
    expect(rest.body.data!.customerEmails.edges).toHaveLength(1);
    const ids = [...page.edges, ...rest.body.data!.customerEmails.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(3);

    const other = await seedCustomer(t);
    const foreign = await graphql(t.url, CustomerEmailsDocument, { customerId: c.id }, { token: other.adminApiKey });
    expect(foreign.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('secrets', () => {
  it('neither the SMTP credentials nor a link token reach the logs', async () => {
    const c = await customer();
    const issued = issuedLink(await emailLink(c));
    await settled(c);
    const logs = t.logs();
    expect(logs).not.toContain(sink.credentials.pass);
    expect(logs).not.toContain(issued.token);
    // The verifier alone (base64url: it may itself hold an underscore, so not the token split on them).
    expect(logs).not.toContain(parseSecret(issued.token)!.verifier);
  });
});
