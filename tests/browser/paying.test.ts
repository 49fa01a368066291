/**
 * Paying an invoice on the payment page, in Chromium, as a customer does it: open the link from the email, check
 * the amount, type a card into Stripe's field, pay, and see what happened. The server, its database and Stripe (the
 * emulator, playing Stripe.js too) are real; nothing is stubbed.
 */
import type { Browser } from 'playwright-core';
import { markInvoicesPaid, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { answerChallenge, assertPageBuilt, CARDS, enterCard, eventually, launchChromium, openLink, paymentLink, PHONE, secretLeaks, see, type CustomerBrowser } from '../support/payment-page';
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
  t.stripe.faults.reset();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** A customer whose link is bound to one open invoice of $499.00, opening it on a phone. */
async function customerOnPhone(): Promise<{ c: SeededCustomer } & CustomerBrowser> {
  const c = await seedCustomer(t, { invoiceBound: true });
  const customer = await openLink(browser, paymentLink(t, c.token), { viewport: PHONE });
  open.push(customer);
  await customer.page.getByRole('heading', { name: /^Invoice DEMO-/ }).waitFor();
  return { c, ...customer };
}

const paymentsOf = (c: SeededCustomer) => t.app.database.prisma.payment.findMany({ where: { customerId: c.customerId }, orderBy: { createdAt: 'asc' } });

describe('paying with a new card', () => {
  it('pays the full amount due, saves the card, and shows a confirmation with the card and the new balance', async () => {
    const { c, page, requests } = await customerOnPhone();
    await eventually(async () => expect(await page.getByLabel('Amount to pay (USD)').inputValue()).toBe('499.00'));
    await enterCard(page, CARDS.visa);
    await page.getByLabel('Save this card for future payments').check();
    await page.getByRole('button', { name: 'Pay $499.00' }).click();

    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    await see(page.getByText('You paid $499.00 with Visa ending in 4242.'));
    await see(page.getByText(/Invoice DEMO-.*-002 is now paid in full\./));
    await see(page.getByText('Paid', { exact: true }));

    expect(await paymentsOf(c)).toMatchObject([{ amount: 49_900, paymentMethodBrand: 'visa', paymentMethodLast4: '4242' }]);
    expect(await t.app.database.prisma.paymentMethod.findMany({ where: { customerId: c.customerId } })).toMatchObject([{ brand: 'visa', last4: '4242' }]);
    // The secret went only to our API, in the Authorization header: never to Stripe, never in a URL.
    expect(secretLeaks(requests, c.token)).toEqual([]);
  });

  it('pays part of the invoice now, and the rest later with the card it saved', async () => {
    const { c, page } = await customerOnPhone();
    await page.getByLabel('Amount to pay (USD)').fill('100');
    await enterCard(page, CARDS.mastercard);
    await page.getByLabel('Save this card for future payments').check();
    await page.getByRole('button', { name: 'Pay $100.00' }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    await see(page.getByText(/Remaining on invoice DEMO-.*-002: \$399\.00\./));

    await page.getByRole('button', { name: 'Pay the rest' }).click();
    await eventually(async () => expect(await page.getByLabel('Amount to pay (USD)').inputValue()).toBe('399.00'));
    await eventually(async () => expect(await page.getByRole('radio', { name: /Mastercard ending in 4444/ }).isChecked()).toBe(true));
    await page.getByRole('button', { name: 'Pay $399.00' }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    await see(page.getByText('You paid $399.00 with Mastercard ending in 4444.'));
    await see(page.getByText(/is now paid in full/));

    expect((await paymentsOf(c)).map((p) => p.amount)).toEqual([10_000, 39_900]);
  });

  it('says why a card was declined, charges nothing, and takes another card', async () => {
    const { c, page } = await customerOnPhone();
    await enterCard(page, CARDS.declined);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await see(page.getByRole('alert').filter({ hasText: 'Your card was declined.' }));
    await see(page.getByText(/Nothing was charged/));
    expect(await paymentsOf(c)).toEqual([]);

    await enterCard(page, CARDS.visa);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    expect(await paymentsOf(c)).toHaveLength(1);
  });

  it("gives the bank's reason for insufficient funds", async () => {
    const { page } = await customerOnPhone();
    await enterCard(page, CARDS.insufficientFunds);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await see(page.getByRole('alert').filter({ hasText: 'Your card has insufficient funds.' }));
  });
});

describe('3-D Secure', () => {
  it("pays once the customer passes the bank's challenge", async () => {
    const { c, page } = await customerOnPhone();
    await enterCard(page, CARDS.threeDSecure);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await answerChallenge(page, 'Complete authentication');
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    expect(await paymentsOf(c)).toMatchObject([{ amount: 49_900, paymentMethodLast4: '3184' }]);
  });

  it('charges nothing when the challenge fails, and says so', async () => {
    const { c, page } = await customerOnPhone();
    await enterCard(page, CARDS.threeDSecure);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await answerChallenge(page, 'Fail authentication');
    await see(page.getByRole('alert').filter({ hasText: 'We could not verify this payment with your bank.' }));
    expect(await paymentsOf(c)).toEqual([]);
    await eventually(async () => expect(await page.getByRole('button', { name: 'Pay $499.00' }).isEnabled()).toBe(true));
  });
});

describe('a payment the bank is still processing', () => {
  it('shows it as processing, then as received when Stripe settles it (by webhook)', async () => {
    const { c, page, requests } = await customerOnPhone();
    t.stripe.faults.configure({ nextConfirmProcessing: true });
    await enterCard(page, CARDS.visa);
    await page.getByRole('button', { name: 'Pay $499.00' }).click();
    await page.getByRole('heading', { name: 'Payment processing' }).waitFor();
    expect(await paymentsOf(c)).toEqual([]);

    const confirm = requests.find((r) => /\/v1\/payment_intents\/pi_\w+\/confirm$/.test(new URL(r.url).pathname))!;
    const paymentIntentId = new URL(confirm.url).pathname.split('/')[3];
    await t.stripe.succeedOutOfBand(paymentIntentId);

    await page.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 15_000 });
    await see(page.getByText('You paid $499.00 with Visa ending in 4242.'));
    expect(await paymentsOf(c)).toHaveLength(1);
  });

  it('tells a second payment attempt that one is already in progress', async () => {
    const first = await customerOnPhone();
    t.stripe.faults.configure({ nextConfirmProcessing: true });
    await enterCard(first.page, CARDS.visa);
    await first.page.getByLabel('Amount to pay (USD)').fill('200');
    await first.page.getByRole('button', { name: 'Pay $200.00' }).click();
    await first.page.getByRole('heading', { name: 'Payment processing' }).waitFor();

    // The same link opened again (another tab), paying a different amount.
    const second = await openLink(browser, paymentLink(t, first.c.token), { viewport: PHONE });
    open.push(second);
    await enterCard(second.page, CARDS.visa);
    await second.page.getByRole('button', { name: 'Pay $499.00' }).click();
    await see(second.page.getByRole('alert').filter({ hasText: 'A payment for this invoice is already being processed.' }));
  });
});

describe('the amount', () => {
  it.each([
    ['not a number', 'forty', 'Enter an amount, for example 45.50.'],
    ['more than is due', '499.01', 'The most you can pay on this invoice is $499.00.'],
    ["below the card network's minimum", '0.49', 'The least you can pay is $0.50.'],
  ])('is refused next to the field when it is %s, before anything is sent', async (_case, typed, message) => {
    const { page, requests } = await customerOnPhone();
    await enterCard(page, CARDS.visa);
    await page.getByLabel('Amount to pay (USD)').fill(typed);
    const before = requests.length;
    await page.getByRole('button', { name: /^Pay / }).click();
    await see(page.getByRole('alert').filter({ hasText: message }));
    await eventually(async () => expect(await page.getByLabel('Amount to pay (USD)').evaluate((element) => element === document.activeElement)).toBe(true));
    expect(await page.getByLabel('Amount to pay (USD)').getAttribute('aria-invalid')).toBe('true');
    expect(requests.slice(before).filter((r) => r.url.endsWith('/graphql'))).toEqual([]);
  });

  it('accepts an amount written the way people write it ("1,5" is $1.50)', async () => {
    const { c, page } = await customerOnPhone();
    await page.getByLabel('Amount to pay (USD)').fill('$ 1,5');
    await enterCard(page, CARDS.visa);
    await page.getByRole('button', { name: 'Pay $1.50' }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor();
    expect(await paymentsOf(c)).toMatchObject([{ amount: 150 }]);
  });
});

it('says when the invoice can no longer be paid, and shows it as paid', async () => {
  const { c, page } = await customerOnPhone();
  await markInvoicesPaid(t, c.customerId);
  await enterCard(page, CARDS.visa);
  await page.getByRole('button', { name: 'Pay $499.00' }).click();
  await see(page.getByRole('alert').filter({ hasText: 'This invoice can no longer be paid' }));
  await see(page.getByText('This invoice is paid in full. Thank you!'));
  expect(await paymentsOf(c)).toEqual([]);
});
