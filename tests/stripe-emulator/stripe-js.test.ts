// The emulator's Stripe.js (GET /v3/), driven in Debian's Chromium from a page on another origin under a strict CSP,
// as the customer payment page uses it; and the API's publishable-key rules and CORS, over plain HTTP.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import Stripe from 'stripe';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';
import { API_KEY, stripeClient } from './emulator-harness';

/** The part of Stripe.js's API these tests call, with results as loose objects (checked with toMatchObject). */
type Result = { paymentIntent?: any; setupIntent?: any; paymentMethod?: any; error?: any };
interface StripeJs {
  elements(options?: object): { create(type: string, options?: object): CardElement; getElement(type: string): CardElement | null };
  confirmCardPayment(clientSecret: string, data?: object, options?: { handleActions?: boolean }): Promise<Result>;
  confirmCardSetup(clientSecret: string, data?: object, options?: { handleActions?: boolean }): Promise<Result>;
  retrieveSetupIntent(clientSecret: string): Promise<Result>;
  handleNextAction(options: { clientSecret: string }): Promise<Result>;
  handleCardAction(clientSecret: string): Promise<Result>;
  createPaymentMethod(data: object): Promise<Result>;
  retrievePaymentIntent(clientSecret: string): Promise<Result>;
}
interface CardElement { mount(target: string): void; unmount(): void; destroy(): void; clear(): void; focus(): void }
interface ChangeEvent { elementType: 'card'; empty: boolean; complete: boolean; brand: string; error?: { type: string; code: string; message: string } }
/** The harness page's globals. */
interface HarnessWindow {
  Stripe: (key: string, options?: object) => StripeJs;
  stripe: StripeJs;
  card: CardElement;
  events: Array<{ type: string; event: ChangeEvent }>;
  payment?: Promise<Result>;
}
// Browser globals for the functions Playwright runs in the page; module-scoped, as this project's type-check has no DOM lib.
declare const window: HarnessWindow;
declare const document: any;
declare function getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string };

const PUBLISHABLE_KEY = 'pk_test_stripe_js_suite';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A page on its own origin that loads the emulator's Stripe.js under a strict CSP (no inline script or style), as the real page will. */
async function startHarness(emulator: StripeEmulator): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Stripe.js harness</title>
<script src="${emulator.jsUrl}"></script></head>
<body>
<button id="before" type="button">Before</button>
<form id="pay"><div id="card"></div><button id="submit" type="submit">Pay</button></form>
<div id="elsewhere"></div>
<script src="/harness.js"></script>
</body></html>`;
  const script = `
window.stripe = Stripe(${JSON.stringify(PUBLISHABLE_KEY)});
window.events = [];
window.card = stripe.elements().create('card');
['ready', 'change', 'focus', 'blur'].forEach(function (type) { card.on(type, function (event) { events.push({ type: type, event: event }); }); });
card.mount('#card');
document.getElementById('pay').addEventListener('submit', function (event) {
  event.preventDefault();
  window.payment = stripe.confirmCardPayment(document.body.dataset.clientSecret, { payment_method: { card: card } });
});`;
  const csp = `default-src 'self'; script-src 'self' ${emulator.url}; frame-src ${emulator.url}; connect-src 'self' ${emulator.url}; style-src 'self'; frame-ancestors 'none'`;
  const server = http.createServer((req, res) => {
    if (req.url === '/harness.js') return void res.writeHead(200, { 'Content-Type': 'application/javascript' }).end(script);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/** Polls until `check` passes (the iframes talk to the page asynchronously). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Stripe emulator: Stripe.js in a browser', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let browser: Browser;
  let harness: { url: string; close(): Promise<void> };
  let context: BrowserContext;
  let page: Page;
  /** Console errors (CSP violations among them) and uncaught exceptions, from the page and its frames. */
  let problems: string[];

  beforeAll(async () => {
    emulator = await startStripeEmulator({ apiKey: API_KEY, publishableKey: PUBLISHABLE_KEY });
    stripe = stripeClient(emulator);
    [browser, harness] = await Promise.all([chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }), startHarness(emulator)]);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await emulator?.stop();
  });

  /** A fresh context and the harness page with its card Element ready. */
  async function openPage(viewport = { width: 1024, height: 768 }): Promise<void> {
    context = await browser.newContext({ viewport });
    page = await context.newPage();
    problems = [];
    page.on('console', (message) => {
      // Chromium logs every 4xx API answer (a decline is a 402), as it does with Stripe's.
      if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
        problems.push(`${message.location().url}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(harness.url);
    await eventually(() => page.evaluate(() => window.events.some((e) => e.type === 'ready')), Boolean, 'the card Element to be ready');
  }
  beforeEach(() => openPage());
  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  const cardFrame = (): FrameLocator => page.frameLocator('iframe[title="Secure card payment input frame"]');
  const challengeFrame = (): FrameLocator => page.frameLocator('iframe[title="3D Secure authentication"]');

  async function fillCard(number: string, expiry = '12 / 34', cvc = '123'): Promise<void> {
    const frame = cardFrame();
    await frame.getByLabel('Card number').fill(number);
    await frame.getByLabel('Expiration date').fill(expiry);
    await frame.getByLabel('CVC').fill(cvc);
    await eventually(lastChange, (event) => event?.complete === true, 'a complete card');
  }
  const lastChange = () => page.evaluate(() => window.events.filter((e) => e.type === 'change').pop()?.event);

  const newIntent = (params: Partial<Stripe.PaymentIntentCreateParams> = {}) =>
    stripe.paymentIntents.create({ amount: 2500, currency: 'usd', allowed_payment_method_types: ['card'], metadata: { invoice: 'inv_secret' }, ...params });

  /** Starts confirmCardPayment with the card Element; the promise settles when Stripe.js resolves. */
  const payWithCard = (clientSecret: string, options?: { handleActions?: boolean }) =>
    page.evaluate(([secret, opts]) => window.stripe.confirmCardPayment(secret, { payment_method: { card: window.card } }, opts), [clientSecret, options] as const);

  describe('confirmCardPayment with the card Element', () => {
    it('pays with 4242 4242 4242 4242, saves the card when asked, and shows the browser no secret-key data', async () => {
      const customer = await stripe.customers.create({ name: 'Ada' });
      const intent = await newIntent({ customer: customer.id });
      await fillCard('4242 4242 4242 4242');
      const result = await page.evaluate((secret) => window.stripe.confirmCardPayment(secret, {
        payment_method: { card: window.card, billing_details: { name: 'Ada Lovelace' } }, setup_future_usage: 'off_session',
      }), intent.client_secret!);

      expect(result.error).toBeUndefined();
      expect(result.paymentIntent).toMatchObject({ id: intent.id, object: 'payment_intent', status: 'succeeded', amount: 2500, client_secret: intent.client_secret });
      for (const secretOnly of ['metadata', 'customer', 'latest_charge', 'amount_received']) expect(result.paymentIntent).not.toHaveProperty(secretOnly);

      const paid = await stripe.paymentIntents.retrieve(intent.id, { expand: ['payment_method'] });
      expect(paid).toMatchObject({ status: 'succeeded', payment_method: { customer: customer.id, billing_details: { name: 'Ada Lovelace' }, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 } } });
      await expect(page.evaluate((secret) => window.stripe.retrievePaymentIntent(secret), intent.client_secret!)).resolves.toMatchObject({ paymentIntent: { status: 'succeeded' } });
    });

    it('resolves a declined card with Stripe\'s card_error, the intent back in requires_payment_method', async () => {
      const intent = await newIntent();
      await fillCard('4000 0000 0000 0002');
      const { error, paymentIntent } = await payWithCard(intent.client_secret!);
      expect(paymentIntent).toBeUndefined();
      expect(error).toMatchObject({
        type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.',
        payment_intent: { id: intent.id, status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } },
        payment_method: { card: { last4: '0002' } },
      });
      expect(error.payment_intent).not.toHaveProperty('metadata');
      expect(error.payment_method.card).not.toHaveProperty('fingerprint');
    });

    it('resolves insufficient funds (4000 0000 0000 9995) with its decline code and message', async () => {
      const intent = await newIntent();
      await fillCard('4000 0000 0000 9995');
      await expect(payWithCard(intent.client_secret!)).resolves.toMatchObject({
        error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: { id: intent.id } },
      });
    });
  });

  /** Waits for the challenge dialog, checks what it shows (the amount, or saving the card) and where focus is, then answers it. */
  async function answerChallenge(button: 'Complete authentication' | 'Fail authentication', shown = '$25.00'): Promise<void> {
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await challengeFrame().getByRole('heading', { name: '3D Secure authentication' }).waitFor();
    await challengeFrame().getByText(shown).waitFor();
    await eventually(() => challengeFrame().getByRole('button', { name: 'Complete authentication' }).evaluate((b) => b === document.activeElement), Boolean, 'focus in the dialog');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    await challengeFrame().getByRole('button', { name: button }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  describe('3-D Secure (4000 0027 6000 3184)', () => {
    it('confirmCardPayment opens the challenge; completing it pays, closes the dialog and returns focus', async () => {
      const intent = await newIntent();
      await fillCard('4000 0027 6000 3184');
      await page.locator('#submit').focus();
      const payment = payWithCard(intent.client_secret!);
      await answerChallenge('Complete authentication');
      await expect(payment).resolves.toMatchObject({ paymentIntent: { id: intent.id, status: 'succeeded' } });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('submit');
      await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({ status: 'succeeded' });
    });

    it('confirmCardPayment resolves a failed challenge with payment_intent_authentication_failure', async () => {
      const intent = await newIntent();
      await fillCard('4000 0027 6000 3184');
      const payment = payWithCard(intent.client_secret!);
      await answerChallenge('Fail authentication');
      await expect(payment).resolves.toMatchObject({
        error: { type: 'card_error', code: 'payment_intent_authentication_failure', payment_intent: { id: intent.id, status: 'requires_payment_method' } },
      });
    });

    it('with handleActions: false the intent is left in requires_action; handleNextAction runs the challenge', async () => {
      const intent = await newIntent();
      await fillCard('4000 0027 6000 3184');
      await expect(payWithCard(intent.client_secret!, { handleActions: false })).resolves.toMatchObject({
        paymentIntent: { status: 'requires_action', next_action: { type: 'use_stripe_sdk' } },
      });
      expect(await page.getByRole('dialog').count()).toBe(0);

      const next = page.evaluate((secret) => window.stripe.handleNextAction({ clientSecret: secret }), intent.client_secret!);
      await answerChallenge('Complete authentication');
      await expect(next).resolves.toMatchObject({ paymentIntent: { id: intent.id, status: 'succeeded' } });
      await expect(page.evaluate((secret) => window.stripe.handleNextAction({ clientSecret: secret }), intent.client_secret!)).resolves.toMatchObject({
        error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' },
      });
    });

    it('handleCardAction after a server-side confirmation: a failed challenge resolves with the error', async () => {
      const intent = await newIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true });
      expect(intent.status).toBe('requires_action');
      const next = page.evaluate((secret) => window.stripe.handleCardAction(secret), intent.client_secret!);
      await answerChallenge('Fail authentication');
      await expect(next).resolves.toMatchObject({ error: { type: 'card_error', code: 'payment_intent_authentication_failure', payment_intent: { status: 'requires_payment_method' } } });
    });
  });

  describe('confirmCardSetup: saving a card with a SetupIntent', () => {
    const SAVING = 'confirm that this card may be saved for later payments';
    const newSetup = async () => {
      const customer = await stripe.customers.create({});
      const intent = await stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ['card'], usage: 'off_session', metadata: { invoice: 'inv_secret' } });
      return { customer: customer.id, intent };
    };
    const setUpWithCard = (clientSecret: string, options?: { handleActions?: boolean }) =>
      page.evaluate(([secret, opts]) => window.stripe.confirmCardSetup(secret, { payment_method: { card: window.card } }, opts), [clientSecret, options] as const);
    const saved = async (customer: string) => (await stripe.paymentMethods.list({ customer })).data.map((pm) => pm.card?.last4);

    it('saves 4242 4242 4242 4242 to the SetupIntent\'s customer, showing the browser no secret-key data', async () => {
      const { customer, intent } = await newSetup();
      await fillCard('4242 4242 4242 4242');
      const { setupIntent, error } = await setUpWithCard(intent.client_secret!);
      expect(error).toBeUndefined();
      expect(setupIntent).toMatchObject({ id: intent.id, object: 'setup_intent', status: 'succeeded', usage: 'off_session', payment_method: expect.stringMatching(/^pm_/) });
      for (const secretOnly of ['metadata', 'customer']) expect(setupIntent).not.toHaveProperty(secretOnly);
      expect(await saved(customer)).toEqual(['4242']);
      await expect(page.evaluate((secret) => window.stripe.retrieveSetupIntent(secret), intent.client_secret!)).resolves.toMatchObject({ setupIntent: { status: 'succeeded' } });
    });

    it('with 4000 0027 6000 3184 opens the challenge for saving the card; completing it saves the card', async () => {
      const { customer, intent } = await newSetup();
      await fillCard('4000 0027 6000 3184');
      const setup = setUpWithCard(intent.client_secret!);
      await answerChallenge('Complete authentication', SAVING);
      await expect(setup).resolves.toMatchObject({ setupIntent: { id: intent.id, status: 'succeeded' } });
      expect(await saved(customer)).toEqual(['3184']);
    });

    it('resolves a failed challenge with setup_intent_authentication_failure, saving nothing', async () => {
      const { customer, intent } = await newSetup();
      await fillCard('4000 0027 6000 3184');
      const setup = setUpWithCard(intent.client_secret!);
      await answerChallenge('Fail authentication', SAVING);
      await expect(setup).resolves.toMatchObject({
        error: { code: 'setup_intent_authentication_failure', setup_intent: { id: intent.id, status: 'requires_payment_method' } },
      });
      expect(await saved(customer)).toEqual([]);
    });

    it('with handleActions: false leaves it in requires_action; handleNextAction runs the challenge', async () => {
      const { customer, intent } = await newSetup();
      await fillCard('4000 0025 0000 3155');
      await expect(setUpWithCard(intent.client_secret!, { handleActions: false })).resolves.toMatchObject({
        setupIntent: { status: 'requires_action', next_action: { type: 'use_stripe_sdk' } },
      });
      const next = page.evaluate((secret) => window.stripe.handleNextAction({ clientSecret: secret }), intent.client_secret!);
      await answerChallenge('Complete authentication', SAVING);
      await expect(next).resolves.toMatchObject({ setupIntent: { id: intent.id, status: 'succeeded' } });
      expect(await saved(customer)).toEqual(['3155']);
      await expect(page.evaluate((secret) => window.stripe.handleNextAction({ clientSecret: secret }), intent.client_secret!)).resolves.toMatchObject({
        error: { type: 'invalid_request_error', code: 'setup_intent_unexpected_state', setup_intent: { status: 'succeeded' } },
      });
    });

    it('resolves a declined card (4000 0000 0000 0002) with the card error, and by PaymentMethod id too', async () => {
      const { intent } = await newSetup();
      await fillCard('4000 0000 0000 0002');
      await expect(setUpWithCard(intent.client_secret!)).resolves.toMatchObject({
        error: { type: 'card_error', code: 'card_declined', setup_intent: { id: intent.id, status: 'requires_payment_method' } },
      });
      await expect(page.evaluate((secret) => window.stripe.confirmCardSetup(secret, { payment_method: 'pm_card_visa' }), intent.client_secret!))
        .resolves.toMatchObject({ setupIntent: { status: 'succeeded' } });
      await expect(page.evaluate(() => window.stripe.confirmCardSetup('pi_123_secret_abc'))).rejects.toThrow(/Invalid value for stripe\.confirmCardSetup intent secret/);
    });
  });

  it('pays with 4000 0000 0000 0259, a payment its bank then disputes', async () => {
    const intent = await newIntent();
    await fillCard('4000 0000 0000 0259');
    await expect(payWithCard(intent.client_secret!)).resolves.toMatchObject({ paymentIntent: { status: 'succeeded' } });
    await eventually(async () => (await stripe.disputes.list({ payment_intent: intent.id })).data, (disputes) => disputes.length === 1, 'the dispute');
  });

  it('createPaymentMethod makes a PaymentMethod from the card field, which then pays by id; declining cards only decline when charged', async () => {
    await fillCard('5555 5555 5555 4444', '04 / 33', '321');
    const { paymentMethod, error } = await page.evaluate(() => window.stripe.createPaymentMethod({ type: 'card', card: window.card, billing_details: { name: 'Grace Hopper' } }));
    expect(error).toBeUndefined();
    expect(paymentMethod).toMatchObject({
      id: expect.stringMatching(/^pm_/), object: 'payment_method', type: 'card', billing_details: { name: 'Grace Hopper' },
      card: { brand: 'mastercard', last4: '4444', exp_month: 4, exp_year: 2033 },
    });
    expect(paymentMethod).not.toHaveProperty('metadata');
    expect(paymentMethod.card).not.toHaveProperty('fingerprint');

    const intent = await newIntent();
    await expect(page.evaluate(([secret, pm]) => window.stripe.confirmCardPayment(secret, { payment_method: pm }), [intent.client_secret!, paymentMethod.id] as const))
      .resolves.toMatchObject({ paymentIntent: { status: 'succeeded', payment_method: paymentMethod.id } });

    await cardFrame().getByLabel('Card number').fill('4000 0000 0000 0002');
    const declining = await page.evaluate(() => window.stripe.createPaymentMethod({ type: 'card', card: window.card }));
    expect(declining).toMatchObject({ paymentMethod: { card: { last4: '0002' } } });
    const second = await newIntent();
    await expect(page.evaluate(([secret, pm]) => window.stripe.confirmCardPayment(secret, { payment_method: pm }), [second.client_secret!, declining.paymentMethod.id] as const))
      .resolves.toMatchObject({ error: { code: 'card_declined', decline_code: 'generic_decline' } });
  });

  it('reports Stripe\'s validation messages in change events: incomplete on leaving a field, invalid at once', async () => {
    const frame = cardFrame();
    const number = frame.getByLabel('Card number');
    const errorOf = async (code: string) => (await eventually(lastChange, (e) => e?.error?.code === code, code))!.error;

    await number.fill('4242');
    expect(await lastChange()).toMatchObject({ elementType: 'card', empty: false, complete: false, brand: 'visa' });
    expect((await lastChange())!.error).toBeUndefined();
    await frame.getByLabel('Expiration date').focus();
    expect(await errorOf('incomplete_number')).toEqual({ type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' });
    expect(await number.getAttribute('aria-invalid')).toBe('true');

    await number.fill('4242 4242 4242 4241');
    expect(await errorOf('invalid_number')).toMatchObject({ message: 'Your card number is invalid.' });
    await number.fill('4242424242424242');
    expect(await number.inputValue()).toBe('4242 4242 4242 4242');

    const now = new Date();
    const expiry = frame.getByLabel('Expiration date');
    await expiry.fill(`01 / ${String(now.getFullYear() - 2001).padStart(2, '0')}`);
    expect(await errorOf('invalid_expiry_year_past')).toMatchObject({ message: "Your card's expiration year is in the past." });
    if (now.getMonth() > 0) {
      await expiry.fill(`${String(now.getMonth()).padStart(2, '0')} / ${String(now.getFullYear() - 2000)}`);
      expect(await errorOf('invalid_expiry_month_past')).toMatchObject({ message: "Your card's expiration date is in the past." });
    }
    await expiry.fill('12 / 3');
    await frame.getByLabel('CVC').focus();
    expect(await errorOf('incomplete_expiry')).toMatchObject({ message: "Your card's expiration date is incomplete." });
    await expiry.fill('1234');
    expect(await expiry.inputValue()).toBe('12 / 34');

    await frame.getByLabel('CVC').fill('12');
    await number.focus();
    expect(await errorOf('incomplete_cvc')).toMatchObject({ message: "Your card's security code is incomplete." });
    await frame.getByLabel('CVC').fill('123');
    const complete = await eventually(lastChange, (e) => e?.complete === true, 'complete');
    expect(complete).toMatchObject({ empty: false, complete: true, brand: 'visa' });
    expect(complete!.error).toBeUndefined();

    await page.evaluate(() => window.card.clear());
    await eventually(lastChange, (e) => e?.empty === true, 'cleared');
    await expect(page.evaluate(() => window.stripe.createPaymentMethod({ type: 'card', card: window.card }))).resolves.toEqual({
      error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' },
    });
  });

  it('can be used with the keyboard alone: Tab into the fields, type, Tab out and submit', async () => {
    const intent = await newIntent();
    await page.evaluate((secret) => { document.body.dataset.clientSecret = secret; }, intent.client_secret!);
    await page.locator('#before').focus();
    await page.keyboard.press('Tab');
    const frame = cardFrame();
    await eventually(() => frame.getByLabel('Card number').evaluate((input) => input === document.activeElement), Boolean, 'focus in Card number');
    await page.keyboard.type('4242424242424242');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1234');
    expect(await frame.getByLabel('Expiration date').inputValue()).toBe('12 / 34');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('submit');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => window.payment)).resolves.toMatchObject({ paymentIntent: { status: 'succeeded' } });
    const types = await page.evaluate(() => window.events.map((e) => e.type));
    expect(types).toEqual(expect.arrayContaining(['focus', 'blur']));
  });

  it('keeps the card number out of the page: the iframe is cross-origin, and neither events nor the page\'s requests carry it', async () => {
    const parentRequests: string[] = [];
    page.on('request', (request) => {
      if (request.frame() === page.mainFrame()) parentRequests.push(`${request.url()} ${request.postData() ?? ''}`);
    });
    const intent = await newIntent();
    await fillCard('4242 4242 4242 4242');
    await payWithCard(intent.client_secret!);

    const access = await page.evaluate(() => {
      const frame = document.querySelector('iframe')!;
      try {
        return `${frame.contentDocument === null ? 'no contentDocument' : 'contentDocument'}; ${frame.contentWindow!.document ? 'document' : ''}`;
      } catch (error) {
        return `${frame.contentDocument === null ? 'no contentDocument' : 'contentDocument'}; ${(error as Error).name}`;
      }
    });
    expect(access).toBe('no contentDocument; SecurityError');
    const seenByPage = JSON.stringify([await page.content(), await page.evaluate(() => window.events), parentRequests]);
    expect(seenByPage).not.toMatch(/4242 ?4242 ?4242 ?4242/);
    expect(parentRequests.some((r) => r.includes(`/v1/payment_intents/${intent.id}/confirm`))).toBe(true);
  });

  it('can be unmounted and mounted elsewhere, and is ready again', async () => {
    await page.evaluate(() => {
      window.card.unmount();
      window.events.length = 0;
      window.card.mount('#elsewhere');
    });
    await eventually(() => page.evaluate(() => window.events.map((e) => e.type)), (types) => types.includes('ready'), 'ready after mounting again');
    expect(await page.locator('#card iframe').count()).toBe(0);
    await fillCard('4242 4242 4242 4242');
    await expect(page.evaluate(() => window.stripe.createPaymentMethod({ type: 'card', card: window.card }))).resolves.toMatchObject({ paymentMethod: { card: { last4: '4242' } } });
  });

  it('is usable 375 px wide, with visible focus', async () => {
    await context.close();
    await openPage({ width: 375, height: 740 });
    const frame = cardFrame();
    const layout = await frame.locator('body').evaluate(() => ({
      overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      widths: ['number', 'expiry', 'cvc'].map((id) => document.getElementById(id)!.getBoundingClientRect().width),
    }));
    expect(layout.overflow).toBe(false);
    expect(layout.widths.every((w) => w >= 100)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 375)).toBe(true);
    await fillCard('4242 4242 4242 4242');
    await frame.getByLabel('CVC').focus();
    const outline = await frame.getByLabel('CVC').evaluate((input) => getComputedStyle(input).outlineStyle + ' ' + getComputedStyle(input).outlineWidth);
    expect(outline).toBe('solid 3px');
    expect(await page.locator('#card').getAttribute('class')).toContain('StripeElement--focus');
  });

  it('throws, naming the method, for what the emulator does not implement', async () => {
    const errors = await page.evaluate(() => {
      const attempt = (call: () => unknown) => {
        try {
          call();
          return 'no error';
        } catch (error) {
          return (error as Error).message;
        }
      };
      const stripe = window.stripe as unknown as Record<string, () => unknown>;
      return [
        attempt(() => stripe.confirmPayment()),
        attempt(() => window.stripe.elements().create('payment')),
        attempt(() => window.Stripe('sk_test_123')),
        attempt(() => window.stripe.confirmCardPayment('not a client secret')),
      ];
    });
    expect(errors).toEqual([
      'stripe.confirmPayment is not implemented by the local Stripe emulator',
      "elements.create('payment') is not implemented by the local Stripe emulator (it implements the 'card' Element)",
      expect.stringMatching(/^You are using a secret key with Stripe\.js/),
      expect.stringMatching(/^Invalid value for stripe\.confirmCardPayment intent secret/),
    ]);
  });

  it('lets the browser call the API with the key in an Authorization header after a CORS preflight', async () => {
    const result = await page.evaluate(async ([url, key]) => {
      const response = await fetch(`${url}/v1/payment_methods`, {
        method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123',
      });
      return { status: response.status, body: await response.json() };
    }, [emulator.url, PUBLISHABLE_KEY] as const);
    expect(result).toMatchObject({ status: 200, body: { object: 'payment_method', card: { last4: '4242' } } });
  });

  describe('the API with a publishable key (plain HTTP)', () => {
    const call = async (method: string, path: string, { key = PUBLISHABLE_KEY, body }: { key?: string; body?: string } = {}) => {
      const response = await fetch(`${emulator.url}${path}`, {
        method, body: method === 'GET' ? undefined : body ?? '', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://page.example' },
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    };
    const refused = {
      status: 403,
      body: { error: { type: 'invalid_request_error', message: expect.stringMatching(/^This API call cannot be made with a publishable API key\. Please use a secret API key\./) } },
    };
    const card = 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123';

    it('creates card PaymentMethods, checking the card as Stripe does, and answers with CORS headers', async () => {
      const created = await call('POST', '/v1/payment_methods', { body: card });
      expect(created).toMatchObject({ status: 200, body: { object: 'payment_method', card: { brand: 'visa', last4: '4242' } } });
      expect(created.headers.get('access-control-allow-origin')).toBe('*');
      const keyParameter = await fetch(`${emulator.url}/v1/payment_methods`, {
        method: 'POST', body: `key=${PUBLISHABLE_KEY}&${card}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(keyParameter.status).toBe(200);
      await expect(call('POST', '/v1/payment_methods', { body: card.replace('4242424242424242', '4242424242424241') })).resolves.toMatchObject({
        status: 402, body: { error: { type: 'card_error', code: 'incorrect_number', param: 'card[number]' } },
      });
    });

    it('retrieves and confirms a SetupIntent only with its client_secret', async () => {
      const intent = await stripe.setupIntents.create({ allowed_payment_method_types: ['card'], metadata: { invoice: 'inv_secret' } });
      const path = `/v1/setup_intents/${intent.id}`;
      const retrieved = await call('GET', `${path}?client_secret=${intent.client_secret}`);
      expect(retrieved).toMatchObject({ status: 200, body: { id: intent.id, status: 'requires_payment_method' } });
      expect(retrieved.body).not.toHaveProperty('metadata');
      await expect(call('GET', `${path}?client_secret=${intent.id}_secret_wrong`)).resolves.toMatchObject({
        status: 400, body: { error: { param: 'client_secret', message: 'The client_secret provided does not match the client_secret associated with the SetupIntent.' } },
      });
      await expect(call('GET', path)).resolves.toMatchObject(refused);
      await expect(call('POST', '/v1/setup_intents', { body: 'usage=off_session' })).resolves.toMatchObject(refused);
      await expect(call('POST', `${path}/confirm`, { body: `client_secret=${intent.client_secret}&payment_method=pm_card_visa&use_stripe_sdk=true` })).resolves.toMatchObject({
        status: 200, body: { status: 'succeeded' },
      });
    });

    it('retrieves and confirms a PaymentIntent only with its client_secret, showing no secret-key data', async () => {
      const customer = await stripe.customers.create({});
      const intent = await newIntent({ customer: customer.id });
      const path = `/v1/payment_intents/${intent.id}`;
      const retrieved = await call('GET', `${path}?client_secret=${intent.client_secret}`);
      expect(retrieved).toMatchObject({ status: 200, body: { id: intent.id, status: 'requires_payment_method' } });
      for (const secretOnly of ['metadata', 'customer', 'latest_charge']) expect(retrieved.body).not.toHaveProperty(secretOnly);

      const mismatch = {
        status: 400,
        body: { error: { type: 'invalid_request_error', param: 'client_secret', message: 'The client_secret provided does not match the client_secret associated with the PaymentIntent.' } },
      };
      await expect(call('GET', `${path}?client_secret=${intent.id}_secret_wrong`)).resolves.toMatchObject(mismatch);
      await expect(call('POST', `${path}/confirm`, { body: `client_secret=${intent.id}_secret_wrong&payment_method=pm_card_visa` })).resolves.toMatchObject(mismatch);
      await expect(call('GET', path)).resolves.toMatchObject(refused);
      await expect(call('POST', `${path}/confirm`, { body: `client_secret=${intent.client_secret}&payment_method=pm_card_visa` })).resolves.toMatchObject({
        status: 200, body: { status: 'succeeded' },
      });
    });

    it('refuses everything else as Stripe does; the SDK sees a StripePermissionError', async () => {
      const intent = await newIntent();
      for (const [method, path] of [
        ['POST', '/v1/customers'], ['GET', '/v1/payment_intents'], ['POST', '/v1/payment_intents'], [`POST`, `/v1/payment_intents/${intent.id}`],
        ['POST', `/v1/payment_intents/${intent.id}/cancel`], ['GET', '/v1/events'], ['POST', '/v1/refunds'], ['GET', '/v1/payment_methods/pm_card_visa'],
        ['POST', '/_emulator/faults'],
      ]) {
        await expect(call(method, path)).resolves.toMatchObject(refused);
      }
      await expect(call('GET', '/v1/nothing_here')).resolves.toMatchObject({ status: 404 });
      const error = await stripeClient(emulator, {}, PUBLISHABLE_KEY).customers.create({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    });

    it('accepts only the configured publishable key (any pk_test_ key when none is), never a live one', async () => {
      expect(emulator.publishableKey).toBe(PUBLISHABLE_KEY);
      await expect(call('POST', '/v1/payment_methods', { key: 'pk_test_other', body: card })).resolves.toMatchObject({ status: 401 });
      const open = await startStripeEmulator();
      try {
        expect(open.publishableKey).toBe('pk_test_emulator');
        expect(open.jsUrl).toBe(`${open.url}/v3/`);
        const post = (key: string) => fetch(`${open.url}/v1/payment_methods`, { method: 'POST', body: card, headers: { Authorization: `Bearer ${key}` } });
        expect((await post('pk_test_anything')).status).toBe(200);
        expect((await post('pk_live_anything')).status).toBe(401);
      } finally {
        await open.stop();
      }
    });

    it('answers CORS preflights as api.stripe.com does', async () => {
      const response = await fetch(`${emulator.url}/v1/payment_methods`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://page.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
      });
      expect(response.status).toBe(204);
      expect(Object.fromEntries(['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers'].map((h) => [h, response.headers.get(h)]))).toEqual({
        'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, PUT, PATCH, POST, DELETE', 'access-control-allow-headers': 'authorization, content-type',
      });
    });
  });

  it('serves Stripe.js and its frames with sane headers; a frame only for the page origin named in its URL', async () => {
    for (const path of ['/v3/', '/v3']) {
      const script = await fetch(`${emulator.url}${path}`);
      expect([script.status, script.headers.get('content-type')]).toEqual([200, 'application/javascript; charset=utf-8']);
      expect(await script.text()).toContain(`var ORIGIN = "${emulator.url}";`);
    }
    const frame = await fetch(`${emulator.url}/v3/elements/card?parentOrigin=${encodeURIComponent('http://page.example')}&key=${PUBLISHABLE_KEY}&id=card1`);
    expect(frame.status).toBe(200);
    expect(frame.headers.get('x-content-type-options')).toBe('nosniff');
    expect(frame.headers.get('content-security-policy')).toMatch(/script-src 'self'; .*frame-ancestors http:\/\/page\.example$/);
    expect(await frame.text()).not.toMatch(/<script>|style=/);
    expect((await fetch(`${emulator.url}/v3/elements/card?parentOrigin=${encodeURIComponent('http://page.example; script-src *')}`)).status).toBe(400);
  });
});
