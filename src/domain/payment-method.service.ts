import type { Db, DbTransaction } from '../db/database';
import type { PaymentMethod } from '../db/generated/sqlite/client';
import { ProviderRejectedError, type PaymentProvider, type ProviderCard, type ProviderSetup } from '../payments/payment-provider.port';
import type { AuditLogService } from './audit-log.service';
import { SILENT_OPERATOR_LOG, type OperatorLog } from './operator-log';
import type { CustomerPrincipal, RequestMeta } from './principal';
import { providerCall } from './provider-call';
import type { ProviderCustomers } from './provider-customers';
import { userError, type Failure, type UserErrorCode } from './user-errors';
import { savedCardView, type CardSetupView, type SavedCardView } from './views';

/** A card the browser created with the provider's library, to keep for later payments. */
export interface NewSavedCard {
  /** The provider's id of the payment method. */
  providerPaymentMethodId: string;
  /**
   * The provider's id of the customer's card setup (a SetupIntent, see createSetup) that saved the card, when it was
   * saved that way; then the card is taken as the setup attached it, after checking with the provider.
   */
  providerSetupId?: string | null;
  setAsDefault?: boolean | null;
}

/** The failures each card use case can end in (see payments/payment-results.ts for why they are lists). */
export const SAVE_CARD_FAILURES = ['CARD_MANAGEMENT_NOT_ALLOWED', 'PAYMENT_METHOD_REJECTED'] as const satisfies readonly UserErrorCode[];
export const CHOOSE_CARD_FAILURES = ['CARD_MANAGEMENT_NOT_ALLOWED', 'PAYMENT_METHOD_NOT_FOUND'] as const satisfies readonly UserErrorCode[];
export const CARD_SETUP_FAILURES = ['CARD_MANAGEMENT_NOT_ALLOWED', 'PAYMENT_NOT_POSSIBLE'] as const satisfies readonly UserErrorCode[];

export type SavedCardOutcome = { kind: 'method'; method: SavedCardView } | Failure<(typeof SAVE_CARD_FAILURES)[number]>;
export type DefaultCardOutcome = { kind: 'method'; method: SavedCardView } | Failure<(typeof CHOOSE_CARD_FAILURES)[number]>;
export type CardRemovalOutcome = { kind: 'removed'; id: string } | Failure<(typeof CHOOSE_CARD_FAILURES)[number]>;
export type CardSetupOutcome = { kind: 'setup'; setup: CardSetupView } | Failure<(typeof CARD_SETUP_FAILURES)[number]>;

/** One refusal for every card that is not the customer's to add, so a caller learns nothing about whose it is. */
const NOT_ADDABLE = 'This card cannot be added.';

/**
 * A link bound to one invoice may pay it with the customer's saved cards (checkout accepts them), but only a link for
 * the whole account manages them: cards are the account's, not the invoice's. A typed result rather than FORBIDDEN:
 * the credential is good and may do everything else it was issued for; this one request is outside its scope.
 */
function cardManagementRefusal(customer: CustomerPrincipal): Failure<'CARD_MANAGEMENT_NOT_ALLOWED'> | null {
  if (!customer.invoiceId) return null;
  return userError('CARD_MANAGEMENT_NOT_ALLOWED', 'This link is for one invoice: saved cards can be added, changed or removed only through a link for the whole account.');
}

/**
 * Saved cards. Invariant kept by every operation, from the portal or from the provider's events, however they
 * interleave: whenever a customer has saved cards, exactly one is the default (the unique `defaultForCustomerId` index
 * forbids two; each change takes the customer's lock and, before it commits, makes the newest card the default if none
 * is). Managing them takes a link for the whole account (see cardManagementRefusal).
 */
export class PaymentMethodService {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly providerCustomers: ProviderCustomers,
    private readonly audit: AuditLogService,
    private readonly log: OperatorLog = SILENT_OPERATOR_LOG,
  ) {}

  /**
   * Starts saving a card the way the provider recommends: a setup (SetupIntent, for off-session use) the browser
   * confirms with the card, 3-D Secure included when the bank asks, before addPaymentMethod keeps it. One per
   * request: a retry of the same request gets the same setup.
   */
  async createSetup(customer: CustomerPrincipal, meta: RequestMeta): Promise<CardSetupOutcome> {
    const refused = cardManagementRefusal(customer);
    if (refused) return refused;
    const providerCustomerId = await this.providerCustomers.idFor(customer.customerId);
    let setup: ProviderSetup;
    try {
      setup = await providerCall(() =>
        this.provider.createSetup({ providerCustomerId, metadata: { customer_id: customer.customerId }, idempotencyKey: `setup-${customer.customerId}-${meta.requestId}` }),
      );
    } catch (error) {
      if (!(error instanceof ProviderRejectedError)) throw error;
      // Nothing the customer did or could change: our request or our configuration is wrong.
      this.log.error(
        { customerId: customer.customerId, requestId: meta.requestId, providerCode: error.code, providerRequestId: error.requestId, providerMessage: error.message },
        'payment provider refused to create a card setup: nothing was saved',
      );
      return userError('PAYMENT_NOT_POSSIBLE', 'A card cannot be added right now, and nothing was saved. The business has been told; try again later, or contact it.');
    }
    await this.audit.recordFor(customer, meta, { action: 'CARD_SETUP_CREATED', targetType: 'CardSetup', targetId: setup.id });
    return { kind: 'setup', setup: { id: setup.id, clientSecret: setup.clientSecret ?? '' } };
  }

  async add(customer: CustomerPrincipal, card: NewSavedCard, meta: RequestMeta): Promise<SavedCardOutcome> {
    const refused = cardManagementRefusal(customer);
    if (refused) return refused;
    const providerId = card.providerPaymentMethodId.trim();
    if (!this.provider.rules.isPaymentMethodId(providerId)) return userError('PAYMENT_METHOD_REJECTED', 'That is not a payment method id from the payment form.');

    const known = await this.db.paymentMethod.findUnique({ where: { providerPaymentMethodId: providerId } });
    if (known && known.customerId !== customer.customerId) return userError('PAYMENT_METHOD_REJECTED', NOT_ADDABLE);

    const providerCustomer = await this.providerCustomers.idFor(customer.customerId);
    let attached: ProviderCard | Failure<'PAYMENT_METHOD_REJECTED'>;
    try {
      const setupId = card.providerSetupId?.trim();
      attached = setupId
        ? await this.cardSavedBySetup(providerCustomer, setupId, providerId)
        : await providerCall(() => this.provider.attachCard(providerId, providerCustomer));
    } catch (error) {
      if (error instanceof ProviderRejectedError) return userError('PAYMENT_METHOD_REJECTED', error.message);
      throw error;
    }
    if ('kind' in attached) return attached;
    const method = await this.save(customer.customerId, attached, !!card.setAsDefault);
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_ADDED', targetType: 'PaymentMethod', targetId: method.id, details: { brand: attached.brand, last4: attached.last4 } });
    return { kind: 'method', method: savedCardView(method) };
  }

  /**
   * The card a customer's setup saved, once the provider confirms all of it: the setup is this customer's, it
   * succeeded, it saved this very card, and the card is still attached to the customer. The browser's word for any
   * of it is not enough: a setup id is not a secret, and the page may be anyone's script.
   */
  private async cardSavedBySetup(providerCustomerId: string, setupId: string, paymentMethodId: string): Promise<ProviderCard | Failure<'PAYMENT_METHOD_REJECTED'>> {
    const setup = await providerCall(() => this.provider.retrieveSetup(setupId));
    if (setup.customerId !== providerCustomerId || (setup.status === 'SUCCEEDED' && setup.paymentMethodId !== paymentMethodId)) {
      return userError('PAYMENT_METHOD_REJECTED', NOT_ADDABLE);
    }
    if (setup.status !== 'SUCCEEDED') {
      return userError('PAYMENT_METHOD_REJECTED', setup.lastError?.message ?? 'The card has not been confirmed with its bank yet: confirm it, then add it.');
    }
    const card = await providerCall(() => this.provider.retrieveCard(paymentMethodId));
    return card.customerId === providerCustomerId ? card : userError('PAYMENT_METHOD_REJECTED', NOT_ADDABLE);
  }

  /**
   * The provider reports a card setup succeeded (`setup_intent.succeeded`): the card is saved even when the browser
   * never came back to call addPaymentMethod, and is the same saved card when it does (one row per provider card).
   * Only setups this portal started, for one of our customers, and only while the card is still attached to it.
   */
  async saveFromSetup(setup: ProviderSetup): Promise<void> {
    if (setup.status !== 'SUCCEEDED' || !setup.customerId || !setup.paymentMethodId) return;
    const customer = await this.db.customer.findUnique({ where: { providerCustomerId: setup.customerId } });
    if (!customer || setup.metadata.customer_id !== customer.id) return;
    const paymentMethodId = setup.paymentMethodId;
    let card: ProviderCard;
    try {
      card = await providerCall(() => this.provider.retrieveCard(paymentMethodId));
    } catch (error) {
      if (error instanceof ProviderRejectedError) return; // gone at the provider, or not a card: nothing to keep
      throw error;
    }
    if (card.customerId !== setup.customerId) return; // detached since
    const { method, created } = await this.store(customer.id, card, false);
    if (!created) return;
    await this.audit.record({
      action: 'PAYMENT_METHOD_ADDED',
      organizationId: customer.organizationId,
      actorType: 'SYSTEM',
      targetType: 'PaymentMethod',
      targetId: method.id,
      details: { brand: card.brand, last4: card.last4, setupIntentId: setup.id },
    });
  }

  /** Stores a card attached to the customer (idempotent on the provider's id); the first card becomes the default. */
  async save(customerId: string, card: ProviderCard, makeDefault: boolean): Promise<PaymentMethod> {
    return (await this.store(customerId, card, makeDefault)).method;
  }

  private async store(customerId: string, card: ProviderCard, makeDefault: boolean): Promise<{ method: PaymentMethod; created: boolean }> {
    return this.db.$transaction(async (tx) => {
      await lockCardsOf(tx, customerId);
      const details = { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
      const existing = await tx.paymentMethod.findUnique({ where: { providerPaymentMethodId: card.id } });
      const method = existing
        ? await tx.paymentMethod.update({ where: { id: existing.id }, data: details })
        : await tx.paymentMethod.create({ data: { customerId, providerPaymentMethodId: card.id, ...details } });
      if (makeDefault) await setDefaultIn(tx, customerId, method.id);
      else await keepOneDefault(tx, customerId);
      return { method: await tx.paymentMethod.findUniqueOrThrow({ where: { id: method.id } }), created: !existing };
    });
  }

  async remove(customer: CustomerPrincipal, id: string, meta: RequestMeta): Promise<CardRemovalOutcome> {
    const refused = cardManagementRefusal(customer);
    if (refused) return refused;
    const method = await this.db.paymentMethod.findFirst({ where: { id, customerId: customer.customerId } });
    if (!method) return userError('PAYMENT_METHOD_NOT_FOUND', 'Payment method not found.');
    await providerCall(() => this.provider.detachCard(method.providerPaymentMethodId));
    await this.forget(method.providerPaymentMethodId);
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_REMOVED', targetType: 'PaymentMethod', targetId: method.id });
    return { kind: 'removed', id: method.id };
  }

  /**
   * Drops a card we no longer hold (removed here, or detached at the provider) and returns it, or null when it was
   * not held (any more); the newest remaining card becomes the default if it was. Read again under the customer's
   * lock, so two cards forgotten at once (or a default chosen meanwhile) still leave exactly one default.
   */
  async forget(providerPaymentMethodId: string): Promise<PaymentMethod | null> {
    const held = await this.db.paymentMethod.findUnique({ where: { providerPaymentMethodId } });
    if (!held) return null;
    return this.db.$transaction(async (tx) => {
      await lockCardsOf(tx, held.customerId);
      const method = await tx.paymentMethod.findUnique({ where: { providerPaymentMethodId } });
      if (!method) return null;
      await tx.paymentMethod.delete({ where: { id: method.id } });
      await keepOneDefault(tx, method.customerId);
      return method;
    });
  }

  /** The provider detached a card (`payment_method.detached`: the dashboard, the API, another integration). */
  async forgetDetached(card: ProviderCard): Promise<void> {
    const method = await this.forget(card.id);
    if (method) await this.recordSystemChange(method, 'PAYMENT_METHOD_REMOVED', { reason: 'detached at the payment provider' });
  }

  /**
   * The provider says a card changed (`payment_method.automatically_updated` from the card network's updater, or
   * `payment_method.updated`): brand, last4 and expiry are refreshed. They are read from the provider rather than
   * from the event, so an event delivered late never brings back older details; a card the provider no longer has
   * attached to the customer is forgotten.
   */
  async refreshCard(reported: ProviderCard): Promise<void> {
    const method = await this.db.paymentMethod.findUnique({ where: { providerPaymentMethodId: reported.id }, include: { customer: true } });
    if (!method) return; // not a card we hold
    let current: ProviderCard;
    try {
      current = await providerCall(() => this.provider.retrieveCard(reported.id));
    } catch (error) {
      if (!(error instanceof ProviderRejectedError)) throw error;
      return this.forgetDetached(reported);
    }
    if (!current.customerId || current.customerId !== method.customer.providerCustomerId) return this.forgetDetached(current);
    const details = { brand: current.brand, last4: current.last4, expMonth: current.expMonth, expYear: current.expYear };
    const changed = (Object.keys(details) as Array<keyof typeof details>).some((key) => method[key] !== details[key]);
    if (!changed) return;
    const updated = await this.db.paymentMethod.updateMany({ where: { id: method.id }, data: details });
    if (updated.count === 0) return; // forgotten meanwhile
    await this.recordSystemChange(method, 'PAYMENT_METHOD_UPDATED', {
      before: { brand: method.brand, last4: method.last4, expMonth: method.expMonth, expYear: method.expYear },
      after: details,
    });
  }

  async setDefault(customer: CustomerPrincipal, id: string, meta: RequestMeta): Promise<DefaultCardOutcome> {
    const refused = cardManagementRefusal(customer);
    if (refused) return refused;
    const updated = await this.db.$transaction(async (tx) => {
      await lockCardsOf(tx, customer.customerId);
      // Read under the lock: the card may have been removed (or detached at the provider) a moment ago.
      const method = await tx.paymentMethod.findFirst({ where: { id, customerId: customer.customerId } });
      if (!method) return null;
      await setDefaultIn(tx, customer.customerId, method.id);
      return tx.paymentMethod.findUniqueOrThrow({ where: { id: method.id } });
    });
    if (!updated) return userError('PAYMENT_METHOD_NOT_FOUND', 'Payment method not found.');
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_DEFAULT_SET', targetType: 'PaymentMethod', targetId: updated.id });
    return { kind: 'method', method: savedCardView(updated) };
  }

  /** An audit row for a change the provider reported, in the card's organization. */
  private async recordSystemChange(method: PaymentMethod, action: 'PAYMENT_METHOD_REMOVED' | 'PAYMENT_METHOD_UPDATED', details: Record<string, unknown>) {
    const customer = await this.db.customer.findUnique({ where: { id: method.customerId }, select: { organizationId: true } });
    await this.audit.record({ action, organizationId: customer?.organizationId ?? null, actorType: 'SYSTEM', targetType: 'PaymentMethod', targetId: method.id, details });
  }
}

/**
 * Card changes of one customer take turns, each transaction taking the customer row's write lock first (on both
 * databases): two requests making different cards the default at once would otherwise both clear the old default and
 * collide on the unique `defaultForCustomerId` index, an internal error.
 */
async function lockCardsOf(tx: DbTransaction, customerId: string) {
  await tx.$executeRaw`UPDATE "Customer" SET "name" = "name" WHERE "id" = ${customerId}`;
}

async function setDefaultIn(tx: DbTransaction, customerId: string, methodId: string) {
  await tx.paymentMethod.updateMany({ where: { defaultForCustomerId: customerId, id: { not: methodId } }, data: { defaultForCustomerId: null } });
  await tx.paymentMethod.update({ where: { id: methodId }, data: { defaultForCustomerId: customerId } });
}

/** The invariant, re-established at the end of every change: cards left and none the default, the newest becomes it. */
async function keepOneDefault(tx: DbTransaction, customerId: string) {
  if ((await tx.paymentMethod.count({ where: { defaultForCustomerId: customerId } })) > 0) return;
  const newest = await tx.paymentMethod.findFirst({ where: { customerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  if (newest) await tx.paymentMethod.update({ where: { id: newest.id }, data: { defaultForCustomerId: customerId } });
}
