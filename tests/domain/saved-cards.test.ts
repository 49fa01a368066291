/**
 * Saved cards, on the domain services with the in-memory provider: saved the way Stripe recommends (a card setup the
 * browser confirms, 3-D Secure included, kept once the provider confirms it, by addPaymentMethod or by the webhook
 * alone), changed or detached outside the portal (the card network's updater, the dashboard), and exactly one default
 * whenever any card is left, whatever order and concurrency the changes come in. (End to end: tests/e2e/payment-methods.)
 */
import { InMemoryPaymentProvider } from '../../src/payments/in-memory-payment-provider';
import { domainWorld, requestMeta, type DomainWorld } from '../support/domain-world';

let w: DomainWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function world(provider?: InMemoryPaymentProvider): Promise<DomainWorld> {
  w = await domainWorld(provider);
  return w;
}

const cards = (w: DomainWorld) => w.services.portal.paymentMethods(w.account);
const defaults = (list: Array<{ isDefault: boolean }>) => list.filter((card) => card.isDefault).length;
const auditOf = (w: DomainWorld, action: string) => w.database.prisma.auditLog.findMany({ where: { action }, orderBy: { createdAt: 'asc' } });

/** A card saved through the portal, the old way (attached directly); returns our id. */
async function saved(w: DomainWorld, providerPaymentMethodId: string, setAsDefault = false): Promise<string> {
  const outcome = await w.services.paymentMethods.add(w.account, { providerPaymentMethodId, setAsDefault }, requestMeta());
  if (outcome.kind !== 'method') throw new Error(`expected a saved card, got ${outcome.code}`);
  return outcome.method.id;
}

/** A card setup started from the portal; returns the provider's id of it. */
async function setupOf(w: DomainWorld): Promise<string> {
  const outcome = await w.services.paymentMethods.createSetup(w.account, requestMeta());
  if (outcome.kind !== 'setup') throw new Error(`expected a card setup, got ${outcome.code}`);
  return outcome.setup.id;
}

describe('saving a card through a card setup (a SetupIntent)', () => {
  it('creates one for the customer, for off-session use, and hands out its client secret', async () => {
    const w = await world();
    const outcome = await w.services.paymentMethods.createSetup(w.account, requestMeta());
    expect(outcome).toMatchObject({ kind: 'setup', setup: { id: expect.stringMatching(/^seti_/), clientSecret: expect.stringMatching(/_secret_/) } });
    const setup = await w.provider.retrieveSetup((outcome as { setup: { id: string } }).setup.id);
    const customer = await w.database.prisma.customer.findUniqueOrThrow({ where: { id: w.account.customerId } });
    expect(setup).toMatchObject({ customerId: customer.providerCustomerId, metadata: { customer_id: w.account.customerId } });
    expect(await auditOf(w, 'CARD_SETUP_CREATED')).toMatchObject([{ actorType: 'PAYMENT_TOKEN', targetId: setup.id }]);
  });

  it('gives a retried request the same setup, and another request a new one', async () => {
    const w = await world();
    const meta = requestMeta();
    const [a, b] = await Promise.all([w.services.paymentMethods.createSetup(w.account, meta), w.services.paymentMethods.createSetup(w.account, meta)]);
    const c = await w.services.paymentMethods.createSetup(w.account, requestMeta());
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('is refused to a link bound to one invoice, before the provider is called', async () => {
    const w = await world();
    expect(await w.services.paymentMethods.createSetup(w.customer, requestMeta())).toMatchObject({ kind: 'error', code: 'CARD_MANAGEMENT_NOT_ALLOWED' });
    expect(w.provider.calls).toEqual([]);
  });

  it('keeps the card once the bank passed 3-D Secure, after checking the setup with the provider', async () => {
    const w = await world();
    const setupId = await setupOf(w);
    w.provider.browserSetup(setupId, { kind: 'require_action', card: 'card_mastercard' });
    expect(await w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_mastercard', providerSetupId: setupId }, requestMeta())).toMatchObject({
      kind: 'error',
      code: 'PAYMENT_METHOD_REJECTED',
      message: expect.stringContaining('not been confirmed'),
    });
    expect(await cards(w)).toEqual([]);

    w.provider.browserSetup(setupId, { kind: 'succeed' });
    const outcome = await w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_mastercard', providerSetupId: setupId }, requestMeta());
    expect(outcome).toMatchObject({ kind: 'method', method: { brand: 'mastercard', last4: '4444', isDefault: true } });
    // Attached by the setup itself: nothing is attached again.
    expect(w.provider.calls).not.toContain('attachCard');
  });

  it('refuses a setup that failed, another customer\'s setup, and a card the setup did not save', async () => {
    const w = await world();
    const declined = await setupOf(w);
    w.provider.browserSetup(declined, { kind: 'decline', code: 'generic_decline' });
    expect(await w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_visa', providerSetupId: declined }, requestMeta())).toMatchObject({
      code: 'PAYMENT_METHOD_REJECTED',
      message: 'Your card was declined.',
    });

    const mine = await setupOf(w);
    w.provider.browserSetup(mine, { kind: 'succeed', card: 'card_visa' });
    expect(await w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_mastercard', providerSetupId: mine }, requestMeta())).toMatchObject({
      code: 'PAYMENT_METHOD_REJECTED',
      message: 'This card cannot be added.',
    });

    // Another customer of the business, with a card setup of their own that succeeded.
    const other = await w.services.billing.createCustomer({ kind: 'operator', organizationId: w.account.organizationId }, { name: 'Other', email: null, currency: 'usd' }, null);
    const otherLink = { ...w.account, customerId: other.id };
    const theirs = await w.services.paymentMethods.createSetup(otherLink, requestMeta());
    if (theirs.kind !== 'setup') throw new Error('expected a setup');
    w.provider.browserSetup(theirs.setup.id, { kind: 'succeed', card: 'card_mastercard' });
    expect(await w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_mastercard', providerSetupId: theirs.setup.id }, requestMeta())).toMatchObject({
      code: 'PAYMENT_METHOD_REJECTED',
      message: 'This card cannot be added.',
    });
    expect(await cards(w)).toEqual([]);
  });

  it('is saved by setup_intent.succeeded when the browser never comes back, and is one card whichever path comes first', async () => {
    const w = await world();
    const setupId = await setupOf(w);
    w.provider.browserSetup(setupId, { kind: 'succeed', card: 'card_visa' });
    const event = w.provider.setupEvent(setupId);

    expect(await w.services.webhooks.handle(event)).toBe('processed');
    expect(await cards(w)).toMatchObject([{ brand: 'visa', last4: '4242', isDefault: true }]);
    expect(await auditOf(w, 'PAYMENT_METHOD_ADDED')).toMatchObject([{ actorType: 'SYSTEM', details: expect.stringContaining(setupId) }]);

    // The browser comes back after all, and the webhook is delivered again, at once.
    await Promise.all([
      w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_visa', providerSetupId: setupId, setAsDefault: true }, requestMeta()),
      w.services.webhooks.handle({ ...event, id: `${event.id}_again` }),
    ]);
    expect(await cards(w)).toMatchObject([{ brand: 'visa', isDefault: true }]);
    expect(await w.database.prisma.paymentMethod.count()).toBe(1);
  });

  it('ignores a setup the portal did not start, or one whose card is gone', async () => {
    const w = await world();
    const setupId = await setupOf(w);
    w.provider.browserSetup(setupId, { kind: 'succeed', card: 'card_visa' });
    const event = w.provider.setupEvent(setupId);
    if (event.kind !== 'setup_succeeded') throw new Error('expected a setup event');

    await w.services.webhooks.handle({ ...event, id: 'evt_not_ours', setup: { ...event.setup, metadata: {} } });
    await w.services.webhooks.handle({ ...event, id: 'evt_stranger', setup: { ...event.setup, customerId: 'cus_stranger' } });
    w.provider.detachOutside('card_visa');
    await w.services.webhooks.handle(event);
    expect(await cards(w)).toEqual([]);
  });
});

describe('cards that change outside the portal', () => {
  it("takes a new expiry from the card network's updater, and a changed card from payment_method.updated", async () => {
    const w = await world();
    const id = await saved(w, 'card_visa');
    expect(await w.services.webhooks.handle(w.provider.updateCardOutside('card_visa', { expMonth: 3, expYear: 2031 }))).toBe('processed');
    expect(await cards(w)).toMatchObject([{ id, brand: 'visa', last4: '4242', expMonth: 3, expYear: 2031, isDefault: true }]);

    await w.services.webhooks.handle(w.provider.updateCardOutside('card_visa', { last4: '1881', expMonth: 9 }, 'payment_method.updated'));
    expect(await cards(w)).toMatchObject([{ id, last4: '1881', expMonth: 9, expYear: 2031 }]);
    expect(await auditOf(w, 'PAYMENT_METHOD_UPDATED')).toMatchObject([
      { actorType: 'SYSTEM', targetId: id, details: expect.stringContaining('"expMonth":3') },
      { actorType: 'SYSTEM', targetId: id, details: expect.stringContaining('"last4":"1881"') },
    ]);
  });

  it('never goes back to older details when an update arrives late', async () => {
    const w = await world();
    await saved(w, 'card_visa');
    const older = w.provider.updateCardOutside('card_visa', { expYear: 2030 });
    const newer = w.provider.updateCardOutside('card_visa', { expYear: 2032 });
    await w.services.webhooks.handle(newer);
    await w.services.webhooks.handle(older);
    expect(await cards(w)).toMatchObject([{ expYear: 2032 }]);
  });

  it('forgets a card detached at the provider, and the newest remaining card becomes the default', async () => {
    const w = await world();
    const visa = await saved(w, 'card_visa', true);
    const mastercard = await saved(w, 'card_mastercard');
    await w.services.paymentMethods.setDefault(w.account, visa, requestMeta());

    expect(await w.services.webhooks.handle(w.provider.detachOutside('card_visa'))).toBe('processed');
    expect(await cards(w)).toMatchObject([{ id: mastercard, isDefault: true }]);
    expect(await auditOf(w, 'PAYMENT_METHOD_REMOVED')).toMatchObject([{ actorType: 'SYSTEM', targetId: visa }]);

    await w.services.webhooks.handle(w.provider.detachOutside('card_mastercard'));
    expect(await cards(w)).toEqual([]);
  });

  it('forgets a card the provider no longer has attached when it reports an update', async () => {
    const w = await world();
    await saved(w, 'card_visa');
    const update = w.provider.updateCardOutside('card_visa', { expYear: 2035 });
    w.provider.detachOutside('card_visa'); // its detached event is still on the way
    await w.services.webhooks.handle(update);
    expect(await cards(w)).toEqual([]);
  });

  it('ignores events about cards it does not hold, writing nothing', async () => {
    const w = await world();
    await saved(w, 'card_visa');
    const before = await w.database.prisma.auditLog.count();
    expect(await w.services.webhooks.handle(w.provider.updateCardOutside('card_mastercard', { expYear: 2040 }))).toBe('processed');
    expect(await w.services.webhooks.handle(w.provider.detachOutside('card_mastercard'))).toBe('processed');
    expect(await cards(w)).toMatchObject([{ brand: 'visa', isDefault: true }]);
    expect(await w.database.prisma.auditLog.count()).toBe(before);
  });
});

describe('exactly one default whenever any card is left', () => {
  it('when two cards, one of them the default, are detached at once', async () => {
    const w = await world();
    await saved(w, 'card_visa');
    await saved(w, 'card_mastercard', true);
    const amex = await saved(w, 'card_visa_debit');
    await Promise.all([w.services.webhooks.handle(w.provider.detachOutside('card_visa')), w.services.webhooks.handle(w.provider.detachOutside('card_mastercard'))]);
    expect(await cards(w)).toMatchObject([{ id: amex, isDefault: true }]);
  });

  it('through removals, detachments, new defaults and new cards racing each other', async () => {
    const provider = new InMemoryPaymentProvider();
    const w = await world(provider);
    const ids = [await saved(w, 'card_visa'), await saved(w, 'card_mastercard'), await saved(w, 'card_visa_debit')];
    await Promise.all([
      w.services.paymentMethods.setDefault(w.account, ids[1], requestMeta()),
      w.services.webhooks.handle(provider.detachOutside('card_mastercard')),
      w.services.paymentMethods.remove(w.account, ids[0], requestMeta()),
      w.services.paymentMethods.setDefault(w.account, ids[0], requestMeta()),
      w.services.paymentMethods.add(w.account, { providerPaymentMethodId: 'card_amex' }, requestMeta()),
    ]);
    const left = await cards(w);
    expect(left.length).toBeGreaterThan(0);
    expect(defaults(left)).toBe(1);
  });

  it('answers a default chosen for a card removed a moment before as not found', async () => {
    const w = await world();
    const visa = await saved(w, 'card_visa');
    await saved(w, 'card_mastercard');
    await w.services.webhooks.handle(w.provider.detachOutside('card_visa'));
    expect(await w.services.paymentMethods.setDefault(w.account, visa, requestMeta())).toMatchObject({ code: 'PAYMENT_METHOD_NOT_FOUND' });
    expect(defaults(await cards(w))).toBe(1);
  });
});

describe('setup_future_usage: the provider keeps a card only when the customer asked to save a new one', () => {
  it('is asked for a new card to save, and never for a saved card (already kept) or an unsaved one', async () => {
    const w = await world();
    const id = await saved(w, 'card_visa');
    const attempt = async (request: { paymentMethodId?: string; savePaymentMethod?: boolean; amount: number }) => {
      const outcome = await w.services.checkout.createPaymentIntent(w.customer, request, requestMeta());
      if (outcome.kind !== 'intent') throw new Error(`expected an intent, got ${outcome.code}`);
      return w.database.prisma.paymentAttempt.findUniqueOrThrow({ where: { providerIntentId: outcome.intent.id } });
    };
    expect(await attempt({ amount: 1_000, savePaymentMethod: true })).toMatchObject({ savePaymentMethod: true });
    expect(await attempt({ amount: 2_000, paymentMethodId: id, savePaymentMethod: true })).toMatchObject({ savePaymentMethod: false, paymentMethodId: 'card_visa' });
    expect(await attempt({ amount: 3_000 })).toMatchObject({ savePaymentMethod: false });
  });
});
