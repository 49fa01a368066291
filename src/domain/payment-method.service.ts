import type { Db, DbTransaction } from '../db/database';
import type { PaymentMethod } from '../db/generated/sqlite/client';
import { ProviderRejectedError, type PaymentProvider, type ProviderCard } from '../payments/payment-provider.port';
import type { AuditLogService } from './audit-log.service';
import type { CustomerPrincipal, RequestMeta } from './principal';
import { providerCall } from './provider-call';
import type { ProviderCustomers } from './provider-customers';
import { userError, type Failure, type UserErrorCode } from './user-errors';
import { savedCardView, type SavedCardView } from './views';

/** A card the browser created with the provider's library, to keep for later payments. */
export interface NewSavedCard {
  /** The provider's id of the payment method. */
  providerPaymentMethodId: string;
  setAsDefault?: boolean | null;
}

/** The failures each card use case can end in (see payments/payment-results.ts for why they are lists). */
export const SAVE_CARD_FAILURES = ['CARD_MANAGEMENT_NOT_ALLOWED', 'PAYMENT_METHOD_REJECTED'] as const satisfies readonly UserErrorCode[];
export const CHOOSE_CARD_FAILURES = ['CARD_MANAGEMENT_NOT_ALLOWED', 'PAYMENT_METHOD_NOT_FOUND'] as const satisfies readonly UserErrorCode[];

export type SavedCardOutcome = { kind: 'method'; method: SavedCardView } | Failure<(typeof SAVE_CARD_FAILURES)[number]>;
export type DefaultCardOutcome = { kind: 'method'; method: SavedCardView } | Failure<(typeof CHOOSE_CARD_FAILURES)[number]>;
export type CardRemovalOutcome = { kind: 'removed'; id: string } | Failure<(typeof CHOOSE_CARD_FAILURES)[number]>;

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
 * Saved cards. Invariant kept by every operation: whenever a customer has saved cards, exactly one is the
 * default (the unique `defaultForCustomerId` index forbids two; each change re-establishes one in its transaction).
 * Managing them takes a link for the whole account (see cardManagementRefusal).
 */
export class PaymentMethodService {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly providerCustomers: ProviderCustomers,
    private readonly audit: AuditLogService,
  ) {}

  async add(customer: CustomerPrincipal, card: NewSavedCard, meta: RequestMeta): Promise<SavedCardOutcome> {
    const refused = cardManagementRefusal(customer);
    if (refused) return refused;
    const providerId = card.providerPaymentMethodId.trim();
    if (!this.provider.rules.isPaymentMethodId(providerId)) return userError('PAYMENT_METHOD_REJECTED', 'That is not a payment method id from the payment form.');

    const known = await this.db.paymentMethod.findUnique({ where: { providerPaymentMethodId: providerId } });
    if (known && known.customerId !== customer.customerId) return userError('PAYMENT_METHOD_REJECTED', 'This card cannot be added.');

    const providerCustomer = await this.providerCustomers.idFor(customer.customerId);
    let attached: ProviderCard;
    try {
      attached = await providerCall(() => this.provider.attachCard(providerId, providerCustomer));
    } catch (error) {
      if (error instanceof ProviderRejectedError) return userError('PAYMENT_METHOD_REJECTED', error.message);
      throw error;
    }
    const method = await this.save(customer.customerId, attached, !!card.setAsDefault);
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_ADDED', targetType: 'PaymentMethod', targetId: method.id, details: { brand: attached.brand, last4: attached.last4 } });
    return { kind: 'method', method: savedCardView(method) };
  }

  /** Stores a card attached to the customer (idempotent on the provider's id); the first card becomes the default. */
  async save(customerId: string, card: ProviderCard, makeDefault: boolean): Promise<PaymentMethod> {
    return this.db.$transaction(async (tx) => {
      await lockCardsOf(tx, customerId);
      const details = { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
      const method = await tx.paymentMethod.upsert({
        where: { providerPaymentMethodId: card.id },
        create: { customerId, providerPaymentMethodId: card.id, ...details },
        update: details,
      });
      const hasDefault = await tx.paymentMethod.count({ where: { defaultForCustomerId: customerId } });
      if (makeDefault || hasDefault === 0) await setDefaultIn(tx, customerId, method.id);
      return tx.paymentMethod.findUniqueOrThrow({ where: { id: method.id } });
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

  /** Drops a card we no longer hold (removed here, or detached at the provider); promotes a new default if needed. */
  async forget(providerPaymentMethodId: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const method = await tx.paymentMethod.findUnique({ where: { providerPaymentMethodId } });
      if (!method) return;
      await lockCardsOf(tx, method.customerId);
      await tx.paymentMethod.delete({ where: { id: method.id } });
      if (method.defaultForCustomerId) {
        const next = await tx.paymentMethod.findFirst({ where: { customerId: method.customerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
        if (next) await setDefaultIn(tx, method.customerId, next.id);
      }
    });
  }

  /** The provider changed a card's details (a new expiry from the card network, say). */
  async updateCard(card: ProviderCard): Promise<void> {
    await this.db.paymentMethod.updateMany({
      where: { providerPaymentMethodId: card.id },
      data: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
    });
  }

  async setDefault(customer: CustomerPrincipal, id: string, meta: RequestMeta): Promise<DefaultCardOutcome> {
    const refused = cardManagementRefusal(customer);
    if (refused) return refused;
    const method = await this.db.paymentMethod.findFirst({ where: { id, customerId: customer.customerId } });
    if (!method) return userError('PAYMENT_METHOD_NOT_FOUND', 'Payment method not found.');
    const updated = await this.db.$transaction(async (tx) => {
      await lockCardsOf(tx, customer.customerId);
      await setDefaultIn(tx, customer.customerId, method.id);
      return tx.paymentMethod.findUniqueOrThrow({ where: { id: method.id } });
    });
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_DEFAULT_SET', targetType: 'PaymentMethod', targetId: method.id });
    return { kind: 'method', method: savedCardView(updated) };
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
