/** Saved cards: add, remove and choose the default; only ever the token's customer's own. */
import {
  AddPaymentMethodDocument,
  ConfirmPaymentDocument,
  CreatePaymentIntentDocument,
  PaymentMethodsDocument,
  RemovePaymentMethodDocument,
  SetDefaultMethodDocument,
} from '../graphql/generated/operations';
import { issueToken, providerCustomerIdOf, providerIdOfCard, seedCustomer, type SeededCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(NO_RATE_LIMITS);
});
afterAll(() => t?.stop());

async function add(c: SeededCustomer, stripePaymentMethodId: string, setAsDefault?: boolean) {
  const res = await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId, setAsDefault } }, { token: c.token });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.addPaymentMethod;
}

async function added(c: SeededCustomer, stripePaymentMethodId: string, setAsDefault?: boolean) {
  const result = await add(c, stripePaymentMethodId, setAsDefault);
  if (result.__typename !== 'PaymentMethod') throw new Error(`expected a PaymentMethod, got ${result.__typename}`);
  return result;
}

async function methods(c: SeededCustomer) {
  return (await graphql(t.url, PaymentMethodsDocument, undefined, { token: c.token })).body.data!.paymentMethods;
}

const defaults = (list: Array<{ isDefault: boolean }>) => list.filter((m) => m.isDefault).length;

it('adds a card created by Stripe.js; only brand, last4 and expiry are kept, and the first card is the default', async () => {
  const c = await seedCustomer(t);
  const visa = await added(c, 'pm_card_visa');
  expect(visa).toMatchObject({ brand: 'visa', last4: '4242', isDefault: true });
  expect(visa.expYear).toBeGreaterThan(2025);
  const stored = await t.app.database.prisma.paymentMethod.findFirstOrThrow({ where: { id: visa.id } });
  expect(Object.keys(stored).sort()).toEqual(['brand', 'createdAt', 'customerId', 'defaultForCustomerId', 'expMonth', 'expYear', 'id', 'last4', 'providerPaymentMethodId']);

  // The Stripe customer was created on first use, and the card is attached to it at Stripe.
  const providerCustomerId = await providerCustomerIdOf(t, c.customerId);
  expect(providerCustomerId).toMatch(/^cus_/);
  const atStripe = await t.browser.stripe.paymentMethods.retrieve(stored.providerPaymentMethodId);
  expect(atStripe.customer).toBe(providerCustomerId);
});

it('makes a new card the default when asked, keeping exactly one default', async () => {
  const c = await seedCustomer(t);
  const visa = await added(c, 'pm_card_visa');
  const mastercard = await added(c, 'pm_card_mastercard', true);
  expect(mastercard.isDefault).toBe(true);
  const list = await methods(c);
  expect(list.map((m) => [m.id, m.isDefault])).toEqual([
    [mastercard.id, true],
    [visa.id, false],
  ]);
});

it('sets the default, and removing the default promotes the newest remaining card', async () => {
  const c = await seedCustomer(t);
  const visa = await added(c, 'pm_card_visa');
  const mastercard = await added(c, 'pm_card_mastercard');
  const amex = await added(c, 'pm_card_amex');
  expect(defaults(await methods(c))).toBe(1);

  const set = await graphql(t.url, SetDefaultMethodDocument, { id: visa.id }, { token: c.token });
  expect(set.body.data!.setDefaultMethod).toMatchObject({ __typename: 'PaymentMethod', id: visa.id, isDefault: true });

  const removed = await graphql(t.url, RemovePaymentMethodDocument, { id: visa.id }, { token: c.token });
  expect(removed.body.data!.removePaymentMethod).toEqual({ __typename: 'RemovedPaymentMethod', id: visa.id });
  const after = await methods(c);
  expect(after.map((m) => m.id)).toEqual([amex.id, mastercard.id]);
  expect(after[0].isDefault).toBe(true);

  // Detached at Stripe too.
  const stored = await t.browser.stripe.paymentMethods.list({ customer: (await providerCustomerIdOf(t, c.customerId))! });
  expect(stored.data).toHaveLength(2);
});

it("refuses another customer's method id as not found, and changes nothing", async () => {
  const a = await seedCustomer(t);
  const b = await seedCustomer(t);
  const bCard = await added(b, 'pm_card_visa');
  const remove = await graphql(t.url, RemovePaymentMethodDocument, { id: bCard.id }, { token: a.token });
  expect(remove.body.data!.removePaymentMethod).toMatchObject({ __typename: 'PaymentMethodNotFoundError', code: 'PAYMENT_METHOD_NOT_FOUND' });
  const setDefault = await graphql(t.url, SetDefaultMethodDocument, { id: bCard.id }, { token: a.token });
  expect(setDefault.body.data!.setDefaultMethod).toMatchObject({ __typename: 'PaymentMethodNotFoundError', code: 'PAYMENT_METHOD_NOT_FOUND' });
  const { __typename: _type, ...card } = bCard;
  expect(await methods(b)).toEqual([card]);
});

it("refuses to take over a card saved by another customer, by its Stripe id", async () => {
  const a = await seedCustomer(t);
  const b = await seedCustomer(t);
  const bCard = await added(b, 'pm_card_visa');
  const stripeId = await providerIdOfCard(t, bCard.id);
  expect(await add(a, stripeId)).toMatchObject({ __typename: 'PaymentMethodRejectedError', code: 'PAYMENT_METHOD_REJECTED' });
  expect(await methods(a)).toEqual([]);
  expect(await add(a, 'not-a-payment-method')).toMatchObject({ __typename: 'PaymentMethodRejectedError' });
});

it('keeps exactly one default through any sequence of adds, removes and default changes', async () => {
  const c = await seedCustomer(t);
  const cards = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex'];
  let seed = 7;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  for (let step = 0; step < 24; step++) {
    const current = await methods(c);
    const action = current.length === 0 ? 0 : random(3);
    if (action === 0) await added(c, cards[random(cards.length)], random(2) === 0);
    else if (action === 1) await graphql(t.url, RemovePaymentMethodDocument, { id: current[random(current.length)].id }, { token: c.token });
    else await graphql(t.url, SetDefaultMethodDocument, { id: current[random(current.length)].id }, { token: c.token });
    const after = await methods(c);
    expect(defaults(after)).toBe(after.length > 0 ? 1 : 0);
  }
});

it('concurrent default changes still leave exactly one default', async () => {
  const c = await seedCustomer(t);
  const list = [await added(c, 'pm_card_visa'), await added(c, 'pm_card_mastercard'), await added(c, 'pm_card_amex')];
  await Promise.all(list.flatMap((m) => [m, m]).map((m) => graphql(t.url, SetDefaultMethodDocument, { id: m.id }, { token: c.token })));
  expect(defaults(await methods(c))).toBe(1);
});

it('forgets a card detached at Stripe (payment_method.detached webhook)', async () => {
  const c = await seedCustomer(t);
  const visa = await added(c, 'pm_card_visa');
  const mastercard = await added(c, 'pm_card_mastercard');
  const stripeId = await providerIdOfCard(t, visa.id);
  await t.browser.stripe.paymentMethods.detach(stripeId);
  await t.stripe.flushWebhooks();
  const after = await methods(c);
  expect(after.map((m) => m.id)).toEqual([mastercard.id]);
  expect(after[0].isDefault).toBe(true);
});

it('lists and pays with saved cards through a link bound to one invoice, but adds, removes and changes the default only through one for the whole account', async () => {
  const account = await seedCustomer(t);
  const visa = await added(account, 'pm_card_visa');
  const bound = { ...account, ...(await issueToken(t, account, { invoiceId: account.invoiceIds[1] })) };
  const cards = () => t.app.database.prisma.paymentMethod.findMany({ where: { customerId: account.customerId }, orderBy: { id: 'asc' } });
  const before = await cards();

  const refused = { __typename: 'CardManagementNotAllowedError', code: 'CARD_MANAGEMENT_NOT_ALLOWED' };
  expect(await add(bound, 'pm_card_mastercard', true)).toMatchObject(refused);
  const setDefault = await graphql(t.url, SetDefaultMethodDocument, { id: visa.id }, { token: bound.token });
  expect(setDefault.body.data!.setDefaultMethod).toMatchObject(refused);
  const remove = await graphql(t.url, RemovePaymentMethodDocument, { id: visa.id }, { token: bound.token });
  expect(remove.body.data!.removePaymentMethod).toMatchObject(refused);
  expect(await cards()).toEqual(before);
  expect((await t.browser.stripe.paymentMethods.retrieve(before[0].providerPaymentMethodId)).customer).toBe(await providerCustomerIdOf(t, account.customerId));

  expect(await methods(bound)).toMatchObject([{ id: visa.id, isDefault: true }]);
  const paying = await graphql(t.url, CreatePaymentIntentDocument, { input: { paymentMethodId: visa.id } }, { token: bound.token });
  expect(paying.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentIntent', amount: { amount: 49_900 } });
});

it('saves the card used for a payment when asked, and pays with a saved card', async () => {
  const c = await seedCustomer(t, { invoiceBound: true });
  const first = await graphql(t.url, CreatePaymentIntentDocument, { input: { amount: 10_000, savePaymentMethod: true } }, { token: c.token });
  const intent = first.body.data!.createPaymentIntent as { id: string };
  await t.browser.confirm(intent.id, 'pm_card_mastercard');
  await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: intent.id }, { token: c.token });
  const saved = await methods(c);
  expect(saved).toMatchObject([{ brand: 'mastercard', last4: '4444', isDefault: true }]);

  const second = await graphql(t.url, CreatePaymentIntentDocument, { input: { amount: 5_000, paymentMethodId: saved[0].id } }, { token: c.token });
  const withSaved = second.body.data!.createPaymentIntent as { id: string; status: string };
  expect(withSaved.status).toBe('REQUIRES_CONFIRMATION');
  await t.browser.confirm(withSaved.id);
  const paid = await graphql(t.url, ConfirmPaymentDocument, { paymentIntentId: withSaved.id }, { token: c.token });
  expect(paid.body.data!.confirmPayment).toMatchObject({ __typename: 'Payment', amount: { amount: 5_000 }, cardLast4: '4444' });

  const other = await seedCustomer(t);
  const foreign = await graphql(t.url, CreatePaymentIntentDocument, { input: { paymentMethodId: saved[0].id } }, { token: other.token });
  expect(foreign.body.data!.createPaymentIntent).toMatchObject({ __typename: 'PaymentMethodNotFoundError' });
});
