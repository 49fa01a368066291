/**
 * The payment page for everyone, in Chromium: in French as well as English (amounts and dates written the local
 * way), with the keyboard alone, on a 375-pixel phone without sideways scrolling, and with no serious or critical
 * accessibility violations (axe-core) on any screen.
 */
import type { Browser, Page } from 'playwright-core';
import { operatorPrincipal } from '../../src/domain/principal';
import { createInvoice, expireToken, issueToken, seedCustomer } from '../support/fixtures';
import {
  accessibilityViolations,
  assertPageBuilt,
  CARDS,
  cardFrame,
  DESKTOP,
  enterCard,
  eventually,
  launchChromium,
  openLink,
  paymentLink,
  PHONE,
  scrollsSideways,
  see,
  type CustomerBrowser,
} from '../support/payment-page';
import { NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

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
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function visit(url: string, options: Parameters<typeof openLink>[2] = {}): Promise<CustomerBrowser> {
  const customer = await openLink(browser, url, options);
  open.push(customer);
  return customer;
}

/** A Quebec customer billed in Canadian dollars: one invoice of 1 130,00 $, and a link bound to it. */
async function quebecCustomer(): Promise<string> {
  const seed = await seedCustomer(t);
  const customer = await t.app.services.billing.createCustomer(
    operatorPrincipal(seed.organizationId),
    { name: 'Gabrielle Roy', email: 'gabrielle@example.ca', currency: 'cad', locale: 'fr-CA' },
    null,
  );
  const ref = { organizationId: seed.organizationId, customerId: customer.id };
  const invoice = await createInvoice(t, ref, { issuedInDays: -3, dueInDays: 27, amount: 113_000 });
  return (await issueToken(t, ref, { invoiceId: invoice.id })).token;
}

describe('in French', () => {
  it('writes amounts and dates the Quebec way, takes "45,50" as an amount, and confirms the payment in French', async () => {
    const token = await quebecCustomer();
    const { page } = await visit(paymentLink(t, token, '?lang=fr-CA'), { viewport: PHONE });
    await see(page.getByRole('heading', { name: /^Facture / }));
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    await see(page.getByText(/^1\s130,00\s\$$/).first());
    await see(page.getByText('Demande de paiement de Demo Organization'));

    const amount = page.getByLabel('Montant à payer (CAD)');
    await eventually(async () => expect(await amount.inputValue()).toMatch(/^1\s130,00$/));
    await amount.fill('45,50');
    await enterCard(page, CARDS.visa);
    await page.getByRole('button', { name: /^Payer 45,50\s\$$/ }).click();
    await see(page.getByRole('heading', { name: 'Paiement reçu' }));
    await see(page.getByText(/^Vous avez payé 45,50\s\$ avec la carte Visa se terminant par 4242\.$/));
    await see(page.getByText(/Reste à payer sur la facture .* : 1\s084,50\s\$\./));
  });

  it("follows the browser's language when the link does not say, and switches back to English on request", async () => {
    const c = await seedCustomer(t);
    const { page } = await visit(paymentLink(t, c.token), { locale: 'fr-FR' });
    await see(page.getByRole('heading', { name: 'Votre solde' }));
    await see(page.getByText(/^2\s424,00\s\$US$/));
    await see(page.getByText('2 factures ouvertes'));

    await page.getByRole('button', { name: 'English' }).click();
    await see(page.getByRole('heading', { name: 'Your balance' }));
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en-FR');
    expect(new URL(page.url()).hash).toBe(`#${c.token}`);
  });
});

it('takes a whole payment with the keyboard alone', async () => {
  const c = await seedCustomer(t, { invoiceBound: true });
  const { page } = await visit(paymentLink(t, c.token), { viewport: PHONE });
  await see(page.getByRole('heading', { name: /^Invoice DEMO-/ }));
  const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') ?? document.activeElement?.id ?? document.activeElement?.tagName);

  // The page puts focus on the invoice's heading; from there, Tab walks the form in reading order.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('amount');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('250');
  await page.keyboard.press('Tab'); // "A new card" (the only choice: no card is saved yet)
  await page.keyboard.press('Tab'); // into Stripe's card field
  await page.keyboard.type(CARDS.visa.replace(/ /g, ''));
  await page.keyboard.press('Tab');
  await page.keyboard.type('1234');
  await page.keyboard.press('Tab');
  await page.keyboard.type('123');
  await page.keyboard.press('Tab'); // out of Stripe's field: "Save this card"
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Pay $250.00');
  await page.keyboard.press('Enter');

  await see(page.getByRole('heading', { name: 'Payment received' }));
  // Focus follows the outcome, so a screen reader announces it.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Payment received');
  expect(await t.app.database.prisma.payment.findMany({ where: { customerId: c.customerId } })).toMatchObject([{ amount: 25_000 }]);
  expect(await t.app.database.prisma.paymentMethod.count({ where: { customerId: c.customerId } })).toBe(1);
});

describe('every screen', () => {
  /** Checked on each screen: no sideways scrolling on a phone, and nothing serious or critical for axe. */
  async function checkScreen(page: Page, screen: string, problems: string[]) {
    if (await scrollsSideways(page)) problems.push(`${screen}: scrolls sideways at ${page.viewportSize()?.width} px`);
    for (const violation of await accessibilityViolations(page)) problems.push(`${screen}: ${violation}`);
  }

  it.each([
    ['a 375-pixel phone', PHONE],
    ['a desktop', DESKTOP],
  ])('fits %s and passes an automated accessibility scan', async (_device, viewport) => {
    const problems: string[] = [];
    const c = await seedCustomer(t);
    const { page } = await visit(paymentLink(t, c.token), { viewport });
    await see(page.getByRole('heading', { name: 'Your balance' }));
    await checkScreen(page, 'account', problems);

    await page.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, CARDS.visa);
    await page.getByRole('button', { name: 'Save card' }).click();
    await see(page.getByText('Visa •••• 4242 is saved.'));
    await page.getByRole('button', { name: 'Remove Visa •••• 4242' }).click();
    await see(page.getByRole('dialog', { name: 'Remove this card?' }));
    await checkScreen(page, 'remove-card dialog', problems);
    await page.getByRole('button', { name: 'Keep card' }).click();

    await page.getByRole('button', { name: /View and pay invoice DEMO-.*-001/ }).click();
    await page.getByRole('radio', { name: 'A new card' }).check();
    await see(cardFrame(page).getByLabel('Card number'));
    await checkScreen(page, 'invoice and payment form', problems);

    await page.getByLabel('Amount to pay (USD)').fill('12345');
    await page.getByRole('button', { name: /^Pay / }).click();
    await see(page.getByText(/The most you can pay/));
    await checkScreen(page, 'amount refused', problems);

    await page.getByLabel('Amount to pay (USD)').fill('100');
    await enterCard(page, CARDS.declined);
    await page.getByRole('button', { name: 'Pay $100.00' }).click();
    await see(page.getByText('Your card was declined.', { exact: false }));
    await checkScreen(page, 'card declined', problems);

    await enterCard(page, CARDS.visa);
    await page.getByRole('button', { name: 'Pay $100.00' }).click();
    await see(page.getByRole('heading', { name: 'Payment received' }));
    await checkScreen(page, 'payment received', problems);

    await expireToken(t, c.tokenId);
    await page.reload();
    await see(page.getByRole('heading', { name: 'This link no longer works' }));
    await checkScreen(page, 'dead link', problems);

    const french = await visit(paymentLink(t, await quebecCustomer(), '?lang=fr-CA'), { viewport });
    await see(french.page.getByRole('heading', { name: /^Facture / }));
    await checkScreen(french.page, 'French invoice', problems);

    expect(problems).toEqual([]);
  });
});
