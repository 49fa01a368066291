/**
 * Broken object- and function-level authorization (OWASP API1, API5): a payment token reaches only its own
 * customer's data and an admin key only its own organization's, whatever ids are put in the request,
 * directly, in an input object or next to a legitimate field under an alias.
 */
import {
  AddPaymentMethodDocument,
  ConfirmPaymentDocument,
  CreatePaymentIntentDocument,
  CustomerPaymentTokensDocument,
  GenerateCustomerPaymentTokenDocument,
  InvoiceDocument,
  RemovePaymentMethodDocument,
  RevokeCustomerPaymentTokenDocument,
  SetDefaultMethodDocument,
} from '../graphql/generated/operations';
import { anotherCustomer, issueToken, providerIdOfCard, seedCustomer, type ExtraCustomer, type SeededCustomer } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, type TestApp } from '../support/test-app';
import { expectNothingChanged, startSecurityApp } from './support';

let t: TestApp;
/** Organization A: customer `a` (the attacker, when a customer attacks) and customer `neighbour`. */
let a: SeededCustomer;
let neighbour: ExtraCustomer;
/** Organization B: its own admin key, customer and invoices. */
let b: SeededCustomer;
let neighbourCardId: string;
let neighbourIntentId: string;

beforeAll(async () => {
  t = await startSecurityApp(NO_RATE_LIMITS);
  a = await seedCustomer(t);
  neighbour = await anotherCustomer(t, a);
  b = await seedCustomer(t);

  const card = await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId: 'pm_card_visa' } }, { token: neighbour.token });
  const added = card.body.data!.addPaymentMethod;
  if (added.__typename !== 'PaymentMethod') throw new Error(`setup: card not saved (${added.__typename})`);
  neighbourCardId = added.id;
  const intent = await graphql(t.url, CreatePaymentIntentDocument, { input: {} }, { token: neighbour.token });
  const created = intent.body.data!.createPaymentIntent;
  if (created.__typename !== 'PaymentIntent') throw new Error(`setup: no intent (${created.__typename})`);
  neighbourIntentId = created.id;
});
afterAll(() => t?.stop());

/** The response a customer gets for an invoice id that exists nowhere. */
async function missingInvoiceError() {
  const res = await graphql(t.url, InvoiceDocument, { id: 'cl0000000000000000000none' }, { token: a.token });
  return res.body.errors;
}

describe('a customer payment token', () => {
  it("cannot read a neighbour's invoice by id: NOT_FOUND, exactly as for an id that does not exist", async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, InvoiceDocument, { id: neighbour.invoiceId }, { token: a.token }));
    expect(res.body.data).toBeNull();
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(res.body.errors).toEqual(await missingInvoiceError());
  });

  it("cannot read another organization's invoice by id", async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, InvoiceDocument, { id: b.invoiceIds[0] }, { token: a.token }));
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(res.body.errors).toEqual(await missingInvoiceError());
  });

  it('gets nothing of the other invoice when asking for it under an alias next to its own', async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `query { mine: invoice { id number } theirs: invoice(id: "${neighbour.invoiceId}") { id number total { amount } } }`, undefined, { token: a.token }),
    );
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['theirs'], extensions: { code: 'NOT_FOUND' } })]);
    expect(JSON.stringify(res.body)).not.toContain(neighbour.invoiceNumber);
  });

  it("cannot start a payment on a neighbour's invoice by naming it in the input", async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: neighbour.invoiceId, amount: 5_000 } }, { token: a.token }),
    );
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });

  it("cannot confirm a neighbour's PaymentIntent: NOT_FOUND, and nothing is recorded", async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: neighbourIntentId }, { token: a.token }));
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });

  it("cannot preselect, remove or make default a neighbour's saved card", async () => {
    const [preselect, remove, setDefault] = await expectNothingChanged(t, async () => [
      await graphql(t.url, CreatePaymentIntentDocument, { input: { paymentMethodId: neighbourCardId } }, { token: a.token }),
      await graphql(t.url, RemovePaymentMethodDocument, { id: neighbourCardId }, { token: a.token }),
      await graphql(t.url, SetDefaultMethodDocument, { id: neighbourCardId }, { token: a.token }),
    ]);
    expect(preselect.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentMethodNotFoundError', code: 'PAYMENT_METHOD_NOT_FOUND' });
    expect(remove.body.data!.removePaymentMethod).toMatchObject({ __typename: 'PaymentMethodNotFoundError' });
    expect(setDefault.body.data!.setDefaultMethod).toMatchObject({ __typename: 'PaymentMethodNotFoundError' });
  });

  it("cannot adopt a neighbour's saved card by its Stripe id", async () => {
    const stripePaymentMethodId = await providerIdOfCard(t, neighbourCardId);
    const res = await expectNothingChanged(t, () => graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId } }, { token: a.token }));
    expect(res.body.data!.addPaymentMethod).toMatchObject({ __typename: 'PaymentMethodRejectedError', code: 'PAYMENT_METHOD_REJECTED' });
  });

  it("bound to one invoice, cannot reach its own customer's other invoices", async () => {
    const bound = await issueToken(t, a, { invoiceId: a.invoiceIds[1] });
    const [read, pay] = await expectNothingChanged(t, async () => [
      await graphql(t.url, InvoiceDocument, { id: a.invoiceIds[0] }, { token: bound.token }),
      await graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: a.invoiceIds[0] } }, { token: bound.token }),
    ]);
    expect(errorCodes(read)).toEqual(['NOT_FOUND']);
    expect(errorCodes(pay)).toEqual(['NOT_FOUND']);
  });

  it('cannot use admin fields, e.g. to mint itself a fresh link', async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: a.customerId, expiresInDays: 90 } }, { token: a.token }),
    );
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.data).toBeNull();
  });
});

describe("an admin key of another organization (B) acting on A's objects", () => {
  it("cannot list A's customer's payment links", async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, CustomerPaymentTokensDocument, { customerId: a.customerId }, { token: b.adminApiKey }));
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(res.body)).not.toContain(a.tokenId);
  });

  it("gets nothing of A's links when asking under an alias next to its own", async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(t.url, `query { mine: customerPaymentTokens(customerId: "${b.customerId}") { id } theirs: customerPaymentTokens(customerId: "${a.customerId}") { id } }`, undefined, {
        token: b.adminApiKey,
      }),
    );
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['theirs'], extensions: { code: 'NOT_FOUND' } })]);
    expect(JSON.stringify(res.body)).not.toContain(a.tokenId);
  });

  it("cannot issue a link for A's customer, nor bind its own customer's link to A's invoice", async () => {
    const [forCustomer, forInvoice] = await expectNothingChanged(t, async () => [
      await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: a.customerId } }, { token: b.adminApiKey }),
      await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: b.customerId, invoiceId: a.invoiceIds[0] } }, { token: b.adminApiKey }),
    ]);
    expect(errorCodes(forCustomer)).toEqual(['NOT_FOUND']);
    expect(errorCodes(forInvoice)).toEqual(['NOT_FOUND']);
  });

  it("cannot revoke A's link, which keeps working", async () => {
    const res = await expectNothingChanged(t, () => graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: a.tokenId }, { token: b.adminApiKey }));
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    const still = await graphql(t.url, InvoiceDocument, {}, { token: a.token });
    expect(still.body.errors).toBeUndefined();
  });

  it("cannot invoice A's customer", async () => {
    const res = await expectNothingChanged(t, () =>
      graphql(
        t.url,
        `mutation { createInvoice(input: { customerId: "${a.customerId}", lineItems: [{ description: "Fake", quantity: 1, unitAmount: 100000 }] }) { id } }`,
        undefined,
        { token: b.adminApiKey },
      ),
    );
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });

  it('cannot use portal fields to pay or read as a customer', async () => {
    const [pay, read] = await expectNothingChanged(t, async () => [
      await graphql(t.url, CreatePaymentIntentDocument, { input: { invoiceId: b.invoiceIds[0] } }, { token: b.adminApiKey }),
      await graphql(t.url, InvoiceDocument, { id: b.invoiceIds[0] }, { token: b.adminApiKey }),
    ]);
    expect(errorCodes(pay)).toEqual(['FORBIDDEN']);
    expect(errorCodes(read)).toEqual(['FORBIDDEN']);
  });
});
