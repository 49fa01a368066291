/**
 * Cross-site request forgery: a browser sends "simple" requests (GET, or POST as text/plain, form-urlencoded or
 * multipart) to any site without a CORS preflight. Apollo's CSRF prevention refuses them unless they carry a
 * header no simple request can set (`apollo-require-preflight`, `x-apollo-operation-name`); mutations are
 * never run over GET.
 */
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, request, startSecurityApp, type RawResponse } from './support';

let t: TestApp;
/** The organization whose admin, signed in with its key, visits the attacker's page. */
let victim: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  victim = await seedCustomer(t);
});
afterAll(() => t?.stop());

const CREATE_CUSTOMER = 'mutation { createCustomer(input: { name: "Forged" }) { id } }';

function expectCsrfRefusal(res: RawResponse) {
  expect(res.status).toBe(400);
  expect(res.json!.errors![0].message).toContain('Cross-Site Request Forgery');
  expect(res.json!.data).toBeUndefined();
}

/** A POST as a form or a script on another site could send it, with the admin key a browser might hold. */
function simplePost(body: RequestInit['body'], contentType?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${victim.adminApiKey}` };
  if (contentType) headers['content-type'] = contentType;
  return expectNothingChanged(t, () => request(t.url, { method: 'POST', headers, body }));
}

it('a GET query without a preflight header is refused; with one it is answered', async () => {
  const path = `/graphql?query=${encodeURIComponent(`{ customerPaymentTokens(customerId: "${victim.customerId}") { id } }`)}`;
  const auth = { authorization: `Bearer ${victim.adminApiKey}` };
  expectCsrfRefusal(await expectNothingChanged(t, () => request(t.url, { path, headers: auth })));

  const preflights: Array<Record<string, string>> = [{ 'apollo-require-preflight': 'true' }, { 'x-apollo-operation-name': 'Tokens' }];
  for (const preflight of preflights) {
    const res = await request(t.url, { path, headers: { ...auth, ...preflight } });
    expect(res.status).toBe(200);
    expect(res.json!.data).toEqual({ customerPaymentTokens: [expect.objectContaining({ id: victim.tokenId })] });
  }
});

it('a POST as text/plain is refused', async () => {
  expectCsrfRefusal(await simplePost(JSON.stringify({ query: CREATE_CUSTOMER }), 'text/plain'));
});

it('a POST as application/x-www-form-urlencoded is refused', async () => {
  expectCsrfRefusal(await simplePost(new URLSearchParams({ query: CREATE_CUSTOMER }).toString(), 'application/x-www-form-urlencoded'));
});

it('a POST as multipart/form-data is refused', async () => {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: CREATE_CUSTOMER }));
  // fetch sets multipart/form-data with its boundary itself.
  expectCsrfRefusal(await simplePost(form));
});

it('a POST with no content type at all is refused', async () => {
  expectCsrfRefusal(await simplePost(new TextEncoder().encode(JSON.stringify({ query: CREATE_CUSTOMER }))));
});

it('a mutation over GET is refused (405) even with a preflight header', async () => {
  const res = await expectNothingChanged(t, () =>
    request(t.url, {
      path: `/graphql?query=${encodeURIComponent(CREATE_CUSTOMER)}`,
      headers: { authorization: `Bearer ${victim.adminApiKey}`, 'apollo-require-preflight': 'true' },
    }),
  );
  expect(res.status).toBe(405);
  expect(res.json!.errors![0].message).toContain('GET requests only support query operations');
});
