/**
 * Several instances: two server processes (`node dist/src/main.js`, NODE_ENV=production) on one PostgreSQL
 * database and one Redis, and one Stripe emulator whose webhooks go to the first of them, as behind a load
 * balancer. Requests alternate between the instances.
 *
 * Runs in the PostgreSQL pass of `npm test`: sharing a database server and Redis is the deployment this is about.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import Stripe from 'stripe';
import {
  BalanceDocument,
  ConfirmPaymentDocument,
  CreateCustomerDocument,
  CreateInvoiceDocument,
  CreatePaymentIntentDocument,
  GenerateCustomerPaymentTokenDocument,
  type CreatePaymentIntentMutation,
} from '../graphql/generated/operations';
import { startStripeEmulator, type StripeEmulator } from '../../src/stripe-emulator';
import { killAllServers, runCliProcess, spawnServer, type ServerProcess } from '../support/server-process';
import { Browser } from '../support/stripe-browser';
import { createScratchDatabase, errorCodes, graphql, testDatabase, type ScratchDatabase } from '../support/test-app';
import { issuedLink } from '../support/fixtures';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const INVOICE_TOTAL = 49_900;

const describeOnPostgres = testDatabase() === 'postgresql' ? describe : describe.skip;

describeOnPostgres('two server processes on one PostgreSQL database and one Redis (PostgreSQL pass only)', () => {
  let database: ScratchDatabase;
  let stripe: StripeEmulator;
  let browser: Browser;
  let instances: ServerProcess[];
  let adminKey: string;
  let sql: pg.Client;

  beforeAll(async () => {
    database = await createScratchDatabase();
    stripe = await startStripeEmulator({ apiKey: 'sk_test_emulator', webhookRetryDelaysMs: [50, 200, 500, 1000] });
    browser = new Browser(stripe);
    const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL,
      // Budgets in this Redis are this run's alone.
      RATE_LIMIT_KEY_PREFIX: `multi-${randomBytes(6).toString('hex')}`,
      // Payments are raced below far more often than a customer would; viewing keeps its production budget of 20.
      RATE_LIMIT_PAYMENT_PER_MINUTE: '10000',
      LOG_LEVEL: 'warn',
      STRIPE_SECRET_KEY: 'sk_test_emulator',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_emulator',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: stripe.url,
    };
    expect((await runCliProcess(['migrate'], env)).code).toBe(0);
    instances = await Promise.all([spawnServer(env), spawnServer(env)]);
    stripe.setWebhookEndpoint({ url: `${instances[0].url}/webhooks/stripe`, secret: webhookSecret });

    const seeded = await runCliProcess(['demo-seed', '--json'], env);
    expect(seeded.code).toBe(0);
    adminKey = JSON.parse(seeded.stdout).adminApiKey;
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await killAllServers();
    await sql?.end();
    await stripe?.stop();
    await database?.drop();
  });

  /** Instance i % 2: consecutive calls alternate between the two. */
  const on = (i: number) => instances[i % 2].url;

  /** A new customer with one open invoice of $499.00, through the admin API of either instance, and a link bound to it. */
  async function customerWithInvoice(i: number) {
    const customer = (await graphql(on(i), CreateCustomerDocument, { input: { name: `Customer ${i}`, email: `c${i}@example.com` } }, { token: adminKey })).body.data!.createCustomer;
    const invoice = (await graphql(on(i + 1), CreateInvoiceDocument, { input: { customerId: customer.id, lineItems: [{ description: 'Plan', quantity: 1, unitAmount: INVOICE_TOTAL }] } }, { token: adminKey })).body
      .data!.createInvoice;
    const issued = issuedLink((await graphql(on(i), GenerateCustomerPaymentTokenDocument, { input: { customerId: customer.id, invoiceId: invoice.id } }, { token: adminKey })).body.data!
      .generateCustomerPaymentToken);
    return { customerId: customer.id, invoiceId: invoice.id, token: issued.token };
  }

  it('both report ready: the database and Redis answer', async () => {
    for (const server of instances) {
      const res = await fetch(`${server.url}/ready`);
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'up', redis: 'up' } } });
    }
  });

  it('share rate limits through Redis: 20 views spread over both instances are answered, the 21st is refused by either', async () => {
    const { token } = await customerWithInvoice(0);
    const answered = [];
    for (let i = 0; i < 20; i++) answered.push(errorCodes(await graphql(on(i), BalanceDocument, undefined, { token })));
    expect(answered).toEqual(Array(20).fill([]));

    expect(errorCodes(await graphql(on(20), BalanceDocument, undefined, { token }))).toEqual(['RATE_LIMITED']);
    expect(errorCodes(await graphql(on(21), BalanceDocument, undefined, { token }))).toEqual(['RATE_LIMITED']);
  });

  it('record each payment once and never take more than is due, with intents, confirmations and webhooks racing over both', async () => {
    stripe.faults.configure({ duplicateWebhooks: true });
    const customers = await Promise.all([1, 2, 3, 4].map((i) => customerWithInvoice(i)));

    const createIntent = async (i: number, token: string, amount?: number) => {
      const res = await graphql(on(i), CreatePaymentIntentDocument, { input: amount ? { amount } : {} }, { token });
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.createPaymentIntent;
    };
    const confirmOnBoth = async (token: string, paymentIntentId: string) => {
      const results = await Promise.all([0, 1, 0, 1].map((i) => graphql(on(i), ConfirmPaymentDocument, { paymentIntentId }, { token })));
      for (const res of results) expect(res.body.errors).toBeUndefined();
      return results.map((res) => res.body.data!.confirmPayment.__typename);
    };
    const intentIds = (results: CreatePaymentIntentMutation['createPaymentIntent'][]) => [...new Set(results.flatMap((r) => (r.__typename === 'PaymentIntent' ? [r.id] : [])))];

    await Promise.all(
      customers.map(async ({ token }) => {
        // Several tabs ask for different amounts at once, on both instances.
        const asked = await Promise.all([10_000, 20_000, INVOICE_TOTAL, 30_000, INVOICE_TOTAL, 15_000].map((amount, i) => createIntent(i, token, amount)));
        for (const result of asked) expect(['PaymentIntent', 'PaymentInProgressError']).toContain(result.__typename);
        const handedOut = intentIds(asked);
        const payable = [];
        for (const id of handedOut) if (['requires_payment_method', 'requires_confirmation'].includes((await browser.stripe.paymentIntents.retrieve(id)).status)) payable.push(id);
        expect(payable.length).toBeLessThanOrEqual(1);

        // The customer pays every intent they were handed while a new amount is asked for on the other instance,
        // and confirmPayment is sent to both instances while the webhooks (duplicated) arrive at the first.
        await Promise.all([
          ...handedOut.map(async (id) => {
            const paid = await browser.confirm(id, 'pm_card_visa').catch(() => null);
            if (paid && !(paid instanceof Stripe.errors.StripeError) && paid.status === 'succeeded') await confirmOnBoth(token, id);
          }),
          createIntent(1, token, 5_000),
        ]);

        // Whatever is still due is paid in full, racing in the same way, until the invoice is not payable.
        for (let round = 0; round < 6; round++) {
          const rest = await createIntent(round, token);
          if (rest.__typename === 'PaymentInProgressError') continue;
          if (rest.__typename !== 'PaymentIntent') {
            expect(rest).toMatchObject({ __typename: 'InvoiceNotPayableError', invoiceStatus: 'PAID' });
            return;
          }
          const paid = await browser.confirm(rest.id, 'pm_card_visa').catch(() => null);
          if (paid && !(paid instanceof Stripe.errors.StripeError) && paid.status === 'succeeded') {
            expect(new Set(await confirmOnBoth(token, rest.id))).toEqual(new Set(['Payment']));
          }
        }
        throw new Error('the invoice was still payable after six rounds');
      }),
    );
    await stripe.flushWebhooks();

    for (const c of customers) {
      const { rows: payments } = await sql.query<{ providerIntentId: string; amount: number; overpaidAmount: number }>(
        `SELECT "providerIntentId", amount, "overpaidAmount" FROM "Payment" WHERE "customerId" = $1`,
        [c.customerId],
      );
      const { rows: [invoice] } = await sql.query<{ amountPaid: number; status: string }>(`SELECT "amountPaid", status FROM "Invoice" WHERE id = $1`, [c.invoiceId]);
      const providerCustomer = (await sql.query<{ providerCustomerId: string }>(`SELECT "providerCustomerId" FROM "Customer" WHERE id = $1`, [c.customerId])).rows[0].providerCustomerId;
      const atStripe = (await browser.stripe.paymentIntents.list({ customer: providerCustomer, limit: 100 })).data.filter((pi) => pi.status === 'succeeded');

      // Money taken at Stripe is exactly what was due, and each succeeded intent is one payment row.
      expect(atStripe.reduce((sum, pi) => sum + pi.amount_received, 0)).toBe(INVOICE_TOTAL);
      expect(payments.map((p) => p.providerIntentId).sort()).toEqual(atStripe.map((pi) => pi.id).sort());
      expect(payments.reduce((sum, p) => sum + p.amount, 0)).toBe(INVOICE_TOTAL);
      expect(payments.every((p) => p.overpaidAmount === 0)).toBe(true);
      expect(invoice).toEqual({ amountPaid: INVOICE_TOTAL, status: 'PAID' });
    }
    // Both instances did the work: each answered GraphQL requests, and webhooks were delivered (duplicates included).
    for (const server of instances) {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/portal_graphql_operations_total\{operation="ConfirmPayment",type="mutation",result="ok"\} [1-9]/);
    }
    expect(stripe.deliveries.filter((d) => d.type === 'payment_intent.succeeded' && d.status === 200).length).toBeGreaterThan(customers.length);
  });
});
