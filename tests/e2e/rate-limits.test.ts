/**
 * Rate limits, per client and per field, over HTTP. Budgets are per minute (RATE_LIMIT_*_PER_MINUTE): viewing 20,
 * payment actions 5, method changes 5, admin fields 120, failed authentications 10 per address (the rule for those,
 * which never keeps out a credential that verifies, is in tests/security/auth-throttling.test.ts). Each test uses
 * fresh tokens and client addresses, so each starts with full budgets; windows start at a key's first request,
 * so a test never depends on where the clock is within a minute.
 *
 * Store: memory by default; Redis when REDIS_URL is set, shared by every instance. When Redis is down, each
 * instance falls back to its own in-memory budget: limits stay enforced (a client may get up to one budget per
 * instance during the outage), and requests neither fail nor go unlimited.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import {
  AddPaymentMethodDocument,
  BalanceDocument,
  ConfirmPaymentDocument,
  CreatePaymentIntentDocument,
  CustomerPaymentTokensDocument,
  InvoiceDocument,
  RemovePaymentMethodDocument,
  SetDefaultMethodDocument,
} from '../graphql/generated/operations';
import { createAdminKey, issueToken, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, untilReady, type GraphQLResponse, type TestApp } from '../support/test-app';
import { newClientAddress, startSecurityApp } from '../security/support';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
/** Nothing listens on port 1: Redis is "down" from the start. */
const DEAD_REDIS_URL = 'redis://127.0.0.1:1';

const RATE_LIMITED = expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });

/** Sends `count` requests one after another and returns the error codes of each (undefined when it succeeded). */
async function codesOf(count: number, send: () => Promise<GraphQLResponse<unknown>>): Promise<unknown[]> {
  const out = [];
  for (let i = 0; i < count; i++) out.push(errorCodes(await send())[0]);
  return out;
}

const balance = (t: TestApp, token?: string, headers: Record<string, string> = {}) => graphql(t.url, BalanceDocument, undefined, { token, headers });

describe('in memory (no REDIS_URL)', () => {
  let t: TestApp;
  let seed: SeededCustomer;

  beforeAll(async () => {
    t = await startSecurityApp({ TRUSTED_PROXIES: '127.0.0.1' });
    seed = await seedCustomer(t);
  });
  afterAll(() => t?.stop());

  it('refuses the 21st view of a field in a minute with RATE_LIMITED and a retry hint, and audits it once', async () => {
    const client = await issueToken(t, seed);
    expect(await codesOf(20, () => balance(t, client.token))).toEqual(Array(20).fill(undefined));

    const refused = await balance(t, client.token);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toEqual([RATE_LIMITED]);
    const { retryAfterSeconds } = refused.body.errors![0].extensions as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.body.errors![0].message).toBe(`Too many requests for Query.balance. Retry in ${retryAfterSeconds} s.`);

    // Refused again: still one audit row, so a flood of refusals is not a flood of writes.
    expect(errorCodes(await balance(t, client.token))).toEqual(['RATE_LIMITED']);
    const audited = await t.app.database.prisma.auditLog.findMany({ where: { action: 'RATE_LIMITED', actorId: client.tokenId } });
    expect(audited).toEqual([expect.objectContaining({ actorType: 'PAYMENT_TOKEN', organizationId: seed.organizationId, ip: '127.0.0.1' })]);
    expect(JSON.parse(audited[0].details!)).toEqual({ field: 'Query.balance' });

    // The budget is per field: the same client can still read its invoice.
    expect((await graphql(t.url, InvoiceDocument, {}, { token: client.token })).body.errors).toBeUndefined();
  });

  it('allows 5 payment actions per field: createPaymentIntent and confirmPayment', async () => {
    const client = await issueToken(t, seed);
    const create = () => graphql(t.url, CreatePaymentIntentDocument, { input: { amount: -1 } }, { token: client.token });
    const confirm = () => graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: 'pi_unknown' }, { token: client.token });
    expect(await codesOf(6, create)).toEqual([...Array(5).fill(undefined), 'RATE_LIMITED']);
    expect(await codesOf(6, confirm)).toEqual([...Array(5).fill('NOT_FOUND'), 'RATE_LIMITED']);
  });

  it('allows 5 method changes per field: add, remove and set the default', async () => {
    const client = await issueToken(t, seed);
    const add = () => graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: 'not-a-card' } }, { token: client.token });
    const remove = () => graphql(t.url, RemovePaymentMethodDocument, { id: 'none' }, { token: client.token });
    const setDefault = () => graphql(t.url, SetDefaultMethodDocument, { id: 'none' }, { token: client.token });
    for (const send of [add, remove, setDefault]) expect(await codesOf(6, send)).toEqual([...Array(5).fill(undefined), 'RATE_LIMITED']);
  });

  it('allows 120 admin requests per field and key', async () => {
    const { secret } = await createAdminKey(t, seed.organizationId);
    const list = () => graphql(t.url, CustomerPaymentTokensDocument, { customerId: seed.customerId }, { token: secret });
    const codes = await codesOf(121, list);
    expect(codes.slice(0, 120)).toEqual(Array(120).fill(undefined));
    expect(codes[120]).toBe('RATE_LIMITED');
  });

  it('counts each alias: 15 aliases in one document leave 5 of 20', async () => {
    const client = await issueToken(t, seed);
    const aliased = await graphql(t.url, `{ ${Array.from({ length: 15 }, (_, i) => `b${i}: balance { openInvoiceCount }`).join(' ')} }`, undefined, { token: client.token });
    expect(Object.keys(aliased.body.data as object)).toHaveLength(15);
    expect(await codesOf(6, () => balance(t, client.token))).toEqual([...Array(5).fill(undefined), 'RATE_LIMITED']);
  });

  it('counts a field repeated under one name once: GraphQL merges it into a single resolution', async () => {
    const client = await issueToken(t, seed);
    const repeated = await graphql(t.url, `{ balance { openInvoiceCount } balance { overdue { amount } } balance { openInvoiceCount } }`, undefined, { token: client.token });
    expect(repeated.body.errors).toBeUndefined();
    expect(await codesOf(20, () => balance(t, client.token))).toEqual([...Array(19).fill(undefined), 'RATE_LIMITED']);
  });

  it("never lets one token's use throttle another's", async () => {
    const [first, second] = [await issueToken(t, seed), await issueToken(t, seed)];
    await codesOf(21, () => balance(t, first.token));
    expect(errorCodes(await balance(t, first.token))).toEqual(['RATE_LIMITED']);
    expect((await balance(t, second.token)).body.errors).toBeUndefined();
  });

  it('keeps a token to its budget whatever address it comes from', async () => {
    const client = await issueToken(t, seed);
    expect(await codesOf(20, () => balance(t, client.token, newClientAddress()))).toEqual(Array(20).fill(undefined));
    expect(errorCodes(await balance(t, client.token, newClientAddress()))).toEqual(['RATE_LIMITED']);
  });

  it('budgets unauthenticated requests per client address', async () => {
    const [one, other] = [newClientAddress(), newClientAddress()];
    expect(await codesOf(21, () => balance(t, undefined, one))).toEqual([...Array(20).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    expect(errorCodes(await balance(t, undefined, other))).toEqual(['UNAUTHENTICATED']);
    const audited = await t.app.database.prisma.auditLog.findMany({ where: { action: 'RATE_LIMITED', ip: one['x-forwarded-for'] } });
    expect(audited).toEqual([expect.objectContaining({ actorType: 'ANONYMOUS', actorId: null })]);
  });

  it('after 10 failed authentications from an address, refuses its next misses (429), but never a credential that verifies', async () => {
    const guesser = newClientAddress();
    const client = await issueToken(t, seed);
    const unknown = `cpt_${randomBytes(12).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    expect(await codesOf(10, () => balance(t, unknown, guesser))).toEqual(Array(10).fill('UNAUTHENTICATED'));

    const locked = await balance(t, unknown, guesser);
    expect(locked.status).toBe(429);
    expect(locked.body.errors).toEqual([RATE_LIMITED]);
    // Only failing attempts are throttled: a valid token from the same address, never verified before, gets in.
    expect((await balance(t, client.token, guesser)).body.errors).toBeUndefined();
    expect(errorCodes(await balance(t, unknown, newClientAddress()))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('in Redis (REDIS_URL), shared by two instances', () => {
  const prefix = `rl-test-${randomBytes(6).toString('hex')}`;
  let redis: Redis;
  let one: TestApp;
  let two: TestApp;
  let seed: SeededCustomer;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    // A prefix of its own: runs (and other suites) on the same Redis do not share budgets.
    one = await startSecurityApp({ REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, TRUSTED_PROXIES: '127.0.0.1' });
    two = await startSecurityApp({ REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix, TRUSTED_PROXIES: '127.0.0.1', DATABASE_URL: one.app.config.databaseUrl });
    // Until its Redis connection is up, an instance counts in its own memory (the fallback tested above); a load
    // balancer sends it nothing before /ready, which pings Redis, answers 200.
    await Promise.all([untilReady(one), untilReady(two)]);
    seed = await seedCustomer(one);
  });
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('refuses the 21st view across both instances', async () => {
    const client = await issueToken(one, seed);
    expect(await codesOf(10, () => balance(one, client.token))).toEqual(Array(10).fill(undefined));
    expect(await codesOf(10, () => balance(two, client.token))).toEqual(Array(10).fill(undefined));
    expect(errorCodes(await balance(one, client.token))).toEqual(['RATE_LIMITED']);
    expect(errorCodes(await balance(two, client.token))).toEqual(['RATE_LIMITED']);
  });

  it('shares the failed-authentication count too', async () => {
    const guesser = newClientAddress();
    const wrong = `cpt_${randomBytes(12).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    await codesOf(5, () => balance(one, wrong, guesser));
    await codesOf(5, () => balance(two, wrong, guesser));
    expect(errorCodes(await balance(one, wrong, guesser))).toEqual(['RATE_LIMITED']);
  });

  it('keys budgets by token id and client address, never by the token itself', async () => {
    const client = await issueToken(one, seed);
    await balance(one, client.token);
    await balance(one, undefined, { 'x-forwarded-for': '10.200.0.1' });
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toEqual(expect.arrayContaining([`${prefix}:token:${client.tokenId}:Query.balance`, `${prefix}:ip:10.200.0.1:Query.balance`]));
    // The verifier is base64url and may itself hold '_': split at the first two only.
    const [, selector, verifier] = /^cpt_([^_]+)_(.+)$/.exec(client.token)!;
    for (const key of keys) {
      expect(key).not.toContain(selector);
      expect(key).not.toContain(verifier);
    }
  });
});

describe('with Redis down (REDIS_URL points at a closed port)', () => {
  let one: TestApp;
  let two: TestApp;
  let seed: SeededCustomer;

  beforeAll(async () => {
    one = await startSecurityApp({ REDIS_URL: DEAD_REDIS_URL, TRUSTED_PROXIES: '127.0.0.1' });
    two = await startSecurityApp({ REDIS_URL: DEAD_REDIS_URL, TRUSTED_PROXIES: '127.0.0.1', DATABASE_URL: one.app.config.databaseUrl });
    seed = await seedCustomer(one);
  });
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
  });

  it('still limits, with a budget per instance', async () => {
    const client = await issueToken(one, seed);
    expect(await codesOf(21, () => balance(one, client.token))).toEqual([...Array(20).fill(undefined), 'RATE_LIMITED']);
    // The other instance cannot see that count: it keeps its own.
    expect(await codesOf(21, () => balance(two, client.token))).toEqual([...Array(20).fill(undefined), 'RATE_LIMITED']);
  });

  it('still limits failed authentications', async () => {
    const guesser = newClientAddress();
    const wrong = `cpt_${randomBytes(12).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    expect(await codesOf(11, () => balance(one, wrong, guesser))).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
  });

  it('says so in the log once per outage, not once per reconnection attempt', async () => {
    // ioredis keeps retrying in the background; by now it has failed more than once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const warnings = one.logs().split('\n').filter((line) => line.includes('redis unavailable'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0])).toMatchObject({ level: 40, err: expect.stringContaining('ECONNREFUSED') });
  });
});
