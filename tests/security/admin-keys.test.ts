/**
 * Admin API keys (OWASP API2, broken authentication): a revoked or expired key is refused on every admin field,
 * even right after its secret was verified and cached; a key cannot cut off its own organization's access by
 * accident; the key list never hands out a secret; and another organization's keys cannot be touched.
 */
import { buildApiSchema } from '../../src/api/schema';
import { loadConfig } from '../../src/config/config';
import { UNAUTHENTICATED_MESSAGE } from '../../src/domain/errors';
import { AdminApiKeysDocument, RevokeAdminApiKeyDocument } from '../graphql/generated/operations';
import { createAdminKey, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { minimalOperation, rootFields } from '../support/schema-walk';
import { errorCodes, graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

const adminFields = rootFields(buildApiSchema(loadConfig({ NODE_ENV: 'test' }).rateLimits)).filter((f) => f.access === 'admin');

let t: TestApp;
let a: SeededCustomer;
let b: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  a = await seedCustomer(t);
  b = await seedCustomer(t);
});
afterAll(() => t?.stop());

const idOf = async (organizationId: string, name: string) =>
  (await t.app.database.prisma.adminApiKey.findFirstOrThrow({ where: { organizationId, name }, orderBy: { createdAt: 'desc' } })).id;

describe('a key that no longer works is refused on every admin field, with nothing changed', () => {
  const states = {
    'revoked over the API': async (key: { id: string }) => {
      await graphql(t.url, RevokeAdminApiKeyDocument, { id: key.id }, { token: a.adminApiKey });
    },
    'past its expiry': async (key: { id: string }) => {
      await t.app.database.prisma.adminApiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    },
  };

  describe.each(Object.keys(states) as (keyof typeof states)[])('a key %s, just used (its secret verified and cached)', (state) => {
    let secret: string;

    beforeAll(async () => {
      const key = await createAdminKey(t, a.organizationId, `about to be ${state}`);
      secret = key.secret;
      expect((await graphql(t.url, AdminApiKeysDocument, undefined, { token: secret })).body.errors).toBeUndefined();
      await states[state](key);
    });

    it.each(adminFields.map((f) => [f.field.name, f] as const))('%s answers UNAUTHENTICATED with the common message', async (_name, field) => {
      const res = await expectNothingChanged(t, () => graphql(t.url, minimalOperation(field), undefined, { token: secret }));
      expect(res.body.data ?? null).toBeNull();
      expect(res.body.errors).toEqual([expect.objectContaining({ message: UNAUTHENTICATED_MESSAGE, extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    });
  });

  it('covers the key fields themselves', () => {
    expect(adminFields.map((f) => f.field.name)).toEqual(expect.arrayContaining(['adminApiKeys', 'revokeAdminApiKey']));
  });
});

describe('losing access is never an accident', () => {
  it('a key asked to revoke itself refuses, naming the consequence, and changes nothing', async () => {
    await createAdminKey(t, b.organizationId, 'spare');
    const self = await idOf(b.organizationId, 'demo');
    const res = await expectNothingChanged(t, () => graphql(t.url, RevokeAdminApiKeyDocument, { id: self }, { token: b.adminApiKey }));
    expect(res.body.data!.revokeAdminApiKey).toMatchObject({ __typename: 'RevocationNeedsConfirmationError', consequences: ['REVOKES_OWN_KEY'] });
    expect((await graphql(t.url, AdminApiKeysDocument, undefined, { token: b.adminApiKey })).body.errors).toBeUndefined();
  });

  it("the organization's last active key refuses to revoke itself, naming both consequences, and changes nothing", async () => {
    const org = await seedCustomer(t);
    const self = await idOf(org.organizationId, 'demo');
    const res = await expectNothingChanged(t, () => graphql(t.url, RevokeAdminApiKeyDocument, { id: self }, { token: org.adminApiKey }));
    expect(res.body.data!.revokeAdminApiKey).toMatchObject({ __typename: 'RevocationNeedsConfirmationError', consequences: ['REVOKES_OWN_KEY', 'LEAVES_NO_ACTIVE_KEY'] });
  });

  it('an explicit false is no confirmation', async () => {
    const self = await idOf(a.organizationId, 'demo');
    const res = await expectNothingChanged(t, () => graphql(t.url, RevokeAdminApiKeyDocument, { id: self, confirmLossOfAccess: false }, { token: a.adminApiKey }));
    expect(res.body.data!.revokeAdminApiKey.__typename).toBe('RevocationNeedsConfirmationError');
  });
});

describe("another organization's keys", () => {
  it('cannot be revoked, and look exactly like keys that do not exist', async () => {
    const theirs = await idOf(b.organizationId, 'demo');
    const [foreign, madeUp] = await expectNothingChanged(t, async () => [
      await graphql(t.url, RevokeAdminApiKeyDocument, { id: theirs, confirmLossOfAccess: true }, { token: a.adminApiKey }),
      await graphql(t.url, RevokeAdminApiKeyDocument, { id: 'ckzzzzzzzzzzzzzzzzzzzzzzz', confirmLossOfAccess: true }, { token: a.adminApiKey }),
    ]);
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.body).toEqual(madeUp.body);
    expect((await graphql(t.url, AdminApiKeysDocument, undefined, { token: b.adminApiKey })).body.errors).toBeUndefined();
  });

  it('are not listed, and the list holds no secret, selector or hash of any key', async () => {
    const res = await graphql(t.url, AdminApiKeysDocument, undefined, { token: a.adminApiKey });
    const body = JSON.stringify(res.body);
    for (const row of await t.app.database.prisma.adminApiKey.findMany()) {
      expect(body).not.toContain(row.selector);
      expect(body).not.toContain(row.verifierHash);
      if (row.organizationId !== a.organizationId) expect(body).not.toContain(row.id);
    }
    expect(body).not.toContain(a.adminApiKey);
  });
});

it('a customer payment token cannot list or revoke admin keys', async () => {
  const self = await idOf(a.organizationId, 'demo');
  const [list, revoke] = await expectNothingChanged(t, async () => [
    await graphql(t.url, AdminApiKeysDocument, undefined, { token: a.token }),
    await graphql(t.url, RevokeAdminApiKeyDocument, { id: self, confirmLossOfAccess: true }, { token: a.token }),
  ]);
  expect(errorCodes(list)).toEqual(['FORBIDDEN']);
  expect(errorCodes(revoke)).toEqual(['FORBIDDEN']);
});
