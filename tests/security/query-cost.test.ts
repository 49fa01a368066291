/**
 * The query cost limit counts list sizes passed as variables like literals (OWASP API4; issue 14, point 13). A cost
 * rule that reads only the document multiplied by `first: 60` but not by `first: $n` with n = 60, so a client could
 * pick the cheaper spelling. The limit now sees the page each list field will really return: a literal, a variable,
 * a variable's default, or the field's own default (10), capped at the 100 the server returns at most.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { MAX_QUERY_COST } from '../../src/server/graphql-server';
import { operationCost, requestCost } from '../../src/server/query-cost';
import { recordPayments, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, type GraphQLResponse, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

const ROOT = join(__dirname, '..', '..');
const schema = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));

/** Every field of a payment, as a history page shows them: about 83 per payment, so 59 pass and 60 do not. */
const PAYMENT_PAGE = `edges { cursor node { id status createdAt invoiceId amount { amount currency formatted } amountRefunded { amount currency formatted } cardBrand cardLast4 } } pageInfo { hasNextPage endCursor }`;
/** Invoices with their line items: about 97 per invoice, so 51 pass and 52 do not. */
const INVOICE_PAGE = `edges { node { id number total { amount currency formatted } amountDue { amount currency formatted } lineItems { description amount { amount currency } } } }`;

const LISTS = [
  { field: 'paymentHistory', selection: PAYMENT_PAGE, sizes: [58, 59, 60, 61] },
  { field: 'invoices', selection: INVOICE_PAGE, sizes: [50, 51, 52, 53] },
];

/** One list request written three ways: the size in the document, in a variable, and as a variable's default. */
function spellings(field: string, selection: string, size: number): Array<[string, string, Record<string, unknown> | undefined]> {
  return [
    ['literal', `{ ${field}(first: ${size}) { ${selection} } }`, undefined],
    ['variable', `query($n: Int) { ${field}(first: $n) { ${selection} } }`, { n: size }],
    ['default of a variable', `query($n: Int = ${size}) { ${field}(first: $n) { ${selection} } }`, {}],
  ];
}

/** What the server computes for a request of this document and these variables. */
function costOf(document: string, variables: Record<string, unknown> = {}): number | undefined {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return requestCost(schema, parsed, operation, variables);
}

describe('over HTTP, at the boundary', () => {
  let t: TestApp;
  let c: SeededCustomer;
  beforeAll(async () => {
    t = await startSecurityApp(NO_RATE_LIMITS);
    c = await seedCustomer(t);
    await recordPayments(t, c, Array(70).fill(100));
  });
  afterAll(() => t?.stop());

  const verdict = (res: GraphQLResponse<unknown>) =>
    res.status === 400 && /^Query Cost limit of 5000 exceeded/.test(res.body.errors?.[0]?.message ?? '') ? 'refused' : res.body.errors ? 'error' : 'answered';

  it.each(LISTS)('$field: the same verdict for every spelling of the page size, on both sides of the limit', async ({ field, selection, sizes }) => {
    const verdicts = await expectNothingChanged(t, async () => {
      const out: Record<number, string[]> = {};
      for (const size of sizes) {
        out[size] = [];
        for (const [, query, variables] of spellings(field, selection, size)) out[size].push(verdict(await graphql(t.url, query, variables, { token: c.token })));
      }
      return out;
    });
    for (const size of sizes) expect(new Set(verdicts[size]).size).toBe(1);
    expect(Object.values(verdicts).map((each) => each[0])).toEqual(['answered', 'answered', 'refused', 'refused']);
  });

  it('a refusal is a validation failure (400), before any resolver runs', async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, `query($n: Int) { paymentHistory(first: $n) { ${PAYMENT_PAGE} } }`, { n: 100 }, { token: c.token }));
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([{ message: expect.stringMatching(/^Query Cost limit of 5000 exceeded, found \d+/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
  });
});

describe('the cost of a page is the page the server returns', () => {
  it('a literal, a variable and a variable\'s default cost the same', () => {
    for (const { field, selection } of LISTS) {
      for (const size of [1, 10, 37, 100]) {
        const costs = spellings(field, selection, size).map(([, query, variables]) => costOf(query, variables));
        expect(new Set(costs).size).toBe(1);
      }
    }
  });

  it('no size costs what the default page (10) costs', () => {
    expect(costOf(`{ paymentHistory { ${PAYMENT_PAGE} } }`)).toBe(costOf(`{ paymentHistory(first: 10) { ${PAYMENT_PAGE} } }`));
    expect(costOf(`query($n: Int) { paymentHistory(first: $n) { ${PAYMENT_PAGE} } }`, {})).toBe(costOf(`{ paymentHistory(first: 10) { ${PAYMENT_PAGE} } }`));
  });

  it('more than 100 costs 100, the most the server returns', () => {
    expect(costOf(`query($n: Int) { paymentHistory(first: $n) { ${PAYMENT_PAGE} } }`, { n: 100_000 })).toBe(costOf(`{ paymentHistory(first: 100) { ${PAYMENT_PAGE} } }`));
    expect(costOf(`{ invoices(first: 5000) { ${INVOICE_PAGE} } }`)).toBe(costOf(`{ invoices(first: 100) { ${INVOICE_PAGE} } }`));
  });

  it('the payment page\'s operations, at the page sizes it asks for, are within the limit', () => {
    const app = readFileSync(join(ROOT, 'web', 'src', 'app.tsx'), 'utf8');
    const pageSize = (name: string) => Number(new RegExp(`const ${name} = (\\d+);`).exec(app)?.[1]);
    const [invoices, history] = [pageSize('INVOICES_PAGE'), pageSize('HISTORY_PAGE')];
    expect(invoices).toBeGreaterThan(0);
    expect(history).toBeGreaterThan(0);
    const variables = { invoicesFirst: invoices, historyFirst: history, first: Math.max(invoices, history) };

    const dir = join(ROOT, 'web', 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parse(readFileSync(join(dir, file), 'utf8'));
      const fragments = Object.fromEntries(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        // Only the page sizes matter to the cost; the operation's other variables are left out.
        const cost = operationCost(schema, definition, fragments, variables);
        expect({ operation: definition.name?.value, withinLimit: cost <= MAX_QUERY_COST }).toEqual({
          operation: definition.name?.value,
          withinLimit: true,
        });
      }
    }
  });
});
