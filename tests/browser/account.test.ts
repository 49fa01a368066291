/**
 * A link for the customer's whole account, in Chromium: the balance and every invoice, choosing one to pay, the
 * payment history a page at a time (refunds included), and managing saved cards.
 */
import type { Browser } from 'playwright-core';
import { createInvoice, markInvoicePaid, payInvoice, recordPayments, seedCustomer, type SeededCustomer } from '../support/fixtures';
import {
  answerChallenge,
  assertPageBuilt,
  CARDS,
  DESKTOP,
  enterCard,
  eventually,
  launchChromium,
  openLink,
  paymentLink,
  see,
  type CustomerBrowser,
} from '../support/payment-page';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import { PaymentMethodsDocument } from '../graphql/generated/operations';

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

/** The demo customer (an overdue invoice of $1,925.00, an open one of $499.00) opening a link for the whole account. */
async function accountLink(prepare?: (c: SeededCustomer) => Promise<void>): Promise<{ c: SeededCustomer } & CustomerBrowser> {
  const c = await seedCustomer(t);
  await prepare?.(c);
  const customer = await openLink(browser, paymentLink(t, c.token), { viewport: DESKTOP });
  open.push(customer);
  await see(customer.page.getByRole('heading', { name: 'Your balance' }));
  return { c, ...customer };
}

const texts = (locator: import('playwright-core').Locator) => locator.allInnerTexts();

it('shows who is asking, the balance, and the invoices with the overdue one marked; opening one shows it and Back returns', async () => {
  const { c, page, requests } = await accountLink();
  // The whole first view comes from one GraphQL request.
  expect(requests.filter((r) => new URL(r.url).pathname === '/graphql')).toHaveLength(1);
  await see(page.getByText('Payment request from Demo Organization'));
  await see(page.getByText('Billed to Ada Lovelace'));
  await see(page.getByRole('link', { name: 'billing@demo.example' }));
  await see(page.getByText('$2,424.00'));
  await see(page.getByText('2 open invoices'));

  const rows = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /invoice DEMO-/ }) });
  expect(await texts(rows)).toEqual([expect.stringMatching(/DEMO-.*-001\s+Overdue[\s\S]*\$1,925\.00/), expect.stringMatching(/DEMO-.*-002\s+Open[\s\S]*\$499\.00/)]);

  await page.getByRole('button', { name: /View and pay invoice DEMO-.*-002/ }).click();
  await see(page.getByRole('heading', { name: /Invoice DEMO-.*-002/ }));
  await see(page.getByRole('cell', { name: 'Monthly support plan' }));
  await eventually(async () => expect(await page.getByLabel('Amount to pay (USD)').inputValue()).toBe('499.00'));

  await page.goBack();
  await see(page.getByRole('heading', { name: 'Your balance' }));
  await page.getByRole('button', { name: /View and pay invoice DEMO-.*-001/ }).click();
  await see(page.getByRole('heading', { name: /Invoice DEMO-.*-001/ }));
  await page.getByRole('button', { name: 'Back to all invoices' }).click();
  await see(page.getByRole('heading', { name: 'Your balance' }));
  expect(c.invoiceIds).toHaveLength(2);
});

it('pays the invoice the customer chose, and the balance goes down by that much', async () => {
  const { page } = await accountLink();
  await page.getByRole('button', { name: /View and pay invoice DEMO-.*-001/ }).click();
  await enterCard(page, CARDS.visa);
  await page.getByRole('button', { name: 'Pay $1,925.00' }).click();
  await see(page.getByRole('heading', { name: 'Payment received' }));
  await page.getByRole('button', { name: 'Done' }).click();
  await see(page.getByText('$499.00').first());
  await see(page.getByText('1 open invoice'));
  await see(page.getByText('Paid', { exact: true }));
});

it('lists invoices ten at a time, open ones first and the paid one last', async () => {
  const { page } = await accountLink(async (c) => {
    // 12 more invoices (14 in all), and the overdue demo invoice paid outside the portal: 13 open, 1 paid.
    for (let i = 0; i < 12; i++) await createInvoice(t, c, { issuedInDays: -i, dueInDays: 10 + i, amount: 1_000 + i });
    await markInvoicePaid(t, c.invoiceIds[0]);
  });
  const invoices = page.getByRole('button', { name: /^View (and pay )?invoice/ });
  await eventually(async () => expect(await invoices.count()).toBe(10));
  await page.getByRole('button', { name: 'Show more invoices' }).click();
  await eventually(async () => expect(await invoices.count()).toBe(14));
  const names = await invoices.allInnerTexts();
  expect(names.slice(0, 13).every((name) => name.startsWith('View and pay invoice'))).toBe(true);
  expect(names[13]).toMatch(/^View invoice DEMO-.*-001$/);
  expect(await page.getByRole('button', { name: 'Show more invoices' }).count()).toBe(0);
});

describe('payment history', () => {
  it('shows the newest payments first, and older ones a page at a time', async () => {
    const { page } = await accountLink((c) => recordPayments(t, c, [100, 200, 300, 400, 500, 600, 700]));
    const history = page.getByRole('region', { name: 'Payment history' }).getByRole('listitem');
    await eventually(async () => expect((await texts(history)).map(amountOf)).toEqual(['$7.00', '$6.00', '$5.00', '$4.00', '$3.00']));
    await page.getByRole('button', { name: 'Show older payments' }).click();
    await eventually(async () => expect((await texts(history)).map(amountOf)).toEqual(['$7.00', '$6.00', '$5.00', '$4.00', '$3.00', '$2.00', '$1.00']));
    expect(await page.getByRole('button', { name: 'Show older payments' }).count()).toBe(0);
  });

  it('shows a refund against the payment it came from', async () => {
    const { page, requests } = await accountLink();
    await page.getByRole('button', { name: /View and pay invoice DEMO-.*-002/ }).click();
    await enterCard(page, CARDS.visa);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await see(page.getByRole('heading', { name: 'Payment received' }));
    const confirm = requests.find((r) => /\/confirm$/.test(r.url))!;
    // The business refunds $100 in Stripe's dashboard; Stripe tells our server by webhook.
    await t.stripe.refund(new URL(confirm.url).pathname.split('/')[3], 10_000);
    await t.stripe.flushWebhooks();

    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await see(page.getByRole('region', { name: 'Payment history' }).getByText('Refunded $100.00'));
  });
});

describe('a disputed payment', () => {
  it('shows in the history what the bank took back', async () => {
    const { page } = await accountLink(async (c) => {
      const { paymentIntentId } = await payInvoice(t, c.token);
      await t.stripe.dispute(paymentIntentId, { amount: 20_000 });
      await t.stripe.flushWebhooks();
    });
    await see(page.getByRole('region', { name: 'Payment history' }).getByText('Disputed with your bank: $200.00 reversed'));
  });
});

/** "Nov 30, 2026 · Visa •••• 4242 $7.00 …" → "$7.00" */
function amountOf(text: string): string {
  return /\$[\d,]+\.\d\d/.exec(text)?.[0] ?? text;
}

describe('saved cards', () => {
  const cardsOf = async (c: SeededCustomer) => (await graphql(t.url, PaymentMethodsDocument, undefined, { token: c.token })).body.data!.paymentMethods;

  it('adds cards, makes one the default, and removes one after asking', async () => {
    const { c, page } = await accountLink();
    const cards = page.getByRole('region', { name: 'Saved cards' });
    await see(cards.getByText('No saved cards.'));

    await cards.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, CARDS.visa);
    await cards.getByRole('button', { name: 'Save card' }).click();
    await see(cards.getByText('Visa •••• 4242 is saved.'));

    await cards.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, CARDS.mastercard, '08 / 33');
    await cards.getByRole('button', { name: 'Save card' }).click();
    await see(cards.getByText('Mastercard •••• 4444 is saved.'));
    // The first card saved is the default, and the default comes first.
    await eventually(async () => expect(await texts(cards.getByRole('listitem'))).toEqual([expect.stringMatching(/^Visa ending in 4242.*Default/), expect.stringMatching(/^Mastercard ending in 4444, expires 08\/33/)]));

    await cards.getByRole('button', { name: 'Make Mastercard •••• 4444 the default card' }).click();
    await see(cards.getByText('Mastercard •••• 4444 is now your default card.'));
    await eventually(async () => expect(await texts(cards.getByRole('listitem'))).toEqual([expect.stringMatching(/^Mastercard ending in 4444.*Default/), expect.stringMatching(/^Visa ending in 4242/)]));

    // Removing asks first; keeping the card changes nothing.
    await cards.getByRole('button', { name: 'Remove Visa •••• 4242' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this card?' });
    await see(dialog.getByText('Visa •••• 4242 will no longer be offered for payments.'));
    await dialog.getByRole('button', { name: 'Keep card' }).click();
    expect((await cardsOf(c)).map((card) => card.last4)).toEqual(['4444', '4242']);

    await cards.getByRole('button', { name: 'Remove Visa •••• 4242' }).click();
    await page.getByRole('dialog', { name: 'Remove this card?' }).getByRole('button', { name: 'Remove card' }).click();
    await see(cards.getByText('Visa •••• 4242 was removed.'));
    expect((await cardsOf(c)).map((card) => [card.last4, card.isDefault])).toEqual([['4444', true]]);
  });

  it("saves a card through Stripe's SetupIntent, with the bank's 3-D Secure challenge passed", async () => {
    const { c, page } = await accountLink();
    const cards = page.getByRole('region', { name: 'Saved cards' });
    await cards.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, CARDS.threeDSecure);
    await cards.getByRole('button', { name: 'Save card' }).click();
    await answerChallenge(page, 'Complete authentication');
    await see(cards.getByText('Visa •••• 3184 is saved.'));
    await eventually(async () => expect(await texts(cards.getByRole('listitem'))).toEqual([expect.stringMatching(/^Visa ending in 3184.*Default/)]));
    const [saved] = await t.app.database.prisma.paymentMethod.findMany({ where: { customerId: c.customerId } });
    // Saved through a SetupIntent that Stripe says succeeded for this customer, with this card.
    const setups = await t.browser.stripe.setupIntents.list({ customer: (await t.app.database.prisma.customer.findUniqueOrThrow({ where: { id: c.customerId } })).providerCustomerId! });
    expect(setups.data.map((setup) => [setup.status, setup.payment_method])).toEqual([['succeeded', saved.providerPaymentMethodId]]);
  });

  it('saves nothing when the 3-D Secure challenge fails, and says so', async () => {
    const { c, page } = await accountLink();
    const cards = page.getByRole('region', { name: 'Saved cards' });
    await cards.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, CARDS.threeDSecure);
    await cards.getByRole('button', { name: 'Save card' }).click();
    await answerChallenge(page, 'Fail authentication');
    await see(cards.getByRole('alert').filter({ hasText: 'This card could not be saved.' }));
    await see(cards.getByText('No saved cards.'));
    await t.stripe.flushWebhooks();
    expect(await cardsOf(c)).toEqual([]);
  });

  it('offers a saved card when paying, and pays with it without asking for the number again', async () => {
    const { c, page } = await accountLink();
    const cards = page.getByRole('region', { name: 'Saved cards' });
    await cards.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, CARDS.mastercard);
    await cards.getByRole('button', { name: 'Save card' }).click();
    await see(cards.getByText('Mastercard •••• 4444 is saved.'));

    await page.getByRole('button', { name: /View and pay invoice DEMO-.*-002/ }).click();
    await eventually(async () => expect(await page.getByRole('radio', { name: /Mastercard ending in 4444/ }).isChecked()).toBe(true));
    expect(await page.frameLocator('iframe[title="Secure card payment input frame"]').getByLabel('Card number').count()).toBe(0);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await see(page.getByText('You paid $499.00 with Mastercard ending in 4444.'));
    expect(await t.app.database.prisma.payment.count({ where: { customerId: c.customerId } })).toBe(1);
  });
});
