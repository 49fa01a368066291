/**
 * Payment links are bearer secrets (OWASP API2, broken authentication). A revoked or expired one stops working
 * on the very next request; guessing is refused with one message for every kind of miss, costs us no argon2
 * work for an unknown selector, and is cut off per client address after RATE_LIMIT_AUTH_FAILURES_PER_MINUTE
 * (auth-throttling.test.ts shows that the cut-off never keeps out a credential that verifies).
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { BalanceDocument, RevokeCustomerPaymentTokenDocument } from '../graphql/generated/operations';
import { LINK_EXPIRED_MESSAGE, UNAUTHENTICATED_MESSAGE } from '../../src/domain/errors';
import { expireToken, issueToken, revokedAdminKey, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, type GraphQLResponse, type TestApp } from '../support/test-app';
import { expectNothingChanged, newClientAddress, startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;

beforeAll(async () => {
  // Behind a trusted proxy, so each test can be its own client address and start with a clean failure count.
  t = await startSecurityApp({ TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '10' });
  c = await seedCustomer(t);
});
afterAll(() => t?.stop());
afterEach(() => jest.restoreAllMocks());

/** A well-formed payment token that was never issued. */
const randomToken = () => `cpt_${randomBytes(12).toString('hex')}_${randomBytes(32).toString('base64url')}`;

function balance(token: string, from: Record<string, string>) {
  return graphql(t.url, BalanceDocument, undefined, { token, headers: from });
}

function expectUnauthenticated(res: GraphQLResponse<unknown>) {
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors).toEqual([expect.objectContaining({ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } })]);
}

describe('a token that was good', () => {
  it('stops working on the next request after it is revoked, though it was just verified and cached', async () => {
    const from = newClientAddress();
    const issued = await issueToken(t, c);
    expect((await balance(issued.token, from)).body.errors).toBeUndefined();
    expect((await balance(issued.token, from)).body.errors).toBeUndefined();

    const revoked = await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: issued.tokenId }, { token: c.adminApiKey, headers: newClientAddress() });
    expect(revoked.body.data!.revokeCustomerPaymentToken.status).toBe('REVOKED');

    expectUnauthenticated(await expectNothingChanged(t, () => balance(issued.token, from)));
  });

  it('stops working once it has expired: LINK_EXPIRED for the genuine link, and the one answer for it mistyped', async () => {
    const from = newClientAddress();
    const issued = await issueToken(t, c, { expiresInDays: 1 });
    expect((await balance(issued.token, from)).body.errors).toBeUndefined();
    // A day passes.
    await expireToken(t, issued.tokenId);

    const [genuine, mistyped, unknown] = await expectNothingChanged(t, async () => [
      await balance(issued.token, from),
      await balance(issued.token.slice(0, -4) + (issued.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'), from),
      await balance(randomToken(), from),
    ]);
    expect(genuine.body.data ?? null).toBeNull();
    expect(genuine.body.errors).toEqual([expect.objectContaining({ message: LINK_EXPIRED_MESSAGE, extensions: { code: 'LINK_EXPIRED' } })]);
    // Without the secret, an expired link is a miss like any other: nothing says it exists or that it expired.
    expectUnauthenticated(mistyped);
    expect(mistyped.body).toEqual(unknown.body);
  });

  it('an admin key stops working once revoked', async () => {
    const leaked = await revokedAdminKey(t, c.organizationId);
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `mutation { createCustomer(input: { name: "Mallory" }) { id } }`, undefined, { token: leaked, headers: newClientAddress() }),
    );
    expectUnauthenticated(res);
  });

  it('a customer token dressed up as an admin key (prefix swapped) is just a wrong credential', async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `query { customerPaymentTokens(customerId: "${c.customerId}") { id } }`, undefined, {
        token: c.token.replace(/^cpt_/, 'cak_'),
        headers: newClientAddress(),
      }),
    );
    expectUnauthenticated(res);
  });
});

describe('guessing tokens', () => {
  it('gets the same answer for every miss, and an unknown selector never reaches argon2', async () => {
    const from = newClientAddress();
    const verify = jest.spyOn(argon2, 'verify');
    const answers = await expectNothingChanged(t, async () => {
      const out = [];
      for (let i = 0; i < 10; i++) out.push(await balance(randomToken(), from));
      return out;
    });
    for (const res of answers) expectUnauthenticated(res);
    expect(new Set(answers.map((res) => JSON.stringify(res.body))).size).toBe(1);
    expect(verify).not.toHaveBeenCalled();
  });

  it('a near miss (a real selector with a wrong verifier) is checked by argon2, and answered exactly like an unknown one', async () => {
    const from = newClientAddress();
    const verify = jest.spyOn(argon2, 'verify');
    const nearMiss = c.token.slice(0, -4) + (c.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const [miss, unknown] = await expectNothingChanged(t, async () => [await balance(nearMiss, from), await balance(randomToken(), from)]);
    expect(verify).toHaveBeenCalledTimes(1);
    expectUnauthenticated(miss);
    expect(miss.body).toEqual(unknown.body);
  });

  it('is cut off after 10 misses from one address with RATE_LIMITED (429) and a retry hint, and without argon2 for what it already tried', async () => {
    const from = newClientAddress();
    for (let i = 0; i < 10; i++) expectUnauthenticated(await balance(randomToken(), from));

    const verify = jest.spyOn(argon2, 'verify');
    const nearMiss = c.token.slice(0, -4) + (c.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const [unknown, firstTry, secondTry] = await expectNothingChanged(t, async () => [
      await balance(randomToken(), from),
      // A credential this address never tried is still checked once (it could be its owner's), and refused as over budget.
      await balance(nearMiss, from),
      // Tried already: refused before argon2, like any other miss from here.
      await balance(nearMiss, from),
    ]);
    expect(verify).toHaveBeenCalledTimes(1);
    for (const refused of [unknown, firstTry, secondTry]) {
      expect(refused.status).toBe(429);
      expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
      expect(refused.body.errors![0].extensions!.retryAfterSeconds).toEqual(expect.any(Number));
      expect(refused.body.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.body.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // The same words whether the selector exists or not.
    expect(new Set([unknown, firstTry, secondTry].map((res) => res.body.errors![0].message)).size).toBe(1);
  });

  it("one address's lockout does not lock out another", async () => {
    const guesser = newClientAddress();
    for (let i = 0; i < 11; i++) await balance(randomToken(), guesser);
    expect(errorCodes(await balance(randomToken(), guesser))).toEqual(['RATE_LIMITED']);

    const res = await balance(c.token, newClientAddress());
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.balance.openInvoiceCount).toBe(2);
  });
});
