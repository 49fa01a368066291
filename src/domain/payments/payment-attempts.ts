import type { Db } from '../../db/database';
import type { PaymentAttempt } from '../../db/generated/sqlite/client';
import { ProviderRejectedError, type PaymentProvider, type ProviderIntent } from '../../payments/payment-provider.port';
import { providerCall } from '../provider-call';
import type { ProviderCustomers } from '../provider-customers';
import { userError, type Failure } from '../user-errors';

/** Our own attempt id is the provider's idempotency key: a retry, after a timeout or a crash, finds the same intent. */
const idempotencyKeyOf = (attempt: Pick<PaymentAttempt, 'id'>) => `attempt-${attempt.id}`;

/**
 * The life of a payment attempt against the provider, shared by the customer's checkout and the operator's
 * reconciliation. An attempt row is committed before the provider is called (CREATING); it becomes OPEN once the
 * provider's intent is known, and is closed (SUCCEEDED by settlement, FAILED or CANCELED here) when it is over.
 * Closing never reopens or downgrades a succeeded attempt.
 */
export class PaymentAttempts {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly providerCustomers: ProviderCustomers,
  ) {}

  /**
   * Creates the provider's intent for a committed attempt, or finds it again with the same key. A refusal closes
   * the attempt and says why; an unreachable provider throws and leaves the attempt CREATING for the next call.
   */
  async open(attempt: PaymentAttempt): Promise<ProviderIntent | Failure<'AMOUNT_BELOW_MINIMUM' | 'AMOUNT_ABOVE_MAXIMUM' | 'PAYMENT_DECLINED'>> {
    const providerCustomerId = await this.providerCustomers.idFor(attempt.customerId);
    let intent: ProviderIntent;
    try {
      intent = await providerCall(() =>
        this.provider.createIntent({
          amount: attempt.amount,
          currency: attempt.currency,
          providerCustomerId,
          paymentMethodId: attempt.paymentMethodId,
          savePaymentMethod: attempt.savePaymentMethod,
          metadata: { attempt_id: attempt.id, invoice_id: attempt.invoiceId, customer_id: attempt.customerId },
          idempotencyKey: idempotencyKeyOf(attempt),
        }),
      );
    } catch (error) {
      if (!(error instanceof ProviderRejectedError)) throw error;
      await this.db.paymentAttempt.update({ where: { id: attempt.id }, data: { status: 'FAILED', openInvoiceId: null, lastError: error.code } });
      if (error.reason === 'AMOUNT_TOO_SMALL') {
        return userError('AMOUNT_BELOW_MINIMUM', error.message, { minimum: { amount: this.provider.rules.minimumCharge(attempt.currency), currency: attempt.currency } });
      }
      // Never "declined": the card was not even tried, and a smaller amount would go through.
      if (error.reason === 'AMOUNT_TOO_LARGE') {
        return userError('AMOUNT_ABOVE_MAXIMUM', error.message, { maximum: { amount: this.provider.rules.maximumCharge(attempt.currency), currency: attempt.currency } });
      }
      return userError('PAYMENT_DECLINED', error.message, { declineCode: error.declineCode });
    }
    await this.db.paymentAttempt.updateMany({ where: { id: attempt.id, status: 'CREATING' }, data: { status: 'OPEN', providerIntentId: intent.id } });
    return intent;
  }

  /**
   * The provider's intent for an unsettled attempt: retrieved when its id is known, otherwise resumed by key.
   * Null when the attempt was closed instead (refused, or too old to resume: past the provider's idempotency window
   * a resumed call could create a second intent).
   */
  async current(attempt: PaymentAttempt): Promise<ProviderIntent | null> {
    if (attempt.providerIntentId) {
      const id = attempt.providerIntentId;
      return providerCall(() => this.provider.retrieveIntent(id));
    }
    if (Date.now() - attempt.createdAt.getTime() > this.provider.rules.idempotencyWindowMs) {
      await this.close(attempt.id, 'FAILED', 'abandoned before the provider answered');
      return null;
    }
    const resumed = await this.open(attempt);
    return 'kind' in resumed ? null : resumed;
  }

  /** Cancels the attempt's intent at the provider; false when it had moved on (e.g. was just confirmed). */
  async cancel(attempt: PaymentAttempt, intent: ProviderIntent): Promise<boolean> {
    try {
      await providerCall(() => this.provider.cancelIntent(intent.id, `cancel-${attempt.id}`));
    } catch (error) {
      if (error instanceof ProviderRejectedError) return false;
      throw error;
    }
    await this.close(attempt.id, 'CANCELED', 'replaced by a new payment intent');
    return true;
  }

  async close(id: string, status: 'CANCELED' | 'FAILED', reason: string): Promise<void> {
    await this.db.paymentAttempt.updateMany({ where: { id, status: { not: 'SUCCEEDED' } }, data: { status, openInvoiceId: null, lastError: reason } });
  }

  /** Attempts the provider has not settled yet, oldest first. */
  unsettled(): Promise<PaymentAttempt[]> {
    return this.db.paymentAttempt.findMany({ where: { status: { in: ['CREATING', 'OPEN'] } }, orderBy: { createdAt: 'asc' } });
  }

  /** Our attempt behind a provider intent; an intent created just before a crash is found through its metadata. */
  async forIntent(intent: ProviderIntent): Promise<PaymentAttempt | null> {
    const attempt = await this.db.paymentAttempt.findUnique({ where: { providerIntentId: intent.id } });
    if (attempt || !intent.metadata.attempt_id) return attempt;
    // We crashed between the provider's answer and saving its id: the metadata names our row.
    const named = await this.db.paymentAttempt.findUnique({ where: { id: intent.metadata.attempt_id } });
    if (!named || named.providerIntentId) return named;
    await this.db.paymentAttempt.updateMany({
      where: { id: named.id, providerIntentId: null },
      data: { providerIntentId: intent.id, status: named.status === 'CREATING' ? 'OPEN' : named.status },
    });
    return this.db.paymentAttempt.findUnique({ where: { id: named.id } });
  }
}
