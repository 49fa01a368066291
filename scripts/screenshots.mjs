// `npm run screenshots`: pictures of the payment page's main screens, in English and French, on a desktop and a
// phone, into docs/screenshots/ (shown in the README). It runs the built server (dist/) on a scratch SQLite database
// with the local Stripe emulator and demo data, and Debian's Chromium through Playwright, as the browser tests do.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const { startApp } = require(join(root, 'dist/src/app.js'));
const { loadConfig } = require(join(root, 'dist/src/config/config.js'));
const { localStripe } = require(join(root, 'dist/src/dev/local-stripe.js'));
const { seedDemo } = require(join(root, 'dist/src/dev/demo-seed.js'));
const { chromium } = require('playwright-core');

const out = join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'portal-screenshots-'));

const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: `file:${join(scratch, 'shots.db')}`, PORT: '0', STRIPE_EMULATOR_PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'false' });
const stripe = await localStripe(config);
const app = await startApp(stripe.config);
stripe.connect(app.url);

const { services } = app;
const seed = await seedDemo(services.organizations, services.billing);
const operator = { kind: 'operator', organizationId: seed.organizationId };
const tokenFor = async (customerId, invoiceId = null) => (await services.tokens.issue(operator, { customerId, invoiceId }, null)).token;
const quebec = await services.billing.createCustomer(operator, { name: 'Gabrielle Roy', email: 'gabrielle@example.ca', currency: 'cad', locale: 'fr-CA' }, null);
const now = Date.now();
const day = 86_400_000;
const cadInvoices = [
  await services.billing.createInvoice(operator, { customerId: quebec.id, issuedAt: new Date(now - 40 * day), dueAt: new Date(now - 10 * day), lineItems: [{ description: 'Entretien annuel', quantity: 1, unitAmount: 45_000 }] }, null),
  await services.billing.createInvoice(
    operator,
    { customerId: quebec.id, issuedAt: new Date(now - 3 * day), dueAt: new Date(now + 27 * day), lineItems: [{ description: 'Forfait de soutien', quantity: 2, unitAmount: 50_000 }, { description: 'Déplacement', quantity: 1, unitAmount: 13_000 }] },
    null,
  ),
];

/** Per language: the customer, a link for the whole account, and a link bound to one open invoice. */
const people = {
  en: { lang: 'en-US', account: await tokenFor(seed.customerId), bound: await tokenFor(seed.customerId, seed.invoiceIds[1]) },
  fr: { lang: 'fr-CA', account: await tokenFor(quebec.id), bound: await tokenFor(quebec.id, cadInvoices[1].id) },
};
const devices = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** The whole page in one picture. The window is made as tall as the page: Stripe's iframes do not render in Chromium's stitched full-page shots. */
async function shoot(page, name) {
  await page.waitForTimeout(300);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: page.viewportSize().width, height });
  await page.screenshot({ path: join(out, `${name}.png`) });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
}

try {
  for (const [language, person] of Object.entries(people)) {
    const t = language === 'fr';
    for (const [device, viewport] of Object.entries(devices)) {
      const open = async (token) => {
        const context = await browser.newContext({ viewport, locale: person.lang });
        const page = await context.newPage();
        await page.goto(`${app.url}/pay?lang=${person.lang}#${token}`);
        return page;
      };
      const prefix = `${language}-${device}`;

      const account = await open(person.account);
      await account.getByRole('heading', { name: t ? 'Votre solde' : 'Your balance' }).waitFor();
      await shoot(account, `${prefix}-account`);
      await account.context().close();

      const invoice = await open(person.bound);
      await invoice.getByRole('heading', { name: t ? /^Facture / : /^Invoice / }).waitFor();
      const card = invoice.frameLocator('iframe[title="Secure card payment input frame"]');
      await card.getByLabel('Card number').fill('4242 4242 4242 4242');
      await card.getByLabel('Expiration date').fill('12 / 34');
      await card.getByLabel('CVC').fill('123');
      await invoice.getByLabel(t ? /^Montant à payer/ : /^Amount to pay/).fill(t ? '500,00' : '100.00');
      await shoot(invoice, `${prefix}-pay`);
      await invoice.setViewportSize(viewport);
      await invoice.getByRole('button', { name: t ? /^Payer / : /^Pay / }).click();
      await invoice.getByRole('heading', { name: t ? 'Paiement reçu' : 'Payment received' }).waitFor();
      await shoot(invoice, `${prefix}-paid`);
      await invoice.context().close();

      const dead = await open('cpt_000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      await dead.getByRole('heading', { name: t ? 'Ce lien ne fonctionne plus' : 'This link no longer works' }).waitFor();
      await shoot(dead, `${prefix}-link-no-longer-works`);
      await dead.context().close();
    }
  }
} finally {
  await browser.close();
  await app.close();
  await stripe.emulator?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
