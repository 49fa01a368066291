import type { Db } from '../../db/database';
import type { PaymentAttempt } from '../../db/generated/sqlite/client';
import { ProviderRejectedError, ProviderReplayedFailureError, type PaymentProvider, type ProviderIntent } from '../../payments/payment-provider.port';
import { SILENT_OPERATOR_LOG, type OperatorLog } from '../operator-log';
import { providerCall } from '../provider-call';
import type { ProviderCustomers } from '../provider-customers';
import { userError, type Failure } from '../user-errors';

/** Our own attempt id is the provider's idempotency key: a retry, after a timeout or a crash, finds the same intent. */
const idempotencyKeyOf = (attempt: Pick<PaymentAttempt, 'id'>) => `attempt-${attempt.id}`;

/** How far before an attempt's row the provider's clock may have dated its intent, when looking for it. */
const CLOCK_MARGIN_MS = 10 * 60_000;

/** The failures opening an attempt can end in: the provider refused to create its intent. */
export type OpenFailure = Failure<'AMOUNT_BELOW_MINIMUM' | 'AMOUNT_ABOVE_MAXIMUM' | 'PAYMENT_DECLINED' | 'PAYMENT_NOT_POSSIBLE'>;

/**
 * What opening an attempt came to: its intent, a refusal (the attempt is closed and says why), or `closed`: the
 * attempt can no longer have an intent (its key is spent, or it was closed meanwhile) and a new attempt, with a new
 * key, is the way on. An unreachable provider throws instead, leaving the attempt CREATING for the next call.
 */
export type OpenOutcome = { kind: 'opened'; intent: ProviderIntent } | { kind: 'closed' } | OpenFailure;

/** The customer's words when the provider refused a request of ours as invalid: nothing happened, and it is not their card. */
export const PAYMENT_NOT_POSSIBLE_MESSAGE =
  'This payment could not be started, and nothing was charged. The business has been told; try again later, or contact it.';

/**
 * The life of a payment attempt against the provider, shared by the customer's checkout and the operator's
 * reconciliation. An attempt row is committed before the provider is called (CREATING); it becomes OPEN once the
 * provider's intent is known, and is closed (SUCCEEDED by settlement, FAILED or CANCELED here) when it is over.
 * Closing never reopens or downgrades a succeeded attempt, and an intent is handed out only for an attempt that is
 * open with it: an attempt closed while its intent was being created gets that intent canceled, never paid.
 */
export class PaymentAttempts {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly providerCustomers: ProviderCustomers,
    private readonly log: OperatorLog = SILENT_OPERATOR_LOG,
  ) {}

  /**
   * Creates the provider's intent for a committed attempt, or finds it again with the same key. `requestId` is the
   * request that asked, for the logs.
   */
  async open(attempt: PaymentAttempt, requestId: string | null = null): Promise<OpenOutcome> {
    const providerCustomerId = await this.providerCustomers.idFor(attempt.customerId);
    let created: { intent: ProviderIntent } | { replayed: true };
    try {
      created = await providerCall(async () => {
        try {
          return {
            intent: await this.provider.createIntent({
              amount: attempt.amount,
              currency: attempt.currency,
              providerCustomerId,
              paymentMethodId: attempt.paymentMethodId,
              savePaymentMethod: attempt.savePaymentMethod,
              metadata: { attempt_id: attempt.id, invoice_id: attempt.invoiceId, customer_id: attempt.customerId },
              idempotencyKey: idempotencyKeyOf(attempt),
            }),
          };
        } catch (error) {
          if (error instanceof ProviderReplayedFailureError) return { replayed: true as const };
          throw error;
        }
      });
    } catch (error) {
      if (!(error instanceof ProviderRejectedError)) throw error;
      return this.refused(attempt, error, requestId);
    }
    if ('replayed' in created) return this.recoverFromStoredFailure(attempt, providerCustomerId, requestId);
    return this.adopt(attempt, created.intent);
  }

  /**
   * The provider's intent for an unsettled attempt: retrieved when its id is known, otherwise resumed by key.
   * Null when the attempt was closed instead (refused, its key spent, or too old to resume: past the provider's
   * idempotency window a resumed call could create a second intent).
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
    return resumed.kind === 'opened' ? resumed.intent : null;
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

  /**
   * Records the intent as the attempt's and hands it out, unless the attempt was closed meanwhile (a concurrent
   * request gave up on its key and started another attempt): then the intent is canceled, so that only one of the
   * two can ever be paid.
   */
  private async adopt(attempt: PaymentAttempt, intent: ProviderIntent): Promise<OpenOutcome> {
    const opened = await this.db.paymentAttempt.updateMany({ where: { id: attempt.id, status: 'CREATING' }, data: { status: 'OPEN', providerIntentId: intent.id } });
    if (opened.count > 0) return { kind: 'opened', intent };
    const now = await this.db.paymentAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    // Opened already with this intent (a concurrent resume of the same key, or settlement found it by its metadata).
    if (now.providerIntentId === intent.id) return { kind: 'opened', intent };
    await providerCall(() => this.provider.cancelIntent(intent.id, `cancel-${attempt.id}`)).catch((error: unknown) => {
      if (!(error instanceof ProviderRejectedError)) throw error;
    });
    return { kind: 'closed' };
  }

  /**
   * The provider stored a failure under the attempt's key and replays it (ProviderReplayedFailureError): the key
   * can never create an intent now. The request that failed may still have created one before failing: it is
   * looked for among the customer's intents by the attempt id in its metadata and adopted. Otherwise none exists
   * under the key, and none can appear (the key only ever replays the failure), so the attempt is closed and the
   * caller starts a new one with a new key: never two payable intents, so never two charges.
   */
  private async recoverFromStoredFailure(attempt: PaymentAttempt, providerCustomerId: string, requestId: string | null): Promise<OpenOutcome> {
    const since = new Date(attempt.createdAt.getTime() - CLOCK_MARGIN_MS);
    const intents = await providerCall(() => this.provider.listIntents(providerCustomerId, since));
    const found = intents.find((intent) => intent.metadata.attempt_id === attempt.id);
    this.log.warn(
      { attemptId: attempt.id, invoiceId: attempt.invoiceId, requestId, intentFound: found?.id ?? null },
      found
        ? 'payment provider replays a failure stored under the attempt\'s idempotency key; the intent it began was found and adopted'
        : 'payment provider replays a failure stored under the attempt\'s idempotency key and no intent exists under it; the attempt is closed for a new one',
    );
    if (found) return this.adopt(attempt, found);
    const closed = await this.db.paymentAttempt.updateMany({
      where: { id: attempt.id, status: 'CREATING', providerIntentId: null },
      data: { status: 'FAILED', openInvoiceId: null, lastError: 'the provider stored a failure under its idempotency key' },
    });
    if (closed.count > 0) return { kind: 'closed' };
    // Someone else settled its fate meanwhile: follow what they wrote.
    const now = await this.db.paymentAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    if (!now.providerIntentId || !['CREATING', 'OPEN'].includes(now.status)) return { kind: 'closed' };
    const intentId = now.providerIntentId;
    return { kind: 'opened', intent: await providerCall(() => this.provider.retrieveIntent(intentId)) };
  }

  /** The provider refused to create the intent: the attempt is closed, and the customer is told why in their terms. */
  private async refused(attempt: PaymentAttempt, error: ProviderRejectedError, requestId: string | null): Promise<OpenFailure> {
    await this.db.paymentAttempt.updateMany({ where: { id: attempt.id, status: 'CREATING' }, data: { status: 'FAILED', openInvoiceId: null, lastError: error.code } });
    const { rules } = this.provider;
    switch (error.reason) {
      case 'AMOUNT_TOO_SMALL': {
        // The provider's own message, and its own minimum: the settlement currency's, to which it converted the
        // amount, unless the amount already was in it (see ProviderRules.settlementCurrency).
        const currency = attempt.currency === rules.settlementCurrency ? attempt.currency : rules.settlementCurrency;
        return userError('AMOUNT_BELOW_MINIMUM', error.message, { minimum: { amount: rules.minimumCharge(currency), currency } });
      }
      // Never "declined": the card was not even tried, and a smaller amount would go through.
      case 'AMOUNT_TOO_LARGE':
        return userError('AMOUNT_ABOVE_MAXIMUM', error.message, { maximum: { amount: rules.maximumCharge(attempt.currency), currency: attempt.currency } });
      case 'DECLINED':
        return userError('PAYMENT_DECLINED', error.message, { declineCode: error.declineCode });
      default:
        // Our request was wrong (an unsupported currency, a parameter, a key reused): our bug or our configuration,
        // never the customer's card. They are told nothing was charged; we are told what the provider said.
        this.log.error(
          {
            attemptId: attempt.id,
            invoiceId: attempt.invoiceId,
            requestId,
            providerCode: error.code,
            providerRequestId: error.requestId,
            providerMessage: error.message,
            reason: error.reason,
          },
          'payment provider refused a payment intent as invalid: nothing was charged',
        );
        return userError('PAYMENT_NOT_POSSIBLE', PAYMENT_NOT_POSSIBLE_MESSAGE);
    }
  }
}
