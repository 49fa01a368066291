/**
 * A link that expired, in Chromium: the "link no longer works" screen offers a new link by email; pressing it says one
 * is on its way if an address is on file (the same words whatever happened), and the email that arrives over SMTP
 * carries a link that opens the invoice. A revoked link gets no such offer (links-and-errors.test.ts checks the others).
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { operatorPrincipal } from '../../src/domain/principal';
import { RevokeCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { expireToken, issueToken, seedCustomer } from '../support/fixtures';
import { assertPageBuilt, launchChromium, openLink, paymentLink, PHONE, see, type CustomerBrowser } from '../support/payment-page';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let smtp: SmtpSink;
let browser: Browser;
let open: CustomerBrowser[] = [];

beforeAll(async () => {
  assertPageBuilt();
  smtp = await startSmtpSink();
  [t, browser] = await Promise.all([startTestApp({ ...NO_RATE_LIMITS, SMTP_URL: smtp.url, EMAIL_SEND_POLL_MS: '50' }), launchChromium()]);
});
afterEach(async () => {
  await Promise.all(open.map((customer) => customer.close()));
  open = [];
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await smtp?.stop();
});

async function visit(url: string): Promise<CustomerBrowser> {
  const customer = await openLink(browser, url, { viewport: PHONE });
  open.push(customer);
  return customer;
}

/** A customer with an address of their own and an open invoice, and a link bound to it. */
async function customerWithLink(locale: string | null = null) {
  const seed = await seedCustomer(t);
  const operator = operatorPrincipal(seed.organizationId);
  const email = `${randomBytes(6).toString('hex')}@example.com`;
  const customer = await t.app.services.billing.createCustomer(operator, { name: 'Grace Hopper', email, currency: 'usd', locale }, null);
  const invoice = await t.app.services.billing.createInvoice(operator, { customerId: customer.id, lineItems: [{ description: 'Compiler', quantity: 1, unitAmount: 12_345 }] }, null);
  const link = await issueToken(t, { organizationId: seed.organizationId, customerId: customer.id }, { invoiceId: invoice.id });
  return { seed, email, invoice, ...link };
}

it('an expired link offers a new one by email; the email that arrives opens the invoice', async () => {
  const c = await customerWithLink();
  await expireToken(t, c.tokenId);
  const customer = await visit(paymentLink(t, c.token));
  await see(customer.page.getByRole('heading', { name: 'This link no longer works' }));
  await see(customer.page.getByText('This payment link has expired.', { exact: false }));

  await customer.page.getByRole('button', { name: 'Email me a new link' }).click();
  await see(customer.page.getByRole('status').filter({ hasText: 'If the business has an email address on file for you, a new link is on its way to it.' }));
  expect(await customer.page.getByRole('button', { name: 'Email me a new link' }).count()).toBe(0);

  const mail = await smtp.waitForMessage((m) => m.to === c.email);
  const fresh = await visit(paymentLink(t, linkIn(mail.text)));
  await see(fresh.page.getByRole('heading', { name: `Invoice ${c.invoice.number}` }));
  await see(fresh.page.getByRole('button', { name: 'Pay $123.45' }));
});

it('in French', async () => {
  const c = await customerWithLink('fr-CA');
  await expireToken(t, c.tokenId);
  const customer = await visit(paymentLink(t, c.token, '?lang=fr-CA'));
  await see(customer.page.getByRole('heading', { name: 'Ce lien ne fonctionne plus' }));
  await customer.page.getByRole('button', { name: 'M’envoyer un nouveau lien' }).click();
  await see(customer.page.getByRole('status').filter({ hasText: 'un nouveau lien y est envoyé' }));
  const mail = await smtp.waitForMessage((m) => m.to === c.email);
  expect(mail.subject).toBe('Votre nouveau lien de paiement de Demo Organization');
});

it('a revoked link gets no offer', async () => {
  const c = await customerWithLink();
  await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: c.tokenId }, { token: c.seed.adminApiKey });
  const customer = await visit(paymentLink(t, c.token));
  await see(customer.page.getByRole('heading', { name: 'This link no longer works' }));
  await see(customer.page.getByText(/Contact the business that sent it to get a new one\./));
  expect(await customer.page.getByRole('button', { name: 'Email me a new link' }).count()).toBe(0);
});
