/**
 * Saved cards: add (through a SetupIntent with 3-D Secure, or directly), remove and choose the default; only ever the
 * token's customer's own; and cards that change or go away outside the portal, with exactly one default left.
 */
import {
  AddPaymentMethodDocument,
  ConfirmPaymentDocument,
  CreateCardSetupDocument,
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

async function add(c: SeededCustomer, stripePaymentMethodId: string, setAsDefault?: boolean, setupIntentId?: string) {
  const res = await graphql(t.url, AddPaymentMethodDocument, { input: { stripePaymentMethodId, setAsDefault, setupIntentId } }, { token: c.token });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.addPaymentMethod;
}

async function added(c: SeededCustomer, stripePaymentMethodId: string, setAsDefault?: boolean, setupIntentId?: string) {
  const result = await add(c, stripePaymentMethodId, setAsDefault, setupIntentId);
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

/** Where a card setup stands, and the audit rows of a customer's cards by action, as an admin would read them. */
async function cardAudit(c: SeededCustomer, action: string) {
  return t.app.database.prisma.auditLog.findMany({ where: { organizationId: c.organizationId, action }, orderBy: { createdAt: 'asc' } });
}

async function cardSetup(c: SeededCustomer) {
  const res = await graphql(t.url, CreateCardSetupDocument, undefined, { token: c.token });
  expect(res.body.errors).toBeUndefined();
  const setup = res.body.data!.createCardSetup;
  if (setup.__typename !== 'CardSetup') throw new Error(`expected a CardSetup, got ${setup.__typename}`);
  return setup;
}

/** What Stripe.js does with confirmCardSetup: confirms the setup with the card; a card error comes back as it is. */
async function confirmSetup(setupIntentId: string, card: string) {
  return t.browser.stripe.setupIntents.confirm(setupIntentId, { payment_method: card }).catch((error: unknown) => error);
}

describe('saving a card through a SetupIntent', () => {
  it('asks the bank for 3-D Secure on save, and keeps the card only once it passed, checked with Stripe', async () => {
    const c = await seedCustomer(t);
    const setup = await cardSetup(c);
    expect(setup.id).toMatch(/^seti_/);
    expect(setup.clientSecret).toMatch(new RegExp(`^${setup.id}_secret_`));
    const atStripe = await t.browser.stripe.setupIntents.retrieve(setup.id);
    expect(atStripe).toMatchObject({ customer: await providerCustomerIdOf(t, c.customerId), usage: 'off_session', metadata: { customer_id: c.customerId } });

    const confirmed = (await confirmSetup(setup.id, 'pm_card_authenticationRequired')) as { status: string; payment_method: string };
    expect(confirmed.status).toBe('requires_action');
    // The page cannot skip the bank: a setup still waiting for 3-D Secure saves nothing.
    expect(await add(c, confirmed.payment_method, undefined, setup.id)).toMatchObject({ __typename: 'PaymentMethodRejectedError' });
    expect(await methods(c)).toEqual([]);

    await t.stripe.authenticate(setup.id, 'succeed');
    const card = await added(c, confirmed.payment_method, undefined, setup.id);
    expect(card).toMatchObject({ brand: 'visa', last4: '3184', isDefault: true });
    await t.stripe.flushWebhooks(); // setup_intent.succeeded arrives too: still one card
    const { __typename: _type, ...kept } = card;
    expect(await methods(c)).toEqual([kept]);
    expect(await cardAudit(c, 'CARD_SETUP_CREATED')).toMatchObject([{ actorType: 'PAYMENT_TOKEN', targetId: setup.id }]);
    expect((await cardAudit(c, 'PAYMENT_METHOD_ADDED')).map((row) => row.targetId)).toContain(card.id);
  });

  it('saves nothing when 3-D Secure fails', async () => {
    const c = await seedCustomer(t);
    const setup = await cardSetup(c);
    const confirmed = (await confirmSetup(setup.id, 'pm_card_authenticationRequired')) as { payment_method: string };
    await t.stripe.authenticate(setup.id, 'fail');
    expect(await add(c, confirmed.payment_method, undefined, setup.id)).toMatchObject({ __typename: 'PaymentMethodRejectedError', code: 'PAYMENT_METHOD_REJECTED' });
    await t.stripe.flushWebhooks();
    expect(await methods(c)).toEqual([]);
  });

  it('saves the card from the setup_intent.succeeded webhook alone, when the browser never comes back', async () => {
    const c = await seedCustomer(t);
    const setup = await cardSetup(c);
    await confirmSetup(setup.id, 'pm_card_mastercard');
    await t.stripe.flushWebhooks();
    expect(await methods(c)).toMatchObject([{ brand: 'mastercard', last4: '4444', isDefault: true }]);
    expect(await cardAudit(c, 'PAYMENT_METHOD_ADDED')).toMatchObject([{ actorType: 'SYSTEM', details: expect.stringContaining(setup.id) }]);
  });

  it("refuses another customer's setup, and a card the setup did not save", async () => {
    const a = await seedCustomer(t);
    const b = await seedCustomer(t);
    const theirs = await cardSetup(b);
    const confirmed = (await confirmSetup(theirs.id, 'pm_card_visa')) as { payment_method: string };
    expect(await add(a, confirmed.payment_method, undefined, theirs.id)).toMatchObject({ __typename: 'PaymentMethodRejectedError', message: 'This card cannot be added.' });
    const mine = await cardSetup(a);
    await confirmSetup(mine.id, 'pm_card_visa');
    expect(await add(a, confirmed.payment_method, undefined, mine.id)).toMatchObject({ __typename: 'PaymentMethodRejectedError', message: 'This card cannot be added.' });
    expect(await t.app.database.prisma.paymentMethod.count({ where: { providerPaymentMethodId: confirmed.payment_method, customerId: a.customerId } })).toBe(0);
  });

  it('cannot be started through a link bound to one invoice', async () => {
    const account = await seedCustomer(t);
    const bound = { ...account, ...(await issueToken(t, account, { invoiceId: account.invoiceIds[1] })) };
    const res = await graphql(t.url, CreateCardSetupDocument, undefined, { token: bound.token });
    expect(res.body.data!.createCardSetup).toMatchObject({ __typename: 'CardManagementNotAllowedError', code: 'CARD_MANAGEMENT_NOT_ALLOWED' });
    expect(await providerCustomerIdOf(t, account.customerId)).toBeNull(); // nothing was asked of Stripe
  });
});

describe('cards that change outside the portal', () => {
  it("takes a new expiry and number from the card network's updater, and a new expiry set through Stripe's API", async () => {
    const c = await seedCustomer(t);
    const visa = await added(c, 'pm_card_visa');
    const stripeId = await providerIdOfCard(t, visa.id);
    await t.stripe.updateCardFromNetwork(stripeId, { expMonth: 4, expYear: 2031, last4: '1881' });
    await t.stripe.flushWebhooks();
    expect(await methods(c)).toMatchObject([{ id: visa.id, brand: 'visa', last4: '1881', expMonth: 4, expYear: 2031, isDefault: true }]);

    await t.stripe.updatePaymentMethod(stripeId, { expMonth: 11, expYear: 2033 });
    await t.stripe.flushWebhooks();
    expect(await methods(c)).toMatchObject([{ id: visa.id, last4: '1881', expMonth: 11, expYear: 2033 }]);
    expect(await cardAudit(c, 'PAYMENT_METHOD_UPDATED')).toMatchObject([
      { actorType: 'SYSTEM', targetId: visa.id, details: expect.stringContaining('"last4":"1881"') },
      { actorType: 'SYSTEM', targetId: visa.id, details: expect.stringContaining('"expMonth":11') },
    ]);
  });

  it('forgets the default card when it is detached outside the portal, and the newest remaining card becomes the default', async () => {
    const c = await seedCustomer(t);
    const visa = await added(c, 'pm_card_visa');
    const mastercard = await added(c, 'pm_card_mastercard');
    const amex = await added(c, 'pm_card_amex');
    await graphql(t.url, SetDefaultMethodDocument, { id: mastercard.id }, { token: c.token });
    await t.stripe.detachPaymentMethod(await providerIdOfCard(t, mastercard.id));
    await t.stripe.flushWebhooks();
    expect((await methods(c)).map((m) => [m.id, m.isDefault])).toEqual([
      [amex.id, true],
      [visa.id, false],
    ]);
    expect(await cardAudit(c, 'PAYMENT_METHOD_REMOVED')).toMatchObject([{ actorType: 'SYSTEM', targetId: mastercard.id }]);
  });

  it('ignores changes to cards it does not hold', async () => {
    const c = await seedCustomer(t);
    await added(c, 'pm_card_visa');
    // A card saved to the same Stripe customer by someone else, never through the portal.
    const stranger = await t.browser.stripe.paymentMethods.attach('pm_card_mastercard', { customer: (await providerCustomerIdOf(t, c.customerId))! });
    await t.stripe.updateCardFromNetwork(stranger.id, { expYear: 2040 });
    await t.stripe.detachPaymentMethod(stranger.id);
    await t.stripe.flushWebhooks();
    expect(await methods(c)).toMatchObject([{ brand: 'visa', isDefault: true }]);
    const failed = t.stripe.deliveries.filter((d) => d.status !== 200 && d.type.startsWith('payment_method.'));
    expect(failed).toEqual([]);
  });
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
