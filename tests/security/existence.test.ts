/**
 * No existence oracles (OWASP API1, broken object level authorization): an admin key that names another
 * organization's real customer, invoice, payment link or admin key gets exactly the answer a made-up id gets,
 * NOT_FOUND with the same message, on every admin field that takes an id, and nothing changes. A new admin field
 * taking an id fails the last test until it is covered here.
 */
import { getNamedType, isInputObjectType, type GraphQLInputType } from 'graphql';
import { buildApiSchema } from '../../src/api/schema';
import { loadConfig } from '../../src/config/config';
import {
  CreateInvoiceDocument,
  CustomerEmailsDocument,
  CustomerInvoicesDocument,
  CustomerPaymentTokensDocument,
  GenerateCustomerPaymentTokenDocument,
  InvoicePaymentsDocument,
  RefundPaymentDocument,
  RevokeAdminApiKeyDocument,
  RevokeCustomerPaymentTokenDocument,
  RetryEmailDocument,
  VoidInvoiceDocument,
} from '../graphql/generated/operations';
import { operatorPrincipal } from '../../src/domain/principal';
import { recordPayments, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { rootFields } from '../support/schema-walk';
import { graphql, NO_RATE_LIMITS, type GraphQLResponse, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

let t: TestApp;
let ours: SeededCustomer;
let theirs: SeededCustomer;
let theirAdminKeyId: string;
let theirPaymentId: string;
let theirEmailId: string;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  ours = await seedCustomer(t);
  theirs = await seedCustomer(t);
  theirAdminKeyId = (await t.app.database.prisma.adminApiKey.findFirstOrThrow({ where: { organizationId: theirs.organizationId } })).id;
  await recordPayments(t, theirs, [10_000]);
  theirPaymentId = (await t.app.database.prisma.payment.findFirstOrThrow({ where: { customerId: theirs.customerId } })).id;
  const emailed = await t.app.services.tokens.issueLink(operatorPrincipal(theirs.organizationId), { customerId: theirs.customerId, sendEmail: true }, null);
  if (emailed.kind !== 'issued' || !emailed.email) throw new Error('their link email was not queued');
  theirEmailId = emailed.email.id;
});
afterAll(() => t?.stop());

/** An id in the shape of a real one (a cuid) that names nothing. */
const MADE_UP = 'clzzzzzzzzzzzzzzzzzzzzzzz';

/** Each admin field's id, as `field.argument` or `field.input.field`, and a request naming a given id there. */
const probes: Record<string, (id: string) => Promise<GraphQLResponse<unknown>>> = {
  'customerPaymentTokens.customerId': (id) => graphql(t.url, CustomerPaymentTokensDocument, { customerId: id }, { token: ours.adminApiKey }),
  'revokeCustomerPaymentToken.id': (id) => graphql(t.url, RevokeCustomerPaymentTokenDocument, { id }, { token: ours.adminApiKey }),
  'generateCustomerPaymentToken.input.customerId': (id) => graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: id } }, { token: ours.adminApiKey }),
  'generateCustomerPaymentToken.input.invoiceId': (id) =>
    graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: ours.customerId, invoiceId: id } }, { token: ours.adminApiKey }),
  'createInvoice.input.customerId': (id) =>
    graphql(t.url, CreateInvoiceDocument, { input: { customerId: id, lineItems: [{ description: 'Consulting', quantity: 1, unitAmount: 10_000 }] } }, { token: ours.adminApiKey }),
  'revokeAdminApiKey.id': (id) => graphql(t.url, RevokeAdminApiKeyDocument, { id, confirmLossOfAccess: true }, { token: ours.adminApiKey }),
  'customerInvoices.customerId': (id) => graphql(t.url, CustomerInvoicesDocument, { customerId: id }, { token: ours.adminApiKey }),
  'invoicePayments.invoiceId': (id) => graphql(t.url, InvoicePaymentsDocument, { invoiceId: id }, { token: ours.adminApiKey }),
  'refundPayment.input.paymentId': (id) => graphql(t.url, RefundPaymentDocument, { input: { paymentId: id, reason: 'DUPLICATE', requestId: 'probe' } }, { token: ours.adminApiKey }),
  'voidInvoice.id': (id) => graphql(t.url, VoidInvoiceDocument, { id }, { token: ours.adminApiKey }),
  'customerEmails.customerId': (id) => graphql(t.url, CustomerEmailsDocument, { customerId: id }, { token: ours.adminApiKey }),
  'retryEmail.id': (id) => graphql(t.url, RetryEmailDocument, { id }, { token: ours.adminApiKey }),
};

/** The other organization's real id each probe is tried with. */
const realForeignId: Record<string, () => string> = {
  'customerPaymentTokens.customerId': () => theirs.customerId,
  'revokeCustomerPaymentToken.id': () => theirs.tokenId,
  'generateCustomerPaymentToken.input.customerId': () => theirs.customerId,
  'generateCustomerPaymentToken.input.invoiceId': () => theirs.invoiceIds[0],
  'createInvoice.input.customerId': () => theirs.customerId,
  'revokeAdminApiKey.id': () => theirAdminKeyId,
  'customerInvoices.customerId': () => theirs.customerId,
  'invoicePayments.invoiceId': () => theirs.invoiceIds[0],
  'refundPayment.input.paymentId': () => theirPaymentId,
  'voidInvoice.id': () => theirs.invoiceIds[1],
  'customerEmails.customerId': () => theirs.customerId,
  'retryEmail.id': () => theirEmailId,
};

it.each(Object.keys(probes))("%s: another organization's real id and a made-up one get identical answers, and nothing changes", async (where) => {
  const [foreign, madeUp] = await expectNothingChanged(t, async () => [await probes[where](realForeignId[where]()), await probes[where](MADE_UP)]);
  expect(foreign.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })]);
  expect(foreign.body.errors![0].message).toMatch(/^(Customer|Invoice|Payment token|Admin API key|Payment|Email) not found\.$/);
  expect(foreign.status).toBe(madeUp.status);
  expect(foreign.body).toEqual(madeUp.body);
});

it("still works on the organization's own ids (the probes reach their resolvers)", async () => {
  const res = await graphql(t.url, CustomerPaymentTokensDocument, { customerId: ours.customerId }, { token: ours.adminApiKey });
  expect(res.body.errors).toBeUndefined();
});

it('covers every id an admin field takes', () => {
  const schema = buildApiSchema(loadConfig({ NODE_ENV: 'test' }).rateLimits);
  const ids = (type: GraphQLInputType, path: string): string[] => {
    const named = getNamedType(type);
    if (named.name === 'ID') return [path];
    if (!isInputObjectType(named)) return [];
    return Object.values(named.getFields()).flatMap((field) => ids(field.type, `${path}.${field.name}`));
  };
  const adminIds = rootFields(schema)
    .filter((f) => f.access === 'admin')
    .flatMap((f) => f.field.args.flatMap((arg) => ids(arg.type, `${f.field.name}.${arg.name}`)));
  expect(adminIds.sort()).toEqual(Object.keys(probes).sort());
});
