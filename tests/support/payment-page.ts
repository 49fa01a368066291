/**
 * The customer's side of the payment page: Debian's Chromium driven by Playwright against the real server, its
 * database and the Stripe emulator (which also plays Stripe.js). Elements are found as a person finds them, by role
 * and label. Every request the page makes is recorded, so tests can check where the link's secret goes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import type { TestApp } from './test-app';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser download cannot work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** As the machine's notes advise: without these, headless Chromium keeps trying to reach Google's hosts. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** The page is built by `npm test` (npm run build); a test run without it says what to do instead of failing oddly. */
export function assertPageBuilt(): void {
  const index = join(__dirname, '..', '..', 'dist', 'web', 'index.html');
  if (!existsSync(index)) throw new Error('The payment page is not built: run `npm run build` (npm test does it first).');
}

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface CustomerBrowser {
  page: Page;
  context: BrowserContext;
  /** Every request the page and its frames made, in order. */
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** The link as the admin sends it: the secret in the fragment. */
export function paymentLink(t: TestApp, token: string, query = ''): string {
  return `${t.url}/pay${query}#${token}`;
}

/** Opens a fresh browser profile (no cookies, no storage) on the link, as a customer clicking it in an email. */
export async function openLink(
  browser: Browser,
  url: string,
  options: { viewport?: { width: number; height: number }; locale?: string; reducedMotion?: 'reduce' } = {},
): Promise<CustomerBrowser> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: options.locale ?? 'en-US', reducedMotion: options.reducedMotion ?? 'reduce' });
  const requests: SeenRequest[] = [];
  context.on('request', (request) => {
    void request.allHeaders().then(
      (headers) => requests.push({ url: request.url(), method: request.method(), headers, body: request.postData() }),
      () => requests.push({ url: request.url(), method: request.method(), headers: request.headers(), body: request.postData() }),
    );
  });
  const page = await context.newPage();
  await page.goto(url);
  return { page, context, requests, close: () => context.close() };
}

/** Stripe's card field (an iframe of the emulator's origin, as Stripe's is of js.stripe.com). */
export function cardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Secure card payment input frame"]');
}

/** Types a card into Stripe's field, as a customer does. */
export async function enterCard(page: Page, number: string, expiry = '12 / 34', cvc = '123'): Promise<void> {
  const card = cardFrame(page);
  await card.getByLabel('Card number').fill(number);
  await card.getByLabel('Expiration date').fill(expiry);
  await card.getByLabel('CVC').fill(cvc);
}

/** The bank's 3-D Secure challenge, which Stripe.js shows in a modal. */
export async function answerChallenge(page: Page, outcome: 'Complete authentication' | 'Fail authentication'): Promise<void> {
  await page.frameLocator('iframe[title="3D Secure authentication"]').getByRole('button', { name: outcome }).click();
}

/** Stripe's test cards, by what they do. */
export const CARDS = {
  visa: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  threeDSecure: '4000 0027 6000 3184',
} as const;

/** Every place the secret appears in the page's traffic, other than its own Authorization header. */
export function secretLeaks(requests: SeenRequest[], token: string): string[] {
  const leaks: string[] = [];
  for (const request of requests) {
    if (request.url.includes(token)) leaks.push(`${request.method} ${request.url}: in the URL`);
    if (request.body?.includes(token)) leaks.push(`${request.method} ${request.url}: in the body`);
    for (const [name, value] of Object.entries(request.headers)) {
      if (!value.includes(token)) continue;
      const ownApi = name === 'authorization' && value === `Bearer ${token}` && new URL(request.url).pathname === '/graphql';
      if (!ownApi) leaks.push(`${request.method} ${request.url}: in the ${name} header`);
    }
  }
  return leaks;
}

/** axe-core, run in the page as it is now; returns the serious and critical violations. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy (no inline scripts) stays as it is.
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** True when the page is wider than the window (the customer would have to scroll sideways). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/**
 * Retries an assertion until it passes or `timeoutMs` runs out: the page updates asynchronously, as a person sees
 * it settle. (Playwright's own web-first assertions belong to its test runner; these tests run in Jest.)
 */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Waits until the element is on screen (what a person would look for), failing after Playwright's timeout. */
export async function see(locator: Locator, timeoutMs?: number): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
}
