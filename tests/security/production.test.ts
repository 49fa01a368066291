/**
 * What the server gives away (OWASP GraphQL Cheat Sheet: introspection, suggestions, error handling).
 * With NODE_ENV=production the schema cannot be read out of the server, error messages do not suggest field
 * names, no landing page is served, and an internal fault shows the client only a request id to quote while
 * the details go to the log. In development, Sandbox and introspection work.
 */
import { BalanceDocument, CreatePaymentIntentDocument, PaymentMethodsDocument } from '../graphql/generated/operations';
import { INTERNAL_ERROR_MESSAGE } from '../../src/api/result-boundary';
import { seedCustomer, withTableMissing, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, request, startSecurityApp } from './support';

let production: TestApp;
let development: TestApp;
let customer: SeededCustomer;
let devCustomer: SeededCustomer;

beforeAll(async () => {
  production = await startSecurityApp({ ...NO_RATE_LIMITS, NODE_ENV: 'production', LOG_LEVEL: 'info' });
  development = await startSecurityApp({ ...NO_RATE_LIMITS, NODE_ENV: 'development' });
  customer = await seedCustomer(production);
  devCustomer = await seedCustomer(development);
});
afterAll(async () => {
  await production?.stop();
  await development?.stop();
});

/** Typos an attacker uses to map a schema from "Did you mean …" hints. */
const TYPOS: Array<[string, string, Record<string, unknown> | undefined, string]> = [
  ['a field', '{ balanc { openInvoiceCount } }', undefined, '"balance"'],
  ['an argument', '{ paymentHistory(frist: 5) { pageInfo { hasNextPage } } }', undefined, '"first"'],
  ['an input field, in variables', 'mutation($input: CreatePaymentIntentInput!) { createPaymentIntent(input: $input) { __typename } }', { input: { amout: 5 } }, '"amount"'],
  ['a type', 'query($x: CreatePaymentIntentInpt) { balance { openInvoiceCount } }', undefined, '"CreatePaymentIntentInput"'],
];

/** The JSON log lines that carry this request id. */
const logLinesOf = (t: TestApp, requestId: string) =>
  t
    .logs()
    .split('\n')
    .filter((line) => line.includes(requestId))
    .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string } });

describe('production', () => {
  it.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Mutation") { fields { name } } }'],
  ])('refuses introspection through %s', async (_field, query) => {
    const res = await expectNothingChanged(production, () => graphql(production.url, query, undefined, { token: customer.token }));
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0].message).toContain('introspection is not allowed');
    expect(JSON.stringify(res.body)).not.toContain('createPaymentIntent');
  });

  it.each(TYPOS)('suggests no names when %s is misspelt', async (_case, query, variables, realName) => {
    const res = await expectNothingChanged(production, () => graphql(production.url, query, variables, { token: customer.token }));
    expect(res.status).toBe(400);
    expect(res.body.errors!.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('Did you mean');
    expect(text).not.toContain(realName.replaceAll('"', '\\"'));
  });

  it('serves no landing page to a browser', async () => {
    const res = await expectNothingChanged(production, () => request(production.url, { headers: { accept: 'text/html' } }));
    expect(res.status).not.toBe(200);
    expect(res.headers.get('content-type')).not.toContain('text/html');
    expect(res.text).not.toMatch(/<html|sandbox/i);
  });

  it('masks an internal fault in a resolver: a generic message and the request id; the details are in the log', async () => {
    const res = await withTableMissing(production, 'PaymentMethod', () => graphql(production.url, PaymentMethodsDocument, undefined, { token: customer.token }));
    const requestId = res.headers.get('x-request-id')!;
    expect(res.body.errors).toEqual([
      { message: INTERNAL_ERROR_MESSAGE, locations: expect.any(Array), path: ['paymentMethods'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/PaymentMethod"|prisma|sql|table/i);

    const logged = logLinesOf(production, requestId).find((line) => line.msg === 'internal error');
    expect(logged?.level).toBe(50);
    expect(logged?.err?.message).toContain('PaymentMethod');
  });

  it('masks an internal fault while authenticating the same way (answered 500)', async () => {
    const res = await withTableMissing(production, 'CustomerPaymentToken', () => graphql(production.url, BalanceDocument, undefined, { token: customer.token }));
    const requestId = res.headers.get('x-request-id')!;
    expect(res.status).toBe(500);
    expect(res.body.errors).toEqual([{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }]);

    const logged = logLinesOf(production, requestId).find((line) => line.msg === 'internal error');
    expect(logged?.err?.message).toContain('CustomerPaymentToken');
  });

  it('sends no stack trace with any kind of error', async () => {
    const responses = [
      await graphql(production.url, '{ balanc { openInvoiceCount } }', undefined, { token: customer.token }),
      await graphql(production.url, '{ invoice(id: "missing") { id } }', undefined, { token: customer.token }),
      await graphql(production.url, CreatePaymentIntentDocument, { input: { invoiceId: 'x'.repeat(65) } }, { token: customer.token }),
      await withTableMissing(production, 'PaymentMethod', () => graphql(production.url, PaymentMethodsDocument, undefined, { token: customer.token })),
    ];
    expect(responses.flatMap(errorCodes)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND', 'BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR']);
    for (const res of responses) {
      for (const error of res.body.errors!) expect(error.extensions).not.toHaveProperty('stacktrace');
      expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
    }
  });
});

describe('development', () => {
  it('serves Apollo Sandbox to a browser', async () => {
    const res = await request(development.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('embeddable-sandbox');
  });

  it('answers introspection, which Sandbox needs', async () => {
    const res = await graphql(development.url, '{ __schema { mutationType { fields { name } } } }', undefined, { token: devCustomer.token });
    expect(res.body.errors).toBeUndefined();
    expect(JSON.stringify(res.body.data)).toContain('createPaymentIntent');
  });

  it('does suggest names, which is what the production checks above would catch', async () => {
    const res = await graphql(development.url, TYPOS[0][1], undefined, { token: devCustomer.token });
    expect(res.body.errors![0].message).toContain('Did you mean "balance"?');
  });
});
