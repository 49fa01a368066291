/**
 * No cache keeps a GraphQL answer (issue 14, point 11). Every /graphql response is private to the credential that
 * asked, and some carry a secret that is shown once: a new payment link's token, a payment's clientSecret. So every
 * one of them, the refusals included, says `Cache-Control: no-store` to browsers and to any proxy on the way.
 */
import { BalanceDocument, CreatePaymentIntentDocument, GenerateCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { seedCustomer, type SeededCustomer, issuedLink } from '../support/fixtures';
import { graphql, type TestApp } from '../support/test-app';
import { newClientAddress, request, startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp({ TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1' });
  c = await seedCustomer(t, { invoiceBound: true });
});
afterAll(() => t?.stop());

describe('answers that carry a secret', () => {
  it('generateCustomerPaymentToken (the new link\'s token)', async () => {
    const res = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: c.customerId } }, { token: c.adminApiKey });
    expect(issuedLink(res.body.data!.generateCustomerPaymentToken).token).toMatch(/^cpt_/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('createPaymentIntent (the clientSecret Stripe.js confirms with)', async () => {
    const res = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: c.token });
    expect(res.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', clientSecret: expect.stringMatching(/_secret_/) });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('every other answer of /graphql', () => {
  it('a plain query', async () => {
    const res = await graphql(t.url, BalanceDocument, undefined, { token: c.token });
    expect(res.body.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['unauthenticated', () => graphql(t.url, BalanceDocument, undefined, { token: 'cpt_wrong', headers: newClientAddress() })],
    ['a document that does not parse', () => graphql(t.url, '{ balance {', undefined, { token: c.token })],
    ['a body that is not JSON', () => request(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })],
    ['a body over the limit', () => request(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(200 * 1024) })],
    ['a GET with a query', () => request(t.url, { path: '/graphql?query=%7B__typename%7D', headers: { 'apollo-require-preflight': 'true' } })],
  ])('%s', async (_member, send) => {
    const res = await send();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('RATE_LIMITED, refused while authenticating', async () => {
    const from = newClientAddress();
    await graphql(t.url, BalanceDocument, undefined, { token: 'cpt_wrong', headers: from });
    const refused = await graphql(t.url, BalanceDocument, undefined, { token: 'cpt_wrong', headers: from });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});
