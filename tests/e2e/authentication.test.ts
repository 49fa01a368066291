/**
 * One shared check over the whole schema: every portal field refuses every kind of bad credential
 * the same way, every admin field refuses customer tokens, and through a link bound to one invoice no portal field
 * shows or changes anything of the customer's other invoices. A new field is covered without a new test.
 */
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApiSchema } from '../../src/api/schema';
import { loadConfig } from '../../src/config/config';
import { LINK_EXPIRED_MESSAGE, UNAUTHENTICATED_MESSAGE } from '../../src/domain/errors';
import {
  AddPaymentMethodDocument,
  ConfirmPaymentDocument,
  CreatePaymentIntentDocument,
  InvoicesDocument,
  PaymentHistoryDocument,
  PaymentMethodsDocument,
  RevokeCustomerPaymentTokenDocument,
  SetDefaultMethodDocument,
} from '../graphql/generated/operations';
import { expectNothingChanged, snapshotDatabase, type DatabaseSnapshot } from '../security/support';
import { expireToken, issueToken, revokedAdminKey, saveCards, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import { fullOperation, minimalOperation, rootFields, textArgumentPaths } from '../support/schema-walk';

const schema = buildApiSchema(loadConfig({ NODE_ENV: 'test' }).rateLimits);
const portalFields = rootFields(schema).filter((f) => f.access === 'customer');
const adminFields = rootFields(schema).filter((f) => f.access === 'admin');

let t: TestApp;
let seed: SeededCustomer;
const credentials: Record<string, string | undefined> = {};

beforeAll(async () => {
  // No limits: this suite sends many bad credentials from one address on purpose.
  t = await startTestApp(NO_RATE_LIMITS);
  seed = await seedCustomer(t);
  const valid = seed.token;
  const [prefix, selector, verifier] = [valid.slice(0, 4), valid.slice(4, 28), valid.slice(29)];

  const revoked = await issueToken(t, seed);
  await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: revoked.tokenId }, { token: seed.adminApiKey });
  const expired = await issueToken(t, seed);
  await expireToken(t, expired.tokenId);

  Object.assign(credentials, {
    missing: undefined,
    'not a bearer header': `Basic ${Buffer.from('a:b').toString('base64')}`,
    malformed: 'Bearer cpt_nope',
    'wrong verifier': `Bearer ${prefix}${selector}_${verifier.split('').reverse().join('')}`,
    'unknown selector': `Bearer ${prefix}${'0'.repeat(24)}_${verifier}`,
    expired: `Bearer ${expired.token}`,
    'expired and mistyped': `Bearer ${expired.token.slice(0, -1)}${expired.token.endsWith('A') ? 'B' : 'A'}`,
    revoked: `Bearer ${revoked.token}`,
    'revoked admin key': `Bearer ${await revokedAdminKey(t, seed.organizationId)}`,
  });
  credentials.valid = `Bearer ${valid}`;
  credentials.admin = `Bearer ${seed.adminApiKey}`;
});

afterAll(() => t?.stop());

const badCredentials = ['missing', 'not a bearer header', 'malformed', 'wrong verifier', 'unknown selector', 'expired and mistyped', 'revoked', 'revoked admin key'];

/** Only a link whose secret verifies is told it expired: its holder knows the secret already, so this tells nothing. */
function expectLinkExpired(res: { body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }) {
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0]).toMatchObject({ message: LINK_EXPIRED_MESSAGE, extensions: { code: 'LINK_EXPIRED' } });
}

describe.each(portalFields.map((f) => [f.field.name, f] as const))('portal field %s', (_name, field) => {
  it.each(badCredentials)('refuses a %s credential with UNAUTHENTICATED and the common message', async (kind) => {
    const headers: Record<string, string> = credentials[kind] ? { authorization: credentials[kind]! } : {};
    const res = await graphql(t.url, minimalOperation(field), undefined, { headers });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a genuine expired link with LINK_EXPIRED', async () => {
    expectLinkExpired(await graphql(t.url, minimalOperation(field), undefined, { headers: { authorization: credentials.expired! } }));
  });

  it('refuses an admin key with FORBIDDEN', async () => {
    const res = await graphql(t.url, minimalOperation(field), undefined, { headers: { authorization: credentials.admin! } });
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('never takes the token from the query string', async () => {
    const token = credentials.valid!.slice('Bearer '.length);
    const res = await fetch(`${t.url}/graphql?token=${token}&access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: minimalOperation(field) }),
    });
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

/**
 * A link that authenticated a moment ago is let in ahead of its check on its next request (AuthService.begin): the
 * operation starts while its row is read again beside the operation's own reads. Revoked or expired in between, it
 * must still be refused exactly as before, and nothing it asked for may happen.
 */
async function usedThen(change: 'revoked' | 'expired', customer: SeededCustomer = seed): Promise<{ authorization: string }> {
  const link = await issueToken(t, customer);
  const headers = { authorization: `Bearer ${link.token}` };
  expect((await graphql(t.url, PaymentMethodsDocument, undefined, { headers })).body.errors).toBeUndefined();
  if (change === 'revoked') await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: link.tokenId }, { token: customer.adminApiKey });
  else await expireToken(t, link.tokenId);
  return headers;
}

describe.each(portalFields.map((f) => [f.field.name, f] as const))('portal field %s, with a link used a moment ago', (_name, field) => {
  it('refuses it once revoked, with UNAUTHENTICATED and nothing changed', async () => {
    const headers = await usedThen('revoked');
    const res = await expectNothingChanged(t, () => graphql(t.url, minimalOperation(field), undefined, { headers }));
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toEqual([expect.objectContaining({ message: UNAUTHENTICATED_MESSAGE, extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
  });

  it('refuses it once expired, with LINK_EXPIRED and nothing changed', async () => {
    const headers = await usedThen('expired');
    expectLinkExpired(await expectNothingChanged(t, () => graphql(t.url, minimalOperation(field), undefined, { headers })));
  });
});

describe('a link used a moment ago, then revoked', () => {
  it('cannot change the default card, nor show the cards', async () => {
    await saveCards(t, seed.customerId, [
      { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2040, isDefault: true },
      { brand: 'mastercard', last4: '4444', expMonth: 1, expYear: 2040 },
    ]);
    const cards = (await graphql(t.url, PaymentMethodsDocument, undefined, { token: seed.token })).body.data!.paymentMethods;
    const other = cards.find((card) => card.last4 === '4444')!;
    const headers = await usedThen('revoked');

    const set = await expectNothingChanged(t, () => graphql(t.url, SetDefaultMethodDocument, { id: other.id }, { headers }));
    expect(set.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const read = await graphql(t.url, PaymentMethodsDocument, undefined, { headers });
    expect(read.body.data ?? null).toBeNull();
    expect(JSON.stringify(read.body)).not.toContain('4444');
  });

  it('is counted once in /metrics, as the refusal it got', async () => {
    const customer = await seedCustomer(t);
    const headers = await usedThen('revoked', customer);
    const counted = async () => {
      const text = await (await fetch(`${t.url}/metrics`)).text();
      const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
      return {
        operations: value(/^portal_graphql_operations_total\{operation="CreatePaymentIntent",type="mutation",result="error"\} (\d+)$/m),
        outcomes: value(/^portal_payment_outcomes_total\{operation="createPaymentIntent",outcome="unauthenticated"\} (\d+)$/m),
      };
    };
    const before = await counted();
    const refused = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { headers });
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await counted()).toEqual({ operations: before.operations + 1, outcomes: before.outcomes + 1 });
  });

  it('cannot start a payment, which the same request with a live link does', async () => {
    const customer = await seedCustomer(t);
    const headers = await usedThen('revoked', customer);
    const started = await expectNothingChanged(t, () => graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { headers }));
    expect(started.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);

    const live = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: customer.token });
    expect(live.body.data?.createPaymentIntent.__typename).toBe('PaymentIntent');
  });
});

describe.each(adminFields.map((f) => [f.field.name, f] as const))('admin field %s', (_name, field) => {
  it('refuses a customer payment token with FORBIDDEN', async () => {
    const res = await graphql(t.url, minimalOperation(field), undefined, { headers: { authorization: credentials.valid! } });
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a genuine expired link with LINK_EXPIRED', async () => {
    expectLinkExpired(await graphql(t.url, minimalOperation(field), undefined, { headers: { authorization: credentials.expired! } }));
  });

  it.each(badCredentials)('refuses a %s credential with UNAUTHENTICATED', async (kind) => {
    const headers: Record<string, string> = credentials[kind] ? { authorization: credentials[kind]! } : {};
    const res = await graphql(t.url, minimalOperation(field), undefined, { headers });
    expect(res.body.errors?.[0]).toMatchObject({ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } });
  });
});

it('walks a schema that really has portal and admin fields', () => {
  expect(portalFields.map((f) => f.field.name)).toEqual(expect.arrayContaining(['paymentLink', 'invoice', 'invoices', 'balance', 'paymentHistory', 'paymentMethods']));
  expect(adminFields.map((f) => f.field.name)).toEqual(expect.arrayContaining(['generateCustomerPaymentToken', 'revokeCustomerPaymentToken', 'customerPaymentTokens']));
  // The checked-in SDL and the walked schema agree on the root fields.
  const sdl = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));
  expect(rootFields(sdl).map((f) => f.field.name).sort()).toEqual(rootFields(schema).map((f) => f.field.name).sort());
});

describe('a link bound to one invoice, on every portal field', () => {
  /**
   * A customer with two open invoices, each with a payment, an open payment intent and a history; two saved cards;
   * and a link bound to the second invoice. Everything that identifies the first invoice, or sums over both, is what
   * no answer to the bound link may contain.
   */
  let customer: SeededCustomer;
  let bound: { token: string; invoiceId: string };
  const forbiddenText: string[] = [];
  const forbiddenNumbers = new Set<number>();
  /** What a caller might send to reach the other invoice: its ids, the intents' ids, cursors from the account-wide link, the cards. */
  const attackValues: string[] = [];

  async function pay(invoiceId: string, amount: number, andConfirm: boolean): Promise<string> {
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId, amount } }, { token: customer.token });
    const intent = res.body.data!.createPaymentIntent;
    if (intent.__typename !== 'PaymentIntent') throw new Error(`expected an intent, got ${intent.__typename}`);
    if (andConfirm) {
      await t.browser.confirm(intent.id, 'pm_card_visa');
      expect((await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intent.id }, { token: customer.token })).body.data!.confirmPayment.__typename).toBe('Payment');
    }
    return intent.id;
  }

  beforeAll(async () => {
    customer = await seedCustomer(t);
    const [other, own] = customer.invoiceIds;
    // Distinctive amounts, so one found in an answer can only have come from where it was put.
    const paidIntent = await pay(other, 7_777, true);
    await pay(own, 2_345, true);
    const openIntent = await pay(other, 6_666, false);
    await pay(own, 3_456, false);
    for (const card of ['pm_card_visa', 'pm_card_mastercard']) {
      const added = await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: card } }, { token: customer.token });
      expect(added.body.data!.addPaymentMethod.__typename).toBe('PaymentMethod');
    }
    bound = { token: (await issueToken(t, customer, { invoiceId: own })).token, invoiceId: own };

    const invoice = await t.app.database.prisma.invoice.findUniqueOrThrow({ where: { id: other }, include: { payments: true } });
    const owed = invoice.total - invoice.amountPaid;
    const wholeBalance = owed + 49_900 - 2_345;
    forbiddenText.push(other, invoice.number, paidIntent, openIntent, ...invoice.payments.map((p) => p.id));
    for (const amount of [invoice.total, invoice.amountPaid, owed, 6_666, wholeBalance]) {
      forbiddenNumbers.add(amount);
      forbiddenText.push(`$${(amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    }
    const account = { token: customer.token };
    const invoiceCursor = (await graphql(t.url, InvoicesDocument, { first: 1 }, account)).body.data!.invoices.edges[0];
    expect(invoiceCursor.node.id).toBe(other);
    const history = (await graphql(t.url, PaymentHistoryDocument, {}, account)).body.data!.paymentHistory.edges;
    const cards = (await graphql(t.url, PaymentMethodsDocument, undefined, account)).body.data!.paymentMethods;
    attackValues.push(other, invoice.number, paidIntent, openIntent, invoiceCursor.cursor, ...history.map((e) => e.cursor), ...cards.map((c) => c.id), 'pm_card_amex');
  });

  /** Every number and string in an answer, however deep. */
  function leaves(value: unknown, out: unknown[] = []): unknown[] {
    if (value && typeof value === 'object') for (const inner of Object.values(value)) leaves(inner, out);
    else out.push(value);
    return out;
  }

  /** `sent`: what the request itself carried, which an error message may quote back without telling anything. */
  function expectNothingOfTheOtherInvoice(body: unknown, operation: string, sent: unknown = {}) {
    const quoted = new Set(leaves(sent));
    const texts = forbiddenText.filter((text) => !quoted.has(text));
    const found = leaves(body).filter(
      (leaf) => (typeof leaf === 'number' && forbiddenNumbers.has(leaf)) || (typeof leaf === 'string' && texts.some((text) => leaf.includes(text))),
    );
    expect({ operation, found }).toEqual({ operation, found: [] });
  }

  /**
   * Runs one operation with the bound link: it is answered, or refused as not found or bad input (never an internal
   * error or a limit hiding the answer), and nothing of the other invoice shows in it.
   */
  async function expectScopedAnswer(operation: string, args: Record<string, unknown>) {
    const res = await graphql(t.url, operation, undefined, { token: bound.token });
    const codes = (res.body.errors ?? []).map((e) => e.extensions?.code).filter((code) => code !== 'NOT_FOUND' && code !== 'BAD_USER_INPUT');
    expect({ operation, codes }).toEqual({ operation, codes: [] });
    expectNothingOfTheOtherInvoice(res.body, operation, args);
  }

  /** Each field called without optional arguments, then with every text or id argument set, in turn, to each attack value. */
  function variants(field: (typeof portalFields)[number]): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [{}];
    for (const [argument, inner] of textArgumentPaths(field)) {
      for (const value of attackValues) out.push({ [argument]: inner ? { [inner]: value } : value });
    }
    return out;
  }

  /** The database, less what a bound link may change: its own invoice's payment attempts, and the provider's events about them. */
  async function outsideTheBoundInvoice(): Promise<Partial<DatabaseSnapshot>> {
    const { WebhookEvent: _events, PaymentAttempt, ...rest } = await snapshotDatabase(t);
    return { ...rest, PaymentAttempt: PaymentAttempt.filter((row) => (row as { invoiceId: string }).invoiceId !== bound.invoiceId) };
  }

  it.each(portalFields.filter((f) => f.operation === 'query').map((f) => [f.field.name, f] as const))(
    'query %s shows no id, number or amount of the other invoice, whatever it is asked',
    async (_name, field) => {
      for (const args of variants(field)) {
        const operation = fullOperation(schema, field, args);
        await expectScopedAnswer(operation, args);
      }
    },
  );

  it.each(portalFields.filter((f) => f.operation === 'mutation').map((f) => [f.field.name, f] as const))(
    'mutation %s changes nothing outside the bound invoice, and shows nothing of the other, whatever it is sent',
    async (_name, field) => {
      const before = await outsideTheBoundInvoice();
      for (const args of variants(field)) {
        const operation = fullOperation(schema, field, args);
        await expectScopedAnswer(operation, args);
      }
      await t.stripe.flushWebhooks();
      expect(await outsideTheBoundInvoice()).toEqual(before);
      // Whatever it started, it started on the bound invoice.
      const attempts = await t.app.database.prisma.paymentAttempt.findMany({ where: { customerId: customer.customerId } });
      expect(attempts.filter((a) => a.invoiceId !== bound.invoiceId && a.invoiceId !== customer.invoiceIds[0])).toEqual([]);
    },
  );

  it('refuses card management through the bound link as CardManagementNotAllowedError', async () => {
    const res = await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: 'pm_card_visa' } }, { token: bound.token });
    expect(res.body.data!.addPaymentMethod).toMatchObject({ __typename: 'CardManagementNotAllowedError', code: 'CARD_MANAGEMENT_NOT_ALLOWED' });
  });

  it('would catch a leak: the same walk through the account-wide link finds the other invoice', async () => {
    const balance = rootFields(schema).find((f) => f.field.name === 'balance')!;
    const res = await graphql(t.url, fullOperation(schema, balance), undefined, { token: customer.token });
    expect(() => expectNothingOfTheOtherInvoice(res.body, 'balance')).toThrow();
  });
});
