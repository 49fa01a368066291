/**
 * What goes into an input (OWASP API3, mass assignment; API8, input validation): fields a client must not set
 * do not exist in any input type, so naming them is refused before anything runs, and the fields that do
 * exist are checked by class-validator and refused with BAD_USER_INPUT.
 */
import { CreateCustomerDocument, CreatePaymentIntentDocument, GenerateCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
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
      graphql(t.url, `mutation { generateCustomerPaymentToken(input: { customerId: "${c.customerId}", ${extra} }) { token } }`, undefined, { token: c.adminApiKey }),
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
