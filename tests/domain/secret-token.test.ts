import { issueSecret, parseSecret, verifySecret, VerifiedSecretCache } from '../../src/domain/secret-token';

const params = { memoryCost: 8192, timeCost: 1, parallelism: 1 };

describe('split secrets', () => {
  it('issue as <prefix>_<selector>_<verifier>, parse back, and verify only the right verifier', async () => {
    const issued = await issueSecret('customer', params);
    expect(issued.secret).toMatch(/^cpt_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    expect(parseSecret(issued.secret)).toEqual({ kind: 'customer', selector: issued.selector, verifier: issued.verifier });
    expect(issued.verifierHash).toMatch(/^\$argon2id\$/);
    expect(await verifySecret(issued.verifierHash, issued.verifier)).toBe(true);
    expect(await verifySecret(issued.verifierHash, issued.verifier.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))).toBe(false);
    expect(parseSecret('cpt_short_x')).toBeNull();
  });
});

describe('VerifiedSecretCache', () => {
  it('runs one verification for concurrent requests with the same secret, then none while cached', async () => {
    const cache = new VerifiedSecretCache(60_000);
    let runs = 0;
    const slowVerify = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(++runs > 0), 20));
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.verify('secret', 'row', 'hash', slowVerify)));
    expect(results).toEqual(Array(10).fill(true));
    expect(runs).toBe(1);
    expect(await cache.verify('secret', 'row', 'hash', slowVerify)).toBe(true);
    expect(runs).toBe(1);
  });

  it('does not serve a secret whose row or stored hash changed, or a failed verification', async () => {
    const cache = new VerifiedSecretCache(60_000);
    await cache.verify('secret', 'row', 'hash', async () => true);
    expect(cache.has('secret', 'row', 'hash')).toBe(true);
    expect(cache.has('secret', 'other-row', 'hash')).toBe(false);
    expect(cache.has('secret', 'row', 'rehashed')).toBe(false);
    expect(await cache.verify('wrong', 'row', 'hash', async () => false)).toBe(false);
    expect(cache.has('wrong', 'row', 'hash')).toBe(false);
  });
});
