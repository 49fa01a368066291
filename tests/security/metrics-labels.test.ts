/**
 * Metrics cardinality (issue 14, point 10). A GraphQL operation's name is the client's to choose: labelled as sent,
 * junk names would grow /metrics without bound, or fill a capped set so that real operations lose their label. Only
 * the operations the project ships (the payment page's, web/src/**\/*.graphql, and the typed client operations,
 * tests/graphql/*.graphql) keep a label of their own; any other name is counted as "other".
 */
import { BalanceDocument, InvoiceDocument } from '../graphql/generated/operations';
import { shippedOperationNames } from '../../src/server/shipped-operations';
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { startSecurityApp } from './support';

let t: TestApp;
let c: SeededCustomer;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  c = await seedCustomer(t);
});
afterAll(() => t?.stop());

/** Every `operation` label of the operations counter, with its count summed over type and result. */
async function operationLabels(): Promise<Map<string, number>> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const labels = new Map<string, number>();
  for (const match of text.matchAll(/^portal_graphql_operations_total\{operation="([^"]*)",[^}]*\} (\d+)$/gm)) {
    labels.set(match[1], (labels.get(match[1]) ?? 0) + Number(match[2]));
  }
  return labels;
}

it('the shipped operations are the page\'s and the typed clients\'', () => {
  const names = shippedOperationNames();
  for (const name of ['PortalHome', 'MoreInvoices', 'StartPayment', 'FinishPayment', 'Invoice', 'Balance', 'GenerateCustomerPaymentToken']) expect(names).toContain(name);
});

it('1,000 made-up operation names add one label, "other"; real operations keep their own', async () => {
  await graphql(t.url, InvoiceDocument, {}, { token: c.token });
  const before = await operationLabels();
  expect(before.get('Invoice')).toBe(1);

  // 25 at a time: one address may hold only so many connections (HTTP_MAX_CONNECTIONS_PER_IP).
  for (let batch = 0; batch < 40; batch++) {
    await Promise.all(Array.from({ length: 25 }, (_, i) => graphql(t.url, `query Junk${batch}x${i}${'_'.repeat(i)} { __typename }`, undefined, { token: c.token })));
  }
  // A made-up document under a shipped name is still that name's: the set of labels stays bounded either way.
  await graphql(t.url, 'query PortalHome { __typename }', undefined, { token: c.token });
  await graphql(t.url, InvoiceDocument, {}, { token: c.token });
  await graphql(t.url, BalanceDocument, undefined, { token: c.token });

  const after = await operationLabels();
  expect(after.get('other')).toBe(1000);
  expect(after.get('Invoice')).toBe(2);
  expect(after.get('Balance')).toBe(1);
  expect(after.get('PortalHome')).toBe(1);
  const shipped = shippedOperationNames();
  for (const label of after.keys()) expect(shipped.has(label) || ['other', '(anonymous)', '(invalid)'].includes(label)).toBe(true);
  expect(after.size).toBe(before.size + 3);
});
