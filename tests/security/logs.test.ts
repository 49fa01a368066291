/**
 * Logs are structured JSON and never hold a secret (OWASP API8, security misconfiguration; PCI DSS 3.3 for
 * card numbers). Secrets are planted everywhere a request can carry them, including paths that end in an
 * internal error or a failing webhook, whose details are logged on purpose. Then the captured log, at trace
 * level, is searched for each of them.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import Stripe from 'stripe';
import { CreatePaymentIntentDocument, GenerateCustomerPaymentTokenDocument, InvoiceDocument } from '../graphql/generated/operations';
import { seedCustomer, withTableMissing, type SeededCustomer, issuedLink } from '../support/fixtures';
import { buildApiSchema } from '../../src/api/schema';
import { createGraphQLServer } from '../../src/server/graphql-server';
import { createLogger, stdoutDestination } from '../../src/server/logger';
import { graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { request, startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;

const PLANTED = {
  stripeLiveKey: 'sk_live_51HplantedPlantedPlanted00Key',
  restrictedKey: 'rk_live_51HplantedRestricted00Key',
  webhookSecret: 'whsec_plantedPlantedPlanted0000Secret',
  redisPassword: 'hunter2RedisPassword',
  card: '4242424242424242',
  cardWithSpaces: '4242 4242 4242 4242',
  cardWithDashes: '4000-0566-5566-5556',
};

beforeAll(async () => {
  t = await startSecurityApp({
    ...NO_RATE_LIMITS,
    NODE_ENV: 'production',
    LOG_LEVEL: 'trace',
    // A password in a connection string, to a Redis that is down: the connection errors are logged.
    REDIS_URL: `redis://:${PLANTED.redisPassword}@127.0.0.1:1`,
  });
  c = await seedCustomer(t);
});
afterAll(() => t?.stop());

it('never writes a token, admin key, client secret, Stripe or webhook secret, password or card number', async () => {
  const admin = { token: c.adminApiKey };
  const issued = issuedLink((await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: c.customerId } }, admin)).body.data!.generateCustomerPaymentToken).token;
  const intent = (await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: issued })).body.data!.createPaymentIntent;
  if (intent.__typename !== 'PaymentIntent') throw new Error(`no intent: ${intent.__typename}`);
  const clientSecret = intent.clientSecret;

  // Headers, the query string, variables and query text.
  await request(t.url, {
    path: `/graphql?token=${issued}&api_key=${c.adminApiKey}&card=${PLANTED.card}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${issued}`,
      cookie: `session=${c.token}`,
      'x-api-key': PLANTED.stripeLiveKey,
      'stripe-signature': `t=1,v1=${PLANTED.webhookSecret}`,
    },
    body: JSON.stringify({ query: `{ invoice(id: "${clientSecret}") { id } }`, variables: { card: PLANTED.cardWithSpaces } }),
  });
  // Links issued with the token in the path (/pay/cpt_…), and paths that only look like one.
  for (const path of [`/pay/${issued}`, `/pay/${c.token}/`, `/pay/assets/${issued}`, `/pay/x/${c.adminApiKey}`, `/${issued}`, `/pay#${issued}`]) {
    await request(t.url, { path, headers: { referer: `https://mail.example.com/?link=${issued}` } });
  }
  await graphql(t.url, InvoiceDocument, { id: c.adminApiKey }, { token: issued });
  await graphql(t.url, InvoiceDocument, {}, { token: issued.slice(0, -3) + 'zzz' });
  await graphql(t.url, InvoiceDocument, {}, { token: `${c.adminApiKey}x` });

  // Internal errors, whose details (database messages that echo the query's values) are logged on purpose.
  await withTableMissing(t, 'Invoice', () => graphql(t.url, InvoiceDocument, { id: issued }, { token: c.token }));
  await withTableMissing(t, 'Customer', async () => {
    for (const card of [PLANTED.card, PLANTED.cardWithSpaces, PLANTED.cardWithDashes]) {
      await graphql(t.url, `mutation($name: String!) { createCustomer(input: { name: $name }) { id } }`, { name: `Card ${card}` }, admin);
    }
  });
  // Aliases end up in the logged error path.
  await withTableMissing(t, 'PaymentMethod', async () => {
    for (const alias of [PLANTED.stripeLiveKey, `card_${PLANTED.card}`]) await graphql(t.url, `{ ${alias}: paymentMethods { id } }`, undefined, { token: c.token });
  });

  // Correctly signed webhooks that fail while being processed, carrying secrets in their body; the event id is logged.
  const stripe = new Stripe('sk_test_unused');
  await withTableMissing(t, 'PaymentAttempt', async () => {
    for (const card of [PLANTED.card, PLANTED.cardWithSpaces, PLANTED.cardWithDashes]) {
      const event = JSON.stringify({
        id: `evt_${card}`,
        object: 'event',
        type: 'payment_intent.succeeded',
        created: Math.floor(Date.now() / 1000),
        data: {
          object: {
            id: clientSecret,
            object: 'payment_intent',
            status: 'succeeded',
            amount: 100,
            amount_received: 100,
            currency: 'usd',
            client_secret: clientSecret,
            metadata: { attempt_id: card, note: `${PLANTED.stripeLiveKey} ${PLANTED.webhookSecret}` },
          },
        },
      });
      const signature = stripe.webhooks.generateTestHeaderString({ payload: event, secret: t.app.config.stripe.webhookSecret! });
      const headers = { 'content-type': 'application/json', 'stripe-signature': signature };
      const res = await request(t.url, { path: '/webhooks/stripe', method: 'POST', headers, body: event });
      expect(res.status).toBe(500);
    }
  });
  await t.stripe.flushWebhooks();

  const logs = t.logs();
  const lines = logs.trim().split('\n');
  // Structured: every line is a JSON object with a level and a message.
  for (const line of lines) expect(JSON.parse(line)).toEqual(expect.objectContaining({ level: expect.any(Number), msg: expect.any(String) }));
  // The risky paths really were logged, with their details; otherwise this test would prove nothing.
  const messages = lines.map((line) => JSON.parse(line).msg as string);
  expect(messages.filter((m) => m === 'internal error').length).toBeGreaterThanOrEqual(5);
  expect(messages).toContain('webhook processing failed; Stripe will retry');
  expect(messages).toContain('redis unavailable; rate limits fall back to per-instance memory');

  const secrets = {
    issued,
    seededToken: c.token,
    adminKey: c.adminApiKey,
    clientSecret,
    configuredStripeKey: t.app.config.stripe.secretKey!,
    configuredWebhookSecret: t.app.config.stripe.webhookSecret!,
    ...PLANTED,
  };
  for (const [name, secret] of Object.entries(secrets)) expect({ name, leaked: logs.includes(secret) }).toEqual({ name, leaked: false });
  // Not even the secret half of a token or key on its own.
  for (const credential of [issued, c.token, c.adminApiKey]) expect(logs).not.toContain(credential.slice(29));
  // The planted values did reach those log lines, scrubbed.
  expect(logs.match(/"path":\["(card_)?\[REDACTED\]"\]/g)).toHaveLength(2);
  expect(logs.match(/"eventId":"evt_\[REDACTED\]"/g)).toHaveLength(3);
});

/** A random UUID written with decimal digits only (still a version-4 UUID): the kind most like a card number. */
function digitsOnlyUuid(): string {
  return randomUUID().replace(/[a-f]/g, (c, at: number) => (at === 19 ? String(8 + randomInt(2)) : String(randomInt(10))));
}

/** Ids of the shapes the other correlating fields carry: our rows' cuids, Stripe's request and event ids. */
const cuid = () => `c${BigInt(`0x${randomBytes(15).toString('hex')}`).toString(36).padStart(24, '0').slice(0, 24)}`;
const stripeId = (prefix: string, length: number) => `${prefix}_${randomBytes(length).toString('base64url').replace(/[-_]/g, '0').slice(0, length)}`;

it("writes Apollo Server's own messages (a plugin hook that threw, an unexpected error) as JSON lines, scrubbed like the rest", () => {
  const written: string[] = [];
  const apollo = createGraphQLServer(buildApiSchema(t.app.config.rateLimits), t.app.config, createLogger('info', { write: (line: string) => void written.push(line) }));
  // How Apollo reports what it catches outside a request's normal path: through the server's logger.
  apollo.logger.error(`Unexpected error processing request: Error: declined ${PLANTED.cardWithSpaces}`);
  expect(written).toHaveLength(1);
  expect(JSON.parse(written[0])).toMatchObject({ level: 50, source: 'apollo', msg: 'Unexpected error processing request: Error: declined [REDACTED]' });
});

it('never alters a request id, or another id that correlates requests, while a card number beside it is still masked', () => {
  const written: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void written.push(line) });
  // 10,000 request ids as the server makes them (random UUIDs), half of them written with digits only: about one in
  // five of those holds a 16-digit run in groups that passes the Luhn check, as a card number does.
  const ids = Array.from({ length: 10_000 }, (_, i) => ({
    requestId: i % 2 ? randomUUID() : digitsOnlyUuid(),
    attemptId: cuid(),
    eventId: stripeId('evt', 24),
    providerRequestId: stripeId('req', 14),
  }));
  for (const [i, correlating] of ids.entries()) {
    const card = i % 2 ? PLANTED.card : PLANTED.cardWithSpaces;
    if (i % 3 === 0) logger.error({ ...correlating, err: new Error(`declined: ${card}`) }, 'internal error');
    else logger.info({ ...correlating, requestIds: [correlating.requestId, digitsOnlyUuid()], note: `card ${card}` }, `paid with ${card}`);
  }

  expect(written).toHaveLength(ids.length);
  const changed = [];
  const leaked = [];
  for (const [i, line] of written.entries()) {
    const logged = JSON.parse(line) as Record<string, unknown> & { err?: { message: string }; note?: string; requestIds?: string[] };
    for (const [field, id] of Object.entries(ids[i])) if (logged[field] !== id) changed.push({ field, id, logged: logged[field] });
    if (logged.requestIds && logged.requestIds[0] !== ids[i].requestId) changed.push({ field: 'requestIds', id: ids[i].requestId, logged: logged.requestIds[0] });
    // Everything but the ids is scrubbed as before: the card numbers beside them are gone.
    if (line.includes(PLANTED.card) || line.includes(PLANTED.cardWithSpaces) || !(logged.err?.message ?? logged.note)?.endsWith('[REDACTED]')) leaked.push(line);
  }
  expect(changed).toEqual([]);
  expect(leaked).toEqual([]);
});

it('still scrubs a card number put where a request id goes: only the form of our ids is left as it is', () => {
  const written: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void written.push(line) });
  logger.info({ requestId: PLANTED.card, requestIds: [PLANTED.cardWithDashes] }, 'request');
  expect(JSON.parse(written[0])).toMatchObject({ requestId: '[REDACTED]', requestIds: ['[REDACTED]'] });
});

describe('standard output as the destination', () => {
  it('holds at most 4 MiB for a log collector that stops reading, then drops lines and says how many once it reads again', async () => {
    const collector = new PassThrough();
    const logger = createLogger('info', stdoutDestination(collector));
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 6000; i++) logger.info({ i, line }, 'request');
    expect(collector.writableLength).toBeLessThan(4.1 * 1024 * 1024);

    const read: string[] = [];
    collector.on('data', (chunk: Buffer) => read.push(chunk.toString()));
    await new Promise((resolve) => setImmediate(resolve));
    logger.info({ i: 6000 }, 'request');
    await new Promise((resolve) => setImmediate(resolve));
    const lines = read.join('').trim().split('\n').map((text) => JSON.parse(text) as { msg: string; i?: number; dropped?: number });
    const kept = lines.filter((entry) => entry.msg === 'request');
    const notice = lines.find((entry) => entry.msg === 'log lines dropped: the log collector was not reading');
    expect(notice?.dropped).toBe(6000 - (kept.length - 1));
    expect(kept.at(-1)?.i).toBe(6000);
  });

  it('ends logging, not the process, when the collector is gone (EPIPE)', () => {
    const collector = new PassThrough();
    const logger = createLogger('info', stdoutDestination(collector));
    collector.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    collector.on('data', () => {
      throw new Error('nothing is written after the collector is gone');
    });
    expect(() => logger.info('request')).not.toThrow();
  });
});
