/**
 * The data end-to-end tests start from. Customers, invoices, links and admin keys are made through the domain
 * services, as the API and the CLI make them. Raw Prisma is used here only for states no API call produces (time
 * having passed, history recorded without Stripe, money received outside the portal, a database that fails) and to
 * read the provider's ids, which the API never shows. Tests keep their own database reads only for assertions.
 */
import { randomBytes } from 'node:crypto';
import { seedDemo, type DemoSeed } from '../../src/dev/demo-seed';
import { operatorPrincipal } from '../../src/domain/principal';
import { ConfirmPaymentDocument, CreatePaymentIntentDocument } from '../graphql/generated/operations';
import { graphql, type TestApp } from './test-app';

/** Who a fixture acts for: a customer of an organization. */
export interface CustomerRef {
  organizationId: string;
  customerId: string;
}

export interface IssuedToken {
  token: string;
  tokenId: string;
}

export interface SeededCustomer extends DemoSeed, IssuedToken {}

/** A demo organization (admin key, customer, two invoices) and a payment token for its customer, bound to the second invoice if asked. */
export async function seedCustomer(t: TestApp, options: { invoiceBound?: boolean } = {}): Promise<SeededCustomer> {
  const seed = await seedDemo(t.app.services.organizations, t.app.services.billing);
  const issued = await issueToken(t, seed, { invoiceId: options.invoiceBound ? seed.invoiceIds[1] : null });
  return { ...seed, ...issued };
}

export interface ExtraCustomer extends IssuedToken {
  customerId: string;
  invoiceId: string;
  invoiceNumber: string;
}

/** Another customer of the seeded organization, with one open invoice of $120.00 and a payment token. */
export async function anotherCustomer(t: TestApp, seed: SeededCustomer, name = 'Charles Babbage'): Promise<ExtraCustomer> {
  const operator = operatorPrincipal(seed.organizationId);
  const { billing } = t.app.services;
  const customer = await billing.createCustomer(operator, { name, email: 'other@example.com', currency: 'usd' }, null);
  const invoice = await billing.createInvoice(
    operator,
    { customerId: customer.id, lineItems: [{ description: 'Difference Engine parts', quantity: 1, unitAmount: 12_000 }] },
    null,
  );
  const issued = await issueToken(t, { organizationId: seed.organizationId, customerId: customer.id });
  return { customerId: customer.id, invoiceId: invoice.id, invoiceNumber: invoice.number, ...issued };
}

/** A new payment link for the customer, as an operator issues one (`npm run cli -- token issue`). */
export async function issueToken(t: TestApp, customer: CustomerRef, options: { invoiceId?: string | null; expiresInDays?: number } = {}): Promise<IssuedToken> {
  const issued = await t.app.services.tokens.issue(
    operatorPrincipal(customer.organizationId),
    { customerId: customer.customerId, invoiceId: options.invoiceId ?? null, expiresInDays: options.expiresInDays },
    null,
  );
  return { token: issued.token, tokenId: issued.paymentToken.id };
}

/** A new admin API key of the organization, as `npm run cli -- admin-key create` makes one. */
export function createAdminKey(t: TestApp, organizationId: string, name = 'integration'): Promise<{ secret: string; id: string }> {
  return t.app.services.organizations.createAdminKey(operatorPrincipal(organizationId), name);
}

/** The secret of an admin key that has been revoked (an operator's action; there is no API field for it). */
export async function revokedAdminKey(t: TestApp, organizationId: string): Promise<string> {
  const name = `revoked-${randomBytes(4).toString('hex')}`;
  const { secret } = await createAdminKey(t, organizationId, name);
  await t.app.services.organizations.revokeAdminKeysNamed(operatorPrincipal(organizationId), name);
  return secret;
}

/** Moves a link's expiry into the past, as the clock would. */
export async function expireToken(t: TestApp, tokenId: string): Promise<void> {
  await t.app.database.prisma.customerPaymentToken.update({ where: { id: tokenId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
}

/**
 * Card payments received earlier, one per amount, oldest first and a second apart, ending now. Written directly,
 * so reading them is tested on its own, without Stripe.
 */
export async function recordPayments(t: TestApp, customer: CustomerRef & { invoiceIds: string[] }, amounts: number[], options: { invoiceId?: string } = {}): Promise<void> {
  const start = Date.now() - amounts.length * 1_000;
  await t.app.database.prisma.payment.createMany({
    data: amounts.map((amount, i) => ({
      organizationId: customer.organizationId,
      customerId: customer.customerId,
      invoiceId: options.invoiceId ?? customer.invoiceIds[0],
      providerIntentId: `pi_recorded_${randomBytes(8).toString('hex')}`,
      amount,
      currency: 'usd',
      status: 'SUCCEEDED',
      paymentMethodBrand: 'visa',
      paymentMethodLast4: '4242',
      createdAt: new Date(start + (i + 1) * 1_000),
    })),
  });
}

export interface SavedCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault?: boolean;
}

/** Cards saved earlier, oldest first and a second apart. Written directly, so reading them is tested without Stripe. */
export async function saveCards(t: TestApp, customerId: string, cards: SavedCard[]): Promise<void> {
  const start = Date.now() - cards.length * 1_000;
  await t.app.database.prisma.paymentMethod.createMany({
    data: cards.map(({ isDefault, ...card }, i) => ({
      ...card,
      customerId,
      providerPaymentMethodId: `pm_saved_${randomBytes(8).toString('hex')}`,
      defaultForCustomerId: isDefault ? customerId : null,
      createdAt: new Date(start + (i + 1) * 1_000),
    })),
  });
}

/** Part of an invoice paid outside the portal, say by bank transfer, as the billing system records it. */
export async function recordPaidElsewhere(t: TestApp, invoiceId: string, amount: number): Promise<void> {
  await t.app.database.prisma.invoice.update({ where: { id: invoiceId }, data: { amountPaid: { increment: amount } } });
}

/** An invoice paid in full outside the portal. */
export async function markInvoicePaid(t: TestApp, invoiceId: string): Promise<void> {
  const db = t.app.database.prisma;
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  await db.invoice.update({ where: { id: invoice.id }, data: { status: 'PAID', amountPaid: invoice.total } });
}

/** Every invoice of the customer paid in full outside the portal: none is open any more. */
export async function markInvoicesPaid(t: TestApp, customerId: string): Promise<void> {
  for (const invoice of await t.app.database.prisma.invoice.findMany({ where: { customerId } })) await markInvoicePaid(t, invoice.id);
}

/** An invoice the business cancelled in its billing system (no API voids one). */
export async function voidInvoice(t: TestApp, invoiceId: string): Promise<void> {
  await t.app.database.prisma.invoice.update({ where: { id: invoiceId }, data: { status: 'VOID' } });
}

const DAY_MS = 86_400_000;

/**
 * A new open invoice of the customer, issued and due the given number of days from now (negative: in the past), for
 * `amount` minor units on one line, as an admin creates one.
 */
export async function createInvoice(
  t: TestApp,
  customer: CustomerRef,
  { issuedInDays, dueInDays, amount = 10_000 }: { issuedInDays: number; dueInDays: number; amount?: number },
): Promise<{ id: string; number: string }> {
  const now = Date.now();
  const invoice = await t.app.services.billing.createInvoice(
    operatorPrincipal(customer.organizationId),
    {
      customerId: customer.customerId,
      issuedAt: new Date(now + issuedInDays * DAY_MS),
      dueAt: new Date(now + dueInDays * DAY_MS),
      lineItems: [{ description: 'Services', quantity: 1, unitAmount: amount }],
    },
    null,
  );
  return { id: invoice.id, number: invoice.number };
}

/** A payment our server started earlier: its attempt is on file, open, with the provider's intent id. */
export async function openAttempt(t: TestApp, customer: CustomerRef, invoiceId: string, providerIntentId: string, amount: number): Promise<void> {
  await t.app.database.prisma.paymentAttempt.create({
    data: { invoiceId, customerId: customer.customerId, amount, currency: 'usd', status: 'OPEN', providerIntentId },
  });
}

/** The provider's id of the customer, once the customer has one (created on first payment or saved card). */
export async function providerCustomerIdOf(t: TestApp, customerId: string): Promise<string | null> {
  return (await t.app.database.prisma.customer.findUniqueOrThrow({ where: { id: customerId } })).providerCustomerId;
}

/** The provider's id (Stripe's pm_…) of a saved card, which the API never shows. */
export async function providerIdOfCard(t: TestApp, paymentMethodId: string): Promise<string> {
  return (await t.app.database.prisma.paymentMethod.findUniqueOrThrow({ where: { id: paymentMethodId } })).providerPaymentMethodId;
}

/** Renames a table for the length of `run`: the honest way to make the database fail under a running server. */
export async function withTableMissing<T>(t: TestApp, table: string, run: () => Promise<T>): Promise<T> {
  const prisma = t.app.database.prisma;
  await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}Gone"`);
  try {
    return await run();
  } finally {
    await prisma.$executeRawUnsafe(`ALTER TABLE "${table}Gone" RENAME TO "${table}"`);
  }
}

/**
 * A customer of the organization billed in `currency`, with one open invoice of `total` minor units and a payment link
 * for the customer's whole account, as an admin makes them.
 */
export async function customerBilledIn(t: TestApp, organizationId: string, currency: string, total: number): Promise<ExtraCustomer> {
  const operator = operatorPrincipal(organizationId);
  const customer = await t.app.services.billing.createCustomer(operator, { name: 'Emmy Noether', email: null, currency }, null);
  const invoice = await t.app.services.billing.createInvoice(operator, { customerId: customer.id, lineItems: [{ description: 'Lectures', quantity: 1, unitAmount: total }] }, null);
  const issued = await issueToken(t, { organizationId, customerId: customer.id });
  return { customerId: customer.id, invoiceId: invoice.id, invoiceNumber: invoice.number, ...issued };
}

/**
 * An invoice whose currency Stripe does not take: a configuration mistake (the admin API accepts only currencies the
 * payment provider lists), the way a request Stripe refuses as invalid reaches it.
 */
export async function billInUnsupportedCurrency(t: TestApp, invoiceId: string, currency: string): Promise<void> {
  await t.app.database.prisma.invoice.update({ where: { id: invoiceId }, data: { currency } });
}

/**
 * The customer pays `amount` (default: all that is due) of their link's invoice with a Stripe test card, as the
 * payment page does: an intent from our API, confirmed by Stripe.js, then confirmPayment. The webhooks that follow
 * are delivered. A card such as `pm_card_createDispute` or `pm_card_refundFail` makes Stripe act on it afterwards.
 */
export async function payInvoice(t: TestApp, token: string, card = 'pm_card_visa', amount?: number): Promise<{ paymentIntentId: string; paymentId: string }> {
  const created = await graphql(t.url, CreatePaymentIntentDocument, { input: amount ? { amount } : {} }, { token });
  const intent = created.body.data?.createPaymentIntent;
  if (intent?.__typename !== 'PaymentIntent') throw new Error(`expected an intent, got ${JSON.stringify(created.body)}`);
  await t.browser.confirm(intent.id, card);
  const confirmed = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intent.id }, { token });
  const payment = confirmed.body.data?.confirmPayment;
  if (payment?.__typename !== 'Payment') throw new Error(`expected a payment, got ${JSON.stringify(confirmed.body)}`);
  await t.stripe.flushWebhooks();
  return { paymentIntentId: intent.id, paymentId: payment.id };
}

/** generateCustomerPaymentToken's result when it issued a link; fails the test with the error it answered otherwise. */
export function issuedLink<T extends { __typename: string }>(result: T): Extract<T, { __typename: 'GeneratedPaymentToken' }> {
  if (result.__typename !== 'GeneratedPaymentToken') throw new Error(`expected a link, got ${JSON.stringify(result)}`);
  return result as Extract<T, { __typename: 'GeneratedPaymentToken' }>;
}
