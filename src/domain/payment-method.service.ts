import type { Db, DbTransaction } from '../db/database';
import type { PaymentMethod } from '../db/generated/sqlite/client';
import { ProviderRejectedError, type PaymentProvider, type ProviderCard } from '../payments/payment-provider.port';
import { AuditLogService } from './audit-log.service';
import { providerCall } from './provider-call';
import type { CustomerPrincipal, RequestMeta } from './principal';
import { userError, type UserError } from './user-errors';

export type PaymentMethodResult = { kind: 'method'; method: PaymentMethod } | UserError;
export type RemovePaymentMethodResult = { kind: 'removed'; id: string } | UserError;

/**
 * Saved cards. Invariant kept by every operation: whenever a customer has saved cards, exactly one is the
 * default (the unique `defaultForCustomerId` index forbids two; each change re-establishes one in its transaction).
 */
export class PaymentMethodService {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly audit: AuditLogService,
  ) {}

  /** The customer's provider-side id, created the first time one is needed. */
  async providerCustomerId(customerId: string): Promise<string> {
    const customer = await this.db.customer.findUniqueOrThrow({ where: { id: customerId } });
    if (customer.stripeCustomerId) return customer.stripeCustomerId;
    // The idempotency key makes concurrent first uses agree on one provider customer.
    const created = await providerCall(() =>
      this.provider.createCustomer({ name: customer.name, email: customer.email, metadata: { customer_id: customer.id }, idempotencyKey: `customer-${customer.id}` }),
    );
    await this.db.customer.updateMany({ where: { id: customer.id, stripeCustomerId: null }, data: { stripeCustomerId: created } });
    return (await this.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).stripeCustomerId!;
  }

  async add(customer: CustomerPrincipal, input: { stripePaymentMethodId: string; setAsDefault?: boolean | null }, meta: RequestMeta): Promise<PaymentMethodResult> {
    const pmId = input.stripePaymentMethodId.trim();
    if (!/^pm_[A-Za-z0-9_]{1,200}$/.test(pmId)) return userError('PAYMENT_METHOD_REJECTED', 'That is not a Stripe payment method id (pm_…).');

    const known = await this.db.paymentMethod.findUnique({ where: { stripePaymentMethodId: pmId } });
    if (known && known.customerId !== customer.customerId) return userError('PAYMENT_METHOD_REJECTED', 'This card cannot be added.');

    const providerCustomer = await this.providerCustomerId(customer.customerId);
    let card: ProviderCard;
    try {
      card = await providerCall(() => this.provider.attachCard(pmId, providerCustomer));
    } catch (error) {
      if (error instanceof ProviderRejectedError) return userError('PAYMENT_METHOD_REJECTED', error.message);
      throw error;
    }
    const method = await this.save(customer.customerId, card, !!input.setAsDefault);
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_ADDED', targetType: 'PaymentMethod', targetId: method.id, details: { brand: card.brand, last4: card.last4 } });
    return { kind: 'method', method };
  }

  /** Stores a card attached to the customer (idempotent on the provider's id); first card becomes the default. */
  async save(customerId: string, card: ProviderCard, makeDefault: boolean): Promise<PaymentMethod> {
    return this.db.$transaction(async (tx) => {
      const method = await tx.paymentMethod.upsert({
        where: { stripePaymentMethodId: card.id },
        create: { customerId, stripePaymentMethodId: card.id, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
        update: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
      });
      const hasDefault = await tx.paymentMethod.count({ where: { defaultForCustomerId: customerId } });
      if (makeDefault || hasDefault === 0) await setDefaultIn(tx, customerId, method.id);
      return tx.paymentMethod.findUniqueOrThrow({ where: { id: method.id } });
    });
  }

  async remove(customer: CustomerPrincipal, id: string, meta: RequestMeta): Promise<RemovePaymentMethodResult> {
    const method = await this.db.paymentMethod.findFirst({ where: { id, customerId: customer.customerId } });
    if (!method) return userError('PAYMENT_METHOD_NOT_FOUND', 'Payment method not found.');
    await providerCall(() => this.provider.detachCard(method.stripePaymentMethodId));
    await this.forget(method.stripePaymentMethodId);
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_REMOVED', targetType: 'PaymentMethod', targetId: method.id });
    return { kind: 'removed', id: method.id };
  }

  /** Drops a card we no longer hold (removed here, or detached at the provider); promotes a new default if needed. */
  async forget(stripePaymentMethodId: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const method = await tx.paymentMethod.findUnique({ where: { stripePaymentMethodId } });
      if (!method) return;
      await tx.paymentMethod.delete({ where: { id: method.id } });
      if (method.defaultForCustomerId) {
        const next = await tx.paymentMethod.findFirst({ where: { customerId: method.customerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
        if (next) await setDefaultIn(tx, method.customerId, next.id);
      }
    });
  }

  async updateCard(card: ProviderCard): Promise<void> {
    await this.db.paymentMethod.updateMany({
      where: { stripePaymentMethodId: card.id },
      data: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
    });
  }

  async setDefault(customer: CustomerPrincipal, id: string, meta: RequestMeta): Promise<PaymentMethodResult> {
    const method = await this.db.paymentMethod.findFirst({ where: { id, customerId: customer.customerId } });
    if (!method) return userError('PAYMENT_METHOD_NOT_FOUND', 'Payment method not found.');
    const updated = await this.db.$transaction(async (tx) => {
      await setDefaultIn(tx, customer.customerId, method.id);
      return tx.paymentMethod.findUniqueOrThrow({ where: { id: method.id } });
    });
    await this.audit.recordFor(customer, meta, { action: 'PAYMENT_METHOD_DEFAULT_SET', targetType: 'PaymentMethod', targetId: method.id });
    return { kind: 'method', method: updated };
  }
}

async function setDefaultIn(tx: DbTransaction, customerId: string, methodId: string) {
  await tx.paymentMethod.updateMany({ where: { defaultForCustomerId: customerId, id: { not: methodId } }, data: { defaultForCustomerId: null } });
  await tx.paymentMethod.update({ where: { id: methodId }, data: { defaultForCustomerId: customerId } });
}
