/**
 * Throttling failed authentications without locking out the owners of credentials (OWASP API2; issue 14, point 2).
 * Only failing attempts are throttled: a payment token or admin key that verifies gets in from any address. What costs
 * us (argon2 on a known selector with a wrong verifier) is bounded per client address and per credential; what costs
 * nothing (a malformed secret, an unknown selector) is counted per address. A refusal never tells whether a selector
 * exists. Budgets here: 5 failures per address and 6 wrong verifiers per credential, a minute each. On the PostgreSQL
 * pass the counts live in Redis, as they do for several instances.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import Redis from 'ioredis';
import { BalanceDocument, CustomerPaymentTokensDocument } from '../graphql/generated/operations';
import { createAdminKey, expireToken, issueToken, revokedAdminKey, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, untilReady, type GraphQLResponse, type TestApp } from '../support/test-app';
import { expectNothingChanged, newClientAddress, startSecurityApp } from './support';

const REDIS_URL = process.env.TEST_REDIS_URL;
const prefix = `rl-auth-${randomBytes(6).toString('hex')}`;

let t: TestApp;
let c: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp({
    ...NO_RATE_LIMITS,
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5',
    RATE_LIMIT_CREDENTIAL_FAILURES_PER_MINUTE: '6',
    ...(REDIS_URL ? { REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix } : {}),
  });
  await untilReady(t);
  c = await seedCustomer(t);
});
afterAll(async () => {
  await t?.stop();
  if (!REDIS_URL) return;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});
afterEach(() => jest.restoreAllMocks());

type From = ReturnType<typeof newClientAddress>;
type Credential = { kind: 'payment token' | 'admin key'; secret: string };

/** A well-formed payment token that was never issued. */
const unknownToken = () => `cpt_${randomBytes(12).toString('hex')}_${randomBytes(32).toString('base64url')}`;
/** The same selector with another verifier. */
const wrongVerifierOf = (secret: string) => `${secret.slice(0, -6)}${randomBytes(6).toString('base64url').slice(0, 6)}`;

/** A request that needs the credential: the balance for a payment token, the links of a customer for an admin key. */
function use(credential: Credential, from: From, secret = credential.secret): Promise<GraphQLResponse<unknown>> {
  return credential.kind === 'payment token'
    ? graphql(t.url, BalanceDocument, undefined, { token: secret, headers: from })
    : graphql(t.url, CustomerPaymentTokensDocument, { customerId: c.customerId }, { token: secret, headers: from });
}

const newToken = async (): Promise<Credential> => ({ kind: 'payment token', secret: (await issueToken(t, c)).token });
const newAdminKey = async (): Promise<Credential> => ({ kind: 'admin key', secret: (await createAdminKey(t, c.organizationId)).secret });

/** An address that has used up its 5 failures, with misses that cost no argon2; its next failure is refused. */
async function lockedOutAddress(): Promise<From> {
  const from = newClientAddress();
  for (let i = 0; i < 5; i++) expect(errorCodes(await graphql(t.url, BalanceDocument, undefined, { token: unknownToken(), headers: from }))).toEqual(['UNAUTHENTICATED']);
  expect(errorCodes(await graphql(t.url, BalanceDocument, undefined, { token: unknownToken(), headers: from }))).toEqual(['RATE_LIMITED']);
  return from;
}

const argon2Runs = () => jest.spyOn(argon2, 'verify');

describe('a credential that verifies gets in from an address locked out by failures', () => {
  it.each([
    ['a payment token never used before', newToken],
    ['an admin key never used before', newAdminKey],
  ])('%s', async (_member, make) => {
    const credential = await make();
    const locked = await lockedOutAddress();
    const runs = argon2Runs();

    const res = await use(credential, locked);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(runs).toHaveBeenCalledTimes(1);
    // Its success does not unlock the address for the next miss.
    expect(errorCodes(await graphql(t.url, BalanceDocument, undefined, { token: unknownToken(), headers: locked }))).toEqual(['RATE_LIMITED']);
  });

  it('a payment token verified recently, without argon2', async () => {
    const credential = await newToken();
    expect((await use(credential, newClientAddress())).body.errors).toBeUndefined();
    const locked = await lockedOutAddress();
    const runs = argon2Runs();
    expect((await use(credential, locked)).body.errors).toBeUndefined();
    expect(runs).not.toHaveBeenCalled();
  });
});

describe('refusals from a locked-out address say nothing about what exists', () => {
  it('an unknown selector, malformed secrets, a revoked key, an expired link and a credential it already tried: one answer, no argon2', async () => {
    const tried = await newToken();
    const expired = await issueToken(t, c);
    await expireToken(t, expired.tokenId);
    const revoked = await revokedAdminKey(t, c.organizationId);
    const locked = newClientAddress();
    // Four misses that cost nothing, and one wrong verifier for a real link: the address is at its budget.
    for (let i = 0; i < 4; i++) await use(tried, locked, unknownToken());
    expect(errorCodes(await use(tried, locked, wrongVerifierOf(tried.secret)))).toEqual(['UNAUTHENTICATED']);

    const runs = argon2Runs();
    const refused = await expectNothingChanged(t, async () => [
      await use(tried, locked, unknownToken()),
      await use(tried, locked, 'cpt_not-a-token'),
      await use({ kind: 'admin key', secret: 'cak_0123' }, locked),
      await use({ kind: 'admin key', secret: revoked }, locked),
      await use(tried, locked, expired.token),
      await use(tried, locked, wrongVerifierOf(tried.secret)),
    ]);
    expect(runs).not.toHaveBeenCalled();
    for (const res of refused) {
      expect(res.status).toBe(429);
      expect(errorCodes(res)).toEqual(['RATE_LIMITED']);
    }
    expect(new Set(refused.map((res) => res.body.errors![0].message)).size).toBe(1);
  });
});

describe('a known selector sprayed with wrong verifiers from several addresses', () => {
  it.each([
    ['a payment token', newToken],
    ['an admin key', newAdminKey],
  ])('%s: throttled per credential, while its right verifier still gets in', async (_member, make) => {
    const credential = await make();
    const attackers = [newClientAddress(), newClientAddress(), newClientAddress()];
    const runs = argon2Runs();

    await expectNothingChanged(t, async () => {
      // Two guesses from each of three addresses: within each address's budget of 5, and the credential's 6 used up.
      for (const from of attackers) {
        for (let i = 0; i < 2; i++) expect(errorCodes(await use(credential, from, wrongVerifierOf(credential.secret)))).toEqual(['UNAUTHENTICATED']);
      }
      expect(runs).toHaveBeenCalledTimes(6);

      // An address that already tried this credential is refused before argon2.
      const again = await use(credential, attackers[0], wrongVerifierOf(credential.secret));
      expect(again.status).toBe(429);
      expect(errorCodes(again)).toEqual(['RATE_LIMITED']);
      expect(runs).toHaveBeenCalledTimes(6);

      // A new address costs one argon2 run, answered like any miss (nothing tells it the credential is under attack).
      const newcomer = newClientAddress();
      expect(errorCodes(await use(credential, newcomer, wrongVerifierOf(credential.secret)))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await use(credential, newcomer, wrongVerifierOf(credential.secret)))).toEqual(['RATE_LIMITED']);
      expect(runs).toHaveBeenCalledTimes(7);

      // Ten at once from a new address: counted one by one before argon2, so argon2 runs once.
      const burst = newClientAddress();
      const answers = await Promise.all(Array.from({ length: 10 }, () => use(credential, burst, wrongVerifierOf(credential.secret))));
      expect(runs).toHaveBeenCalledTimes(8);
      expect(answers.filter((res) => errorCodes(res)[0] === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(9);
      for (const res of answers) expect(['UNAUTHENTICATED', 'RATE_LIMITED']).toContain(errorCodes(res)[0]);
    });

    // The sprayed address that tried this credential is refused even with the right verifier, until the cache knows it...
    expect(errorCodes(await use(credential, attackers[0]))).toEqual(['RATE_LIMITED']);
    // ...but the owner, from their own address, gets in: one argon2 run, however hot the selector is.
    const owner = await use(credential, newClientAddress());
    expect(owner.body.errors).toBeUndefined();
    expect(runs).toHaveBeenCalledTimes(9);
    // Verified now: a cached secret is never refused, whatever address sends it.
    expect((await use(credential, attackers[0])).body.errors).toBeUndefined();
    expect(runs).toHaveBeenCalledTimes(9);
  });
});

describe('unknown selectors and malformed secrets from many addresses', () => {
  it('are answered UNAUTHENTICATED and never reach argon2, however many addresses send them', async () => {
    const runs = argon2Runs();
    const sprayed = unknownToken();
    const answers = await expectNothingChanged(t, async () => {
      const out = [];
      for (let i = 0; i < 20; i++) {
        const from = newClientAddress();
        out.push(await graphql(t.url, BalanceDocument, undefined, { token: sprayed, headers: from }));
        out.push(await graphql(t.url, BalanceDocument, undefined, { token: unknownToken(), headers: from }));
        out.push(await graphql(t.url, BalanceDocument, undefined, { token: `cpt_${randomBytes(8).toString('hex')}`, headers: from }));
        out.push(await graphql(t.url, BalanceDocument, undefined, { token: `cak_${randomBytes(12).toString('hex')}_short`, headers: from }));
      }
      return out;
    });
    expect(runs).not.toHaveBeenCalled();
    expect(new Set(answers.map((res) => JSON.stringify(res.body)))).toEqual(new Set([JSON.stringify(answers[0].body)]));
    expect(errorCodes(answers[0])).toEqual(['UNAUTHENTICATED']);
  });
});
