/**
 * What a customer sees when something is wrong, in Chromium: a link that no longer works, too many attempts,
 * Stripe unavailable, no connection. Always a sentence a person understands and a way forward, never a stack trace
 * or a blank page. And where the link's secret goes: only into our API's Authorization header.
 */
import type { Browser } from 'playwright-core';
import { RevokeCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { expireToken, seedCustomer } from '../support/fixtures';
import { assertPageBuilt, CARDS, enterCard, eventually, launchChromium, openLink, paymentLink, PHONE, secretLeaks, see, type CustomerBrowser } from '../support/payment-page';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let browser: Browser;
let open: CustomerBrowser[] = [];

beforeAll(async () => {
  assertPageBuilt();
  [t, browser] = await Promise.all([startTestApp(NO_RATE_LIMITS), launchChromium()]);
});
afterEach(async () => {
  await Promise.all(open.map((customer) => customer.close()));
  open = [];
  t.stripe.faults.reset();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function visit(url: string): Promise<CustomerBrowser> {
  const customer = await openLink(browser, url, { viewport: PHONE });
  open.push(customer);
  return customer;
}

async function seesDeadLink(customer: CustomerBrowser) {
  await see(customer.page.getByRole('heading', { name: 'This link no longer works' }));
  await see(customer.page.getByText(/Contact the business that sent it to get a new one\./));
  expect(await customer.page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  // Only a link that really expired is offered a new one (fresh-link.test.ts): nothing tells these apart.
  expect(await customer.page.getByRole('button', { name: 'Email me a new link' }).count()).toBe(0);
}

describe('a link that no longer works shows one screen, whatever the reason', () => {
  it('expired: the same heading, and the offer of a new link by email', async () => {
    const c = await seedCustomer(t);
    await expireToken(t, c.tokenId);
    const customer = await visit(paymentLink(t, c.token));
    await see(customer.page.getByRole('heading', { name: 'This link no longer works' }));
    await see(customer.page.getByRole('button', { name: 'Email me a new link' }));
    expect(await customer.page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });

  it('revoked by the business', async () => {
    const c = await seedCustomer(t);
    await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: c.tokenId }, { token: c.adminApiKey });
    await seesDeadLink(await visit(paymentLink(t, c.token)));
  });

  it('mistyped (one character off), cut short, or missing', async () => {
    const c = await seedCustomer(t);
    const last = c.token.at(-1) === 'A' ? 'B' : 'A';
    await seesDeadLink(await visit(paymentLink(t, c.token.slice(0, -1) + last)));
    await seesDeadLink(await visit(paymentLink(t, c.token.slice(0, 30))));
    await seesDeadLink(await visit(`${t.url}/pay`));
  });
});

it('opens a link issued in the old form (/pay/cpt_…), moving the secret out of the address and the history', async () => {
  const c = await seedCustomer(t, { invoiceBound: true });
  const customer = await visit(`${t.url}/pay/${c.token}`);
  await see(customer.page.getByRole('heading', { name: /Invoice DEMO-/ }));
  const address = new URL(customer.page.url());
  expect(address.pathname).toBe('/pay');
  expect(address.hash).toBe(`#${c.token}`);
  // The old address was replaced, not pushed: Back leaves the page (to the blank tab it was opened in) rather than
  // returning to the path with the secret.
  await customer.page.goBack();
  expect(customer.page.url()).toBe('about:blank');
});

it('says how long to wait when rate limited, and lets the customer try again then', async () => {
  const limited = await startTestApp({ ...NO_RATE_LIMITS, RATE_LIMIT_VIEW_PER_MINUTE: '1' });
  try {
    const c = await seedCustomer(limited);
    const customer = await visit(paymentLink(limited, c.token));
    await see(customer.page.getByRole('heading', { name: 'Your balance' }));
    await customer.page.reload();
    await see(customer.page.getByRole('heading', { name: 'Too many attempts' }));
    await see(customer.page.getByText(/Please wait \d+ seconds, then try again\./));
    expect(await customer.page.getByRole('button', { name: 'Try again' }).isDisabled()).toBe(true);
  } finally {
    await limited.stop();
  }
});

it('says card payments are unavailable when Stripe is down, that nothing was charged, and keeps the form', async () => {
  const c = await seedCustomer(t, { invoiceBound: true });
  const customer = await visit(paymentLink(t, c.token));
  await enterCard(customer.page, CARDS.visa);
  // Stripe answers our server's PaymentIntent request with errors (the test app does not retry).
  t.stripe.faults.failNext(3, 503, { pathPrefix: '/v1/payment_intents' });
  await customer.page.getByRole('button', { name: 'Pay $499.00' }).click();
  await see(customer.page.getByRole('alert').filter({ hasText: 'Card payments are unavailable right now. Nothing was charged.' }));
  await eventually(async () => expect(await customer.page.getByRole('button', { name: 'Pay $499.00' }).isEnabled()).toBe(true));
  expect(await t.app.database.prisma.payment.count({ where: { customerId: c.customerId } })).toBe(0);
});

it('says card payments are unavailable when Stripe.js cannot be loaded', async () => {
  const c = await seedCustomer(t, { invoiceBound: true });
  const customer = await openLink(browser, 'about:blank', { viewport: PHONE });
  open.push(customer);
  await customer.page.route(`${t.stripe.url}/v3/**`, (route) => route.abort('connectionrefused'));
  await customer.page.goto(paymentLink(t, c.token));
  await see(customer.page.getByRole('alert').filter({ hasText: 'Card payments are unavailable right now' }));
  expect(await customer.page.getByRole('button', { name: /^Pay / }).isDisabled()).toBe(true);
});

it('says the customer is offline, and loads once the connection is back', async () => {
  const c = await seedCustomer(t);
  const customer = await openLink(browser, 'about:blank', { viewport: PHONE });
  open.push(customer);
  await customer.page.route('**/graphql', (route) => route.abort('internetdisconnected'));
  await customer.page.goto(paymentLink(t, c.token));
  await see(customer.page.getByRole('heading', { name: 'You seem to be offline' }));

  await customer.page.unroute('**/graphql');
  await customer.page.getByRole('button', { name: 'Try again' }).click();
  await see(customer.page.getByRole('heading', { name: 'Your balance' }));
});

it('sends the secret nowhere but our API\'s Authorization header, through a whole payment with 3-D Secure', async () => {
  const c = await seedCustomer(t);
  const customer = await visit(paymentLink(t, c.token));
  const { page, requests } = customer;
  await page.getByRole('button', { name: /View and pay invoice DEMO-.*-002/ }).click();
  await enterCard(page, CARDS.threeDSecure);
  await page.getByLabel('Save this card for future payments').check();
  await page.getByRole('button', { name: 'Pay $499.00' }).click();
  await page.frameLocator('iframe[title="3D Secure authentication"]').getByRole('button', { name: 'Complete authentication' }).click();
  await see(page.getByRole('heading', { name: 'Payment received' }));
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Add a card' }).click();
  await enterCard(page, CARDS.visa);
  await page.getByRole('button', { name: 'Save card' }).click();
  await see(page.getByText('Visa •••• 4242 is saved.'));

  const apiCalls = requests.filter((r) => new URL(r.url).pathname === '/graphql');
  expect(apiCalls.length).toBeGreaterThan(3);
  expect(apiCalls.every((r) => r.headers.authorization === `Bearer ${c.token}`)).toBe(true);
  expect(requests.filter((r) => r.url.startsWith(t.stripe.url)).length).toBeGreaterThan(3);
  expect(secretLeaks(requests, c.token)).toEqual([]);
  // Nor is it kept in the browser.
  const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookies: document.cookie }));
  expect(stored).not.toContain(c.token);
  expect(await customer.context.cookies()).toEqual([]);
});
