/**
 * One shared check over the whole schema: every portal field refuses every kind of bad credential
 * the same way, and every admin field refuses customer tokens. A new field is covered without a new test.
 */
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApiSchema } from '../../src/api/schema';
import { loadConfig } from '../../src/config/config';
import { UNAUTHENTICATED_MESSAGE } from '../../src/domain/errors';
import { RevokeCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { expireToken, issueToken, revokedAdminKey, seedCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import { minimalOperation, rootFields } from '../support/schema-walk';

const schema = buildApiSchema(loadConfig({ NODE_ENV: 'test' }).rateLimits);
const portalFields = rootFields(schema).filter((f) => f.access === 'customer');
const adminFields = rootFields(schema).filter((f) => f.access === 'admin');

let t: TestApp;
const credentials: Record<string, string | undefined> = {};

beforeAll(async () => {
  // No limits: this suite sends many bad credentials from one address on purpose.
  t = await startTestApp(NO_RATE_LIMITS);
  const seed = await seedCustomer(t);
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
    revoked: `Bearer ${revoked.token}`,
    'revoked admin key': `Bearer ${await revokedAdminKey(t, seed.organizationId)}`,
  });
  credentials.valid = `Bearer ${valid}`;
  credentials.admin = `Bearer ${seed.adminApiKey}`;
});

afterAll(() => t?.stop());

const badCredentials = ['missing', 'not a bearer header', 'malformed', 'wrong verifier', 'unknown selector', 'expired', 'revoked', 'revoked admin key'];

describe.each(portalFields.map((f) => [f.field.name, f] as const))('portal field %s', (_name, field) => {
  it.each(badCredentials)('refuses a %s credential with UNAUTHENTICATED and the common message', async (kind) => {
    const headers: Record<string, string> = credentials[kind] ? { authorization: credentials[kind]! } : {};
    const res = await graphql(t.url, minimalOperation(field), undefined, { headers });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } });
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

describe.each(adminFields.map((f) => [f.field.name, f] as const))('admin field %s', (_name, field) => {
  it('refuses a customer payment token with FORBIDDEN', async () => {
    const res = await graphql(t.url, minimalOperation(field), undefined, { headers: { authorization: credentials.valid! } });
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
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
