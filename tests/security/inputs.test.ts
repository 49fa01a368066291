/**
 * What goes into an input (OWASP API3, mass assignment; API8, input validation): fields a client must not set
 * do not exist in any input type, so naming them is refused before anything runs, the fields that do exist are
 * checked by class-validator and refused with BAD_USER_INPUT, and so is any text the database cannot store, on
 * every field.
 */
import {
  AddPaymentMethodDocument,
  CreateCustomerDocument,
  CreateInvoiceDocument,
  CreatePaymentIntentDocument,
  CustomerPaymentTokensDocument,
  GenerateCustomerPaymentTokenDocument,
  InvoicesDocument,
  RemovePaymentMethodDocument,
  RevokeAdminApiKeyDocument,
} from '../graphql/generated/operations';
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type GraphQLResponse, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  c = await seedCustomer(t);
});
afterAll(() => t?.stop());

describe('mass assignment: fields the server owns cannot be set through an input', () => {
  it.each([
    ['customerId', '"someone-else"'],
    ['organizationId', '"another-org"'],
    ['amountPaid', '49900'],
    ['status', 'PAID'],
  ])('createPaymentIntent(input: { %s }) is refused as an unknown field', async (field, value) => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `mutation { createPaymentIntent(input: { amount: 100, ${field}: ${value} }) { __typename } }`, undefined, { token: c.token }),
    );
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0].message).toContain(`Field "${field}" is not defined by type "CreatePaymentIntentInput"`);
  });

  it('the same extra fields smuggled in JSON variables are refused as BAD_USER_INPUT', async () => {
    const input = { amount: 100, customerId: 'someone-else', amountPaid: 49_900, status: 'PAID' } as never;
    const res = await expectNothingChanged(t, () => graphql(t.url, CreatePaymentIntentDocument, { input }, { token: c.token }));
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    for (const field of ['customerId', 'amountPaid', 'status']) {
      expect(res.body.errors!.some((e) => e.message.includes(`Field "${field}" is not defined`))).toBe(true);
    }
  });

  it.each([
    ['organizationId: "another-org"'],
    ['expiresAt: "2099-01-01T00:00:00Z"'],
    ['status: ACTIVE'],
    ['useCount: 0'],
  ])('generateCustomerPaymentToken(input: { %s }) is refused', async (extra) => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `mutation { generateCustomerPaymentToken(input: { customerId: "${c.customerId}", ${extra} }) { __typename } }`, undefined, { token: c.adminApiKey }),
    );
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it.each([['status: "PAID"'], ['amountPaid: 1000'], ['organizationId: "another-org"'], ['total: 1']])(
    'createInvoice(input: { %s }) is refused',
    async (extra) => {
      const res = await expectNothingChanged(t, () =>
        graphql(
          t.url,
          `mutation { createInvoice(input: { customerId: "${c.customerId}", ${extra}, lineItems: [{ description: "Support", quantity: 1, unitAmount: 1000 }] }) { id } }`,
          undefined,
          { token: c.adminApiKey },
        ),
      );
      expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    },
  );

  it.each([['organizationId: "another-org"'], ['providerCustomerId: "cus_someone"']])('createCustomer(input: { %s }) is refused', async (extra) => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `mutation { createCustomer(input: { name: "Mallory", ${extra} }) { id } }`, undefined, { token: c.adminApiKey }),
    );
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it.each([['customerId: "someone-else"'], ['last4: "0000"'], ['isDefault: true']])('addPaymentMethod(input: { %s }) is refused', async (extra) => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `mutation { addPaymentMethod(input: { stripePaymentMethodId: "pm_card_visa", ${extra} }) { __typename } }`, undefined, { token: c.token }),
    );
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('a scope argument added to a portal field is refused: scope comes only from the token', async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, `query { invoice(customerId: "someone-else") { id } }`, undefined, { token: c.token }));
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0].message).toContain('Unknown argument "customerId"');
  });
});

describe('class-validator checks every input and answers BAD_USER_INPUT', () => {
  it.each([500, 91, 0, -1])('expiresInDays: %d is refused', async (expiresInDays) => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: c.customerId, expiresInDays } }, { token: c.adminApiKey }),
    );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.data).toBeNull();
  });

  it.each([
    ['a two-letter currency', { name: 'Mallory', currency: 'us' }],
    ['a four-letter currency', { name: 'Mallory', currency: 'usdd' }],
    ['an email that is not one', { name: 'Mallory', email: 'nope' }],
    ['an empty name', { name: '' }],
    ['a name of 201 characters', { name: 'x'.repeat(201) }],
  ])('createCustomer with %s is refused', async (_case, input) => {
    const res = await expectNothingChanged(t, () => graphql(t.url, CreateCustomerDocument, { input }, { token: c.adminApiKey }));
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('names the offending field, so a client can show it', async () => {
    const res = await graphql(t.url, CreateCustomerDocument, { input: { name: 'Mallory', email: 'nope' } }, { token: c.adminApiKey });
    const details = res.body.errors![0].extensions as { validationErrors: Array<{ property: string }> };
    expect(details.validationErrors.map((e) => e.property)).toEqual(['email']);
  });

  it('an id longer than any real one is refused before it reaches the database', async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: 'x'.repeat(65) } }, { token: c.token }),
    );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('text the database cannot store is BAD_USER_INPUT on every field, never an internal error', () => {
  // A NUL is refused by PostgreSQL itself; an unpaired surrogate would be stored as U+FFFD, i.e. not as sent.
  const NUL = 'INV\u0000-1';
  const LONE_HIGH = 'pm_card_visa\ud800';
  const LONE_LOW = '\udc00Grace';

  function expectRefused(res: GraphQLResponse<unknown>, where: RegExp) {
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].message).toMatch(where);
    expect(res.body.errors![0].message).toContain('cannot be stored');
    expect(res.body.data).toBeUndefined();
  }

  const admin = () => ({ token: c.adminApiKey });
  const customer = () => ({ token: c.token });

  it.each<[string, () => Promise<GraphQLResponse<unknown>>, RegExp]>([
    ['an admin input field (createCustomer name), NUL', () => graphql(t.url, CreateCustomerDocument, { input: { name: NUL } }, admin()), /\$input\.name/],
    ['an admin input field (createCustomer email), lone low surrogate', () => graphql(t.url, CreateCustomerDocument, { input: { name: 'Grace', email: `${LONE_LOW}@example.com` } }, admin()), /\$input\.email/],
    [
      'a field of an input object inside a list (createInvoice lineItems[1].description), lone high surrogate',
      () =>
        graphql(
          t.url,
          CreateInvoiceDocument,
          { input: { customerId: c.customerId, lineItems: [{ description: 'Support', quantity: 1, unitAmount: 1_000 }, { description: `Fees${LONE_HIGH}`, quantity: 1, unitAmount: 1_000 }] } },
          admin(),
        ),
      /\$input\.lineItems\[1\]\.description/,
    ],
    ['an admin ID argument (customerPaymentTokens customerId), NUL', () => graphql(t.url, CustomerPaymentTokensDocument, { customerId: `${c.customerId}\u0000` }, admin()), /\$customerId/],
    ['an ID in an admin input (generateCustomerPaymentToken invoiceId), NUL', () => graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: c.customerId, invoiceId: NUL } }, admin()), /\$input\.invoiceId/],
    ['the id of revokeAdminApiKey, lone low surrogate', () => graphql(t.url, RevokeAdminApiKeyDocument, { id: LONE_LOW }, admin()), /\$id/],
    ['a portal input field (createPaymentIntent invoiceId), NUL', () => graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: NUL } }, customer()), /\$input\.invoiceId/],
    ['a portal input field (addPaymentMethod stripePaymentMethodId), lone high surrogate', () => graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: LONE_HIGH } }, customer()), /\$input\.stripePaymentMethodId/],
    ['a portal ID argument (removePaymentMethod id), NUL', () => graphql(t.url, RemovePaymentMethodDocument, { id: NUL }, customer()), /\$id/],
    ['a portal cursor (invoices after), NUL', () => graphql(t.url, InvoicesDocument, { after: NUL }, customer()), /\$after/],
  ])('in a variable: %s', async (_case, send, where) => {
    expectRefused(await expectNothingChanged(t, send), where);
  });

  it.each([
    ['an admin input object literal (createCustomer name)', () => `mutation { createCustomer(input: { name: "Mallory\\u0000" }) { id } }`, admin],
    [
      'a literal inside a list of input objects (createInvoice lineItems)',
      () => `mutation { createInvoice(input: { customerId: "${c.customerId}", lineItems: [{ description: "a\\u0000b", quantity: 1, unitAmount: 1000 }] }) { id } }`,
      admin,
    ],
    ['an admin ID literal (revokeCustomerPaymentToken id)', () => `mutation { revokeCustomerPaymentToken(id: "${c.tokenId}\\u0000") { id } }`, admin],
    ['a portal ID literal (invoice id)', () => `query { invoice(id: "\\u0000") { id } }`, customer],
    ['a variable default written in the document', () => `query Page($after: String = "x\\u0000") { invoices(after: $after) { edges { cursor } } }`, customer],
  ])('in a literal: %s', async (_case, query, credential) => {
    expectRefused(await expectNothingChanged(t, () => graphql(t.url, query(), undefined, credential())), /A string/);
  });

  it('a variable the operation does not even use is refused all the same', async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, InvoicesDocument, { first: 1, unused: NUL } as never, customer()));
    expectRefused(res, /\$unused/);
  });

  it('names where the character is without echoing the value', async () => {
    const res = await graphql(t.url, CreateCustomerDocument, { input: { name: 'secret-ish\u0000value' } }, admin());
    expect(JSON.stringify(res.body)).not.toContain('secret-ish');
  });

  it('a lone surrogate written into the document itself is a syntax error (GraphQL forbids it), also a 400', async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, `query { invoice(id: "\\ud800") { id } }`, undefined, customer()));
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('a paired surrogate (an emoji) and other Unicode are stored as sent', async () => {
    const name = 'Zoë 🧾 Ünïcödé 中文';
    const res = await graphql(t.url, CreateCustomerDocument, { input: { name } }, admin());
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createCustomer.name).toBe(name);
  });
});

describe('an invoice that could never be paid online is refused', () => {
  it.each([
    ['1 cent', [{ description: 'Stamp', quantity: 1, unitAmount: 1 }]],
    ['49 cents over two lines', [{ description: 'Stamp', quantity: 1, unitAmount: 24 }, { description: 'Envelope', quantity: 1, unitAmount: 25 }]],
    ['49 cents as 49 units of 1 cent', [{ description: 'Sticker', quantity: 49, unitAmount: 1 }]],
  ])('createInvoice for %s (below the provider\'s $0.50 minimum charge) is BAD_USER_INPUT naming the minimum', async (_case, lineItems) => {
    const res = await expectNothingChanged(t, () => graphql(t.url, CreateInvoiceDocument, { input: { customerId: c.customerId, lineItems } }, { token: c.adminApiKey }));
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].message).toBe('The invoice total must be at least $0.50, the smallest amount the payment provider can charge in USD.');
  });

  it('exactly the minimum is accepted', async () => {
    const res = await graphql(t.url, CreateInvoiceDocument, { input: { customerId: c.customerId, lineItems: [{ description: 'Stamp', quantity: 2, unitAmount: 25 }] } }, { token: c.adminApiKey });
    expect(res.body.data!.createInvoice).toMatchObject({ status: 'OPEN', total: { amount: 50, currency: 'usd' } });
  });
});
