/**
 * Denial of service through the query language (OWASP GraphQL Cheat Sheet; API4, unrestricted resource
 * consumption): documents that are too deep, too wide, too costly or too large are refused before any resolver
 * runs, and list sizes are capped whatever the client asks for.
 */
import { createHash } from 'node:crypto';
import { PaymentHistoryDocument } from '../graphql/generated/operations';
import { recordPayments, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, request, startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  c = await seedCustomer(t);
  // More payments than one page may hold, so the page cap can show.
  await recordPayments(t, c, Array(105).fill(100));
});
afterAll(() => t?.stop());

/** Sends a document with the customer's token and asserts it was refused before execution. */
async function refused(query: string, variables?: Record<string, unknown>) {
  const res = await expectNothingChanged(t, () => graphql(t.url, query, variables, { token: c.token }));
  expect(res.status).toBe(400);
  expect(res.body.data).toBeUndefined();
  return res;
}

const messages = (res: { body: { errors?: Array<{ message: string }> } }) => (res.body.errors ?? []).map((e) => e.message).join('\n');

describe('refused before execution', () => {
  it('a depth bomb (nine levels; the schema has no cycles, so fragments nest instead)', async () => {
    const res = await refused(
      `{ invoice { lineItems { amount { ... on Money { ... on Money { ... on Money { ... on Money { ... on Money { ... on Money { amount } } } } } } } } } }`,
    );
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(messages(res)).toContain('Query depth limit of 8 exceeded');
  });

  it('a depth bomb through introspection (__type is not exempt)', async () => {
    const res = await refused(`{ __type(name: "Query") { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } }`);
    expect(messages(res)).toContain('Query depth limit of 8 exceeded');
  });

  it('an alias bomb (16 aliases of one field)', async () => {
    const res = await refused(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: balance { openInvoiceCount }`).join(' ')} }`);
    expect(messages(res)).toContain('Aliases limit of 15 exceeded');
  });

  it('a cost bomb (a full page of 100 payments with every field)', async () => {
    const res = await refused(
      `{ paymentHistory(first: 100) { edges { cursor node { id status createdAt invoiceId amount { amount currency formatted } amountRefunded { amount currency formatted } overpaid { amount } cardBrand cardLast4 } } } }`,
    );
    expect(messages(res)).toContain('Query Cost limit of 5000 exceeded');
  });

  it('a directive overload (30 directives on one field)', async () => {
    const res = await refused(`{ balance { openInvoiceCount ${'@include(if: true) '.repeat(30)} } }`);
    expect(messages(res)).toContain('Directives limit of 20 exceeded');
  });

  it('a token flood (more than 2000 lexical tokens) is refused by the parser, as a client error', async () => {
    const res = await refused(`{ balance { ${'openInvoiceCount '.repeat(2100)} } }`);
    expect(errorCodes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(messages(res)).toContain('2000 tokens. Parsing aborted.');
  });

  it('a field-duplication bomb (1200 copies of one field, under the token limit)', async () => {
    const res = await refused(`{ balance { ${'openInvoiceCount '.repeat(1200)} } }`);
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('circular fragments', async () => {
    const res = await refused(`query { ...A } fragment A on Query { balance { openInvoiceCount } ...B } fragment B on Query { ...A }`);
    expect(messages(res)).toContain('Cannot spread fragment "A" within itself');
  });

  it('a batch of operations in one HTTP request (an array body)', async () => {
    const mutation = { query: 'mutation { createCustomer(input: { name: "Batched" }) { id } }' };
    const res = await expectNothingChanged(t, () =>
      request(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.adminApiKey}` },
        body: JSON.stringify([mutation, mutation]),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json!.errors![0].message).toBe('Operation batching disabled.');
  });

  it('an automatic persisted query (APQ is off): a hash alone, or a hash with its document', async () => {
    const query = '{ balance { openInvoiceCount } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    for (const body of [{ extensions: { persistedQuery } }, { query, extensions: { persistedQuery } }]) {
      const res = await expectNothingChanged(t, () =>
        request(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` }, body: JSON.stringify(body) }),
      );
      // Apollo answers APQ errors with 200, as the protocol has clients read them; nothing ran.
      expect(res.json!.data).toBeUndefined();
      expect(res.json!.errors!.map((e) => e.extensions!.code)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
    }
  });

  it('a body that is not JSON', async () => {
    const res = await expectNothingChanged(t, () => request(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ balance' }));
    expect(res.status).toBe(400);
    expect(res.json!.errors![0].extensions!.code).toBe('BAD_REQUEST');
  });
});

describe('oversized bodies', () => {
  /** A valid request padded to `bytes` with an unused variable. */
  const padded = (bytes: number) => {
    const shell = JSON.stringify({ query: 'mutation { createCustomer(input: { name: "Big" }) { id } }', variables: { pad: '' } });
    return shell.replace('"pad":""', `"pad":"${'x'.repeat(bytes - shell.length)}"`);
  };
  const headers = () => ({ 'content-type': 'application/json', authorization: `Bearer ${c.adminApiKey}` });

  it('over 100 kB, with a Content-Length, are refused with 413', async () => {
    const body = padded(100 * 1024 + 1);
    expect(Buffer.byteLength(body)).toBe(100 * 1024 + 1);
    const res = await expectNothingChanged(t, () => request(t.url, { method: 'POST', headers: headers(), body }));
    expect(res.status).toBe(413);
    expect(res.json!.errors![0].extensions!.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('over 100 kB, streamed in chunks without a Content-Length, are refused with 413 too', async () => {
    const bytes = Buffer.from(padded(150 * 1024));
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16 * 1024) controller.enqueue(bytes.subarray(i, i + 16 * 1024));
        controller.close();
      },
    });
    const res = await expectNothingChanged(t, () => request(t.url, { method: 'POST', headers: headers(), body, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
  });

  it('just under the limit, the same request goes through: the refusal is about size alone', async () => {
    const res = await request(t.url, { method: 'POST', headers: headers(), body: padded(100 * 1024) });
    expect(res.status).toBe(200);
    expect(res.json!.errors).toBeUndefined();
  });
});

describe('lists and arguments', () => {
  it('`first` above 100 through a variable still returns at most 100 (and costs what a page of 100 costs)', async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `query($first: Int) { paymentHistory(first: $first) { edges { node { id } } pageInfo { hasNextPage } } }`, { first: 1000 }, { token: c.token }),
    );
    expect(res.body.errors).toBeUndefined();
    const page = (res.body.data as { paymentHistory: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }).paymentHistory;
    expect(page.edges).toHaveLength(100);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('a negative `first` is BAD_USER_INPUT', async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, PaymentHistoryDocument, { first: -1 }, { token: c.token }));
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('a forged cursor carrying SQL is BAD_USER_INPUT', async () => {
    const after = Buffer.from(`0:x' OR '1'='1`).toString('base64url');
    const res = await expectNothingChanged(t, () => graphql(t.url, PaymentHistoryDocument, { first: 5, after }, { token: c.token }));
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('an id carrying SQL is just an id that is not found', async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, `query($id: ID) { invoice(id: $id) { id } }`, { id: `' OR '1'='1` }, { token: c.token }));
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });
});
