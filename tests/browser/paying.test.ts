/**
 * Paying an invoice on the payment page, in Chromium, as a customer does it: open the link from the email, check
 * the amount, type a card into Stripe's field, pay, and see what happened. The server, its database and Stripe (the
 * emulator, playing Stripe.js too) are real; nothing is stubbed.
 */
import type { Browser } from 'playwright-core';
import { DEMO_SUPPORT_EMAIL } from '../../src/dev/demo-seed';
import { createInvoice, issueToken, markInvoicesPaid, recordPaidElsewhere, recordPayments, seedCustomer, type SeededCustomer } from '../support/fixtures';
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
    [
      'leaving less than the minimum to pay later',
      '498.80',
      'That would leave less than $0.50 to pay, which no card can be charged. Pay all $499.00, or at most $498.50.',
    ],
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

  it('says in French, too, that a part would leave too little to pay later ("498,80")', async () => {
    const c = await seedCustomer(t, { invoiceBound: true });
    const customer = await openLink(browser, paymentLink(t, c.token, '?lang=fr-CA'), { viewport: PHONE, locale: 'fr-CA' });
    open.push(customer);
    const { page, requests } = customer;
    await page.getByRole('heading', { name: /^Facture DEMO-/ }).waitFor();
    await enterCard(page, CARDS.visa);
    await page.getByLabel('Montant à payer (USD)').fill('498,80');
    const before = requests.length;
    await page.getByRole('button', { name: /^Payer / }).click();
    await see(page.getByRole('alert').filter({ hasText: 'Il resterait moins de 0,50 $ US à payer, un montant qu’aucune carte ne peut régler. Payez la totalité (499,00 $ US) ou au plus 498,50 $ US.' }));
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

it('says when an invoice owes less than the smallest card payment: it cannot be paid online, and whom to contact', async () => {
  const c = await seedCustomer(t, { invoiceBound: true });
  await recordPaidElsewhere(t, c.invoiceIds[1], 49_900 - 30);
  const customer = await openLink(browser, paymentLink(t, c.token), { viewport: PHONE });
  open.push(customer);
  const { page } = customer;
  await page.getByRole('heading', { name: /^Invoice DEMO-/ }).waitFor();
  await see(page.getByText('The $0.30 still due is less than the smallest card payment ($0.50), so this invoice cannot be paid online.'));
  await see(page.getByText('Please contact Demo Organization to settle it.'));
  await see(page.getByRole('link', { name: DEMO_SUPPORT_EMAIL }).nth(1));
  expect(await page.getByRole('button', { name: /^Pay / }).count()).toBe(0);
});

it("pays an invoice above a card's largest single charge in parts: the most a card takes at once, then the rest", async () => {
  const c = await seedCustomer(t);
  const invoice = await createInvoice(t, c, { issuedInDays: 0, dueInDays: 30, amount: 150_000_000 });
  const { token } = await issueToken(t, c, { invoiceId: invoice.id });
  const customer = await openLink(browser, paymentLink(t, token), { viewport: PHONE });
  open.push(customer);
  const { page, requests } = customer;
  await page.getByRole('heading', { name: `Invoice ${invoice.number}` }).waitFor();
  await eventually(async () => expect(await page.getByLabel('Amount to pay (USD)').inputValue()).toBe('999,999.99'));
  await see(page.getByText('A card can be charged at most $999,999.99 at once: pay from $0.50 up to that now, and the rest afterwards.'));

  // All of it at once is refused before anything is sent.
  await enterCard(page, CARDS.visa);
  await page.getByLabel('Amount to pay (USD)').fill('1,500,000.00');
  const before = requests.length;
  await page.getByRole('button', { name: /^Pay / }).click();
  await see(page.getByRole('alert').filter({ hasText: 'A card can be charged at most $999,999.99 at once. Pay up to that now, and the rest in another payment.' }));
  expect(requests.slice(before).filter((r) => r.url.endsWith('/graphql'))).toEqual([]);

  await page.getByLabel('Amount to pay (USD)').fill('999,999.99');
  await page.getByRole('button', { name: 'Pay $999,999.99' }).click();
  await page.getByRole('heading', { name: 'Payment received' }).waitFor();
  await see(page.getByText(`Remaining on invoice ${invoice.number}: $500,000.01.`));
  await page.getByRole('button', { name: 'Pay the rest' }).click();
  await eventually(async () => expect(await page.getByLabel('Amount to pay (USD)').inputValue()).toBe('500,000.01'));
});

it("shows a link for one invoice that invoice's payments only, and no way to change saved cards", async () => {
  const c = await seedCustomer(t, { invoiceBound: true });
  await recordPayments(t, c, [1_111], { invoiceId: c.invoiceIds[0] });
  await recordPayments(t, c, [2_222], { invoiceId: c.invoiceIds[1] });
  const customer = await openLink(browser, paymentLink(t, c.token), { viewport: PHONE });
  open.push(customer);
  const { page } = customer;
  await page.getByRole('heading', { name: 'Payment history' }).waitFor();
  await see(page.getByText('$22.22'));
  expect(await page.getByText('$11.11').count()).toBe(0);
  expect(await page.getByRole('heading', { name: 'Saved cards' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Add a card' }).count()).toBe(0);
});

it('says so when, while the page was open, what is due fell below the smallest card payment', async () => {
  const { c, page } = await customerOnPhone();
  await recordPaidElsewhere(t, c.invoiceIds[1], 49_900 - 30);
  await enterCard(page, CARDS.visa);
  await page.getByRole('button', { name: 'Pay $499.00' }).click();
  await see(page.getByText('The $0.30 still due is less than the smallest card payment ($0.50), so this invoice cannot be paid online.'));
  await see(page.getByText('Please contact Demo Organization to settle it.'));
  await eventually(async () => expect(await page.getByRole('button', { name: /^Pay / }).count()).toBe(0));
  expect(await paymentsOf(c)).toEqual([]);
});
