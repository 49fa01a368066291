/**
 * A fresh link for an expired one (issue 10, message 5): the holder of an expired payment link asks, from the payment
 * page, for a new one by email. Only a genuine expired link (its secret right, not revoked) gets one, sent to the
 * email on file, at most once per link every 10 minutes; every caller gets the same answer, so asking tells nothing.
 * Real server, real SMTP server receiving over TCP, both databases.
 */
import { randomBytes } from 'node:crypto';
import { NEW_PAYMENT_LINK_REQUESTED } from '../../src/email/fresh-link.service';
import { operatorPrincipal } from '../../src/domain/principal';
import { BalanceDocument, InvoiceDocument, RequestNewPaymentLinkDocument, RevokeCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { newClientAddress } from '../security/support';
import { expireToken, issueToken, markInvoicePaid, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { errorCodes, graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startTestApp({
    ...NO_RATE_LIMITS,
    SMTP_URL: smtp.url,
    // Each test asks from an address of its own (X-Forwarded-For), so failed-authentication and per-address budgets start full.
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_NEW_LINK_PER_MINUTE: '5',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5',
    EMAIL_SEND_POLL_MS: '50',
  });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

/** A customer with an address of their own (so what arrives is theirs alone), an open invoice, and a link bound to it that expired. */
async function customerWithExpiredLink(options: { email?: string | null; locale?: string; accountWide?: boolean } = {}) {
  const seed = await seedCustomer(t);
  const operator = operatorPrincipal(seed.organizationId);
  const email = options.email === undefined ? `${randomBytes(6).toString('hex')}@example.com` : options.email;
  const customer = await t.app.services.billing.createCustomer(operator, { name: 'Grace Hopper', email, currency: 'usd', locale: options.locale ?? null }, null);
  const invoice = await t.app.services.billing.createInvoice(operator, { customerId: customer.id, lineItems: [{ description: 'Compiler', quantity: 1, unitAmount: 12_345 }] }, null);
  const link = await issueToken(t, { organizationId: seed.organizationId, customerId: customer.id }, { invoiceId: options.accountWide ? null : invoice.id });
  await expireToken(t, link.tokenId);
  return { seed, customerId: customer.id, email, invoice, ...link };
}

function askForNewLink(token: string | null, from = newClientAddress()) {
  return graphql(t.url, RequestNewPaymentLinkDocument, undefined, { ...(token && { token }), headers: from });
}

const SAME_ANSWER = { data: { requestNewPaymentLink: { message: NEW_PAYMENT_LINK_REQUESTED } } };

const emailsOf = (customerId: string) => t.app.database.prisma.emailMessage.findMany({ where: { customerId } });
const linksReissuedFrom = (tokenId: string) => t.app.database.prisma.customerPaymentToken.findMany({ where: { reissuedFromId: tokenId } });

describe('a genuine expired link', () => {
  it('gets a new link by email, to the address on file, that opens the same invoice', async () => {
    const c = await customerWithExpiredLink();
    const res = await askForNewLink(c.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(SAME_ANSWER);

    const mail = await smtp.waitForMessage((m) => m.to === c.email);
    expect(mail.subject).toBe(`Your new payment link from Demo Organization`);
    expect(mail.text).toContain(`invoice ${c.invoice.number}`);
    expect(mail.text).toContain('$123.45');
    expect(mail.html).not.toMatch(/<img/i);
    const token = linkIn(mail.text);
    expect(token).not.toBe(c.token);
    // The new link opens the invoice the old one was for, on the real server.
    const opened = await graphql(t.url, InvoiceDocument, {}, { token });
    expect(opened.body.errors).toBeUndefined();
    expect(opened.body.data!.invoice).toMatchObject({ id: c.invoice.id, number: c.invoice.number });
    // The old one stays expired; the new one says where it came from and that it was emailed.
    expect(errorCodes(await graphql(t.url, InvoiceDocument, {}, { token: c.token }))).toEqual(['LINK_EXPIRED']);
    const [issued] = await linksReissuedFrom(c.tokenId);
    expect(issued).toMatchObject({ customerId: c.customerId, invoiceId: c.invoice.id, revokedAt: null });
    expect(issued.emailedAt).not.toBeNull();
    expect(await emailsOf(c.customerId)).toEqual([expect.objectContaining({ kind: 'FRESH_LINK', recipient: c.email })]);
    // Audited as issued at the old link's request; the new secret is nowhere but in the email.
    const audit = await t.app.database.prisma.auditLog.findFirstOrThrow({ where: { action: 'TOKEN_ISSUED', targetId: issued.id } });
    expect(audit).toMatchObject({ actorType: 'PAYMENT_TOKEN', actorId: c.tokenId });
    expect(JSON.parse(audit.details!)).toMatchObject({ reissuedFromId: c.tokenId, reason: 'FRESH_LINK_REQUESTED' });
    expect(t.logs()).not.toContain(token.slice(-43));
  });

  it('an account-wide link gets an account-wide link', async () => {
    const c = await customerWithExpiredLink({ accountWide: true });
    expect((await askForNewLink(c.token)).body).toEqual(SAME_ANSWER);
    const mail = await smtp.waitForMessage((m) => m.to === c.email);
    expect(mail.text).toContain('$123.45');
    const balance = await graphql(t.url, BalanceDocument, undefined, { token: linkIn(mail.text) });
    expect(balance.body.data!.balance).toMatchObject({ openInvoiceCount: 1, totalOutstanding: { amount: 12_345 } });
    expect(await linksReissuedFrom(c.tokenId)).toEqual([expect.objectContaining({ invoiceId: null })]);
  });

  it('in the customer’s language', async () => {
    const c = await customerWithExpiredLink({ locale: 'fr-CA' });
    expect((await askForNewLink(c.token)).body).toEqual(SAME_ANSWER);
    const mail = await smtp.waitForMessage((m) => m.to === c.email);
    expect(mail.subject).toBe('Votre nouveau lien de paiement de Demo Organization');
    expect(mail.text).toMatch(/Montant dû\s?: 123,45\s\$\sUS/);
  });

  it('gets one new link in 10 minutes, however often it asks: the same answer each time, and no second email', async () => {
    const c = await customerWithExpiredLink();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await askForNewLink(c.token)).body);
    // Asked at once, too.
    answers.push(...(await Promise.all([askForNewLink(c.token), askForNewLink(c.token)])).map((res) => res.body));
    for (const body of answers) expect(body).toEqual(SAME_ANSWER);
    expect(await linksReissuedFrom(c.tokenId)).toHaveLength(1);
    expect(await emailsOf(c.customerId)).toHaveLength(1);
  });
});

describe('everything else gets the same answer, and nothing is sent', () => {
  it.each([
    ['a revoked link (expired or not)', 'revoked'],
    ['the expired link mistyped', 'mistyped'],
    ['a link that was never issued', 'unknown'],
    ['a link that still works', 'live'],
    ['no link at all', 'none'],
    ['a customer with no email on file', 'no email'],
    ['a link bound to an invoice paid since', 'paid'],
  ])('%s', async (_name, kind) => {
    const c = await customerWithExpiredLink({ email: kind === 'no email' ? null : undefined });
    let token: string | null = c.token;
    if (kind === 'revoked') await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: c.tokenId }, { token: c.seed.adminApiKey });
    if (kind === 'mistyped') token = c.token.slice(0, -1) + (c.token.endsWith('A') ? 'B' : 'A');
    if (kind === 'unknown') token = `cpt_${randomBytes(12).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    if (kind === 'live') token = (await issueToken(t, { organizationId: c.seed.organizationId, customerId: c.customerId })).token;
    if (kind === 'none') token = null;
    if (kind === 'paid') await markInvoicePaid(t, c.invoice.id);

    const res = await askForNewLink(token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(SAME_ANSWER);
    expect(await linksReissuedFrom(c.tokenId)).toEqual([]);
    expect(await emailsOf(c.customerId)).toEqual([]);
  });
});

describe('limits', () => {
  it('mistyped links count as failed authentications of the address: past its budget, RATE_LIMITED', async () => {
    const c = await customerWithExpiredLink();
    const from = newClientAddress();
    const mistyped = (i: number) => c.token.slice(0, -2) + String.fromCharCode(65 + i) + 'A';
    for (let i = 0; i < 5; i++) expect((await askForNewLink(mistyped(i), from)).body).toEqual(SAME_ANSWER);
    const refused = await askForNewLink(mistyped(6), from);
    expect(refused.status).toBe(429);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(await emailsOf(c.customerId)).toEqual([]);
  });

  it('each client address may ask 5 times a minute; then RATE_LIMITED, whatever link it sends', async () => {
    const from = newClientAddress();
    for (let i = 0; i < 5; i++) expect((await askForNewLink(null, from)).body).toEqual(SAME_ANSWER);
    const c = await customerWithExpiredLink();
    const refused = await askForNewLink(c.token, from);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(await emailsOf(c.customerId)).toEqual([]);
  });
});
