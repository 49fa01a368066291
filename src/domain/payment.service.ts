import type { Db, DbProvider, DbTransaction } from '../db/database';
import { isUniqueViolation } from '../db/db-errors';
import type { Payment, PaymentAttempt } from '../db/generated/sqlite/client';
import { ProviderRejectedError, type PaymentProvider, type ProviderIntent, type ProviderRefundState } from '../payments/payment-provider.port';
import { AuditLogService } from './audit-log.service';
import { notFound } from './errors';
import { minimumChargeAmount, normalizeCurrency } from './money';
import { amountDue, PaymentPortalService } from './payment-portal.service';
import type { PaymentMethodService } from './payment-method.service';
import type { CustomerPrincipal, RequestMeta } from './principal';
import { providerCall } from './provider-call';
import { userError, type UserError } from './user-errors';

export interface CreatePaymentIntentInput {
  invoiceId?: string | null;
  amount?: number | null;
  currency?: string | null;
  paymentMethodId?: string | null;
  savePaymentMethod?: boolean | null;
}

export interface IntentView {
  id: string;
  clientSecret: string;
  status: ProviderIntent['status'];
  amount: number;
  currency: string;
}

export type CreatePaymentIntentResult = { kind: 'intent'; intent: IntentView } | UserError;

export type ConfirmPaymentResult =
  | { kind: 'payment'; payment: Payment }
  | { kind: 'requires_action'; paymentIntentId: string; clientSecret: string; nextActionType: string; redirectUrl: string | null }
  | { kind: 'pending'; paymentIntentId: string; status: ProviderIntent['status'] }
  | UserError;

const OPEN_STATES = new Set<ProviderIntent['status']>(['REQUIRES_PAYMENT_METHOD', 'REQUIRES_CONFIRMATION', 'REQUIRES_ACTION']);
/** Stripe keeps idempotency keys for 24 hours; an attempt older than this can no longer be resumed by key. */
const IDEMPOTENCY_WINDOW_MS = 23 * 3600_000;

const idempotencyKeyOf = (attempt: Pick<PaymentAttempt, 'id'>) => `attempt-${attempt.id}`;

/**
 * Taking money. Rules it keeps:
 * - the local attempt row is committed before the provider is called, and its id is the idempotency key;
 * - at most one open attempt per invoice (unique `openInvoiceId`), so there is never more than one payable intent;
 * - a payment is recorded once per PaymentIntent (unique `stripePaymentIntentId`), whoever reports it first;
 * - only the provider's own word (retrieved, or in a signed webhook) records money; paid invoices never go back.
 */
export class PaymentService {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly provider: PaymentProvider,
    private readonly portal: PaymentPortalService,
    private readonly methods: PaymentMethodService,
    private readonly audit: AuditLogService,
  ) {}

  async createPaymentIntent(customer: CustomerPrincipal, input: CreatePaymentIntentInput, meta: RequestMeta): Promise<CreatePaymentIntentResult> {
    const method = input.paymentMethodId
      ? await this.db.paymentMethod.findFirst({ where: { id: input.paymentMethodId, customerId: customer.customerId } })
      : null;
    if (input.paymentMethodId && !method) return userError('PAYMENT_METHOD_NOT_FOUND', 'Payment method not found.');
    const wanted = { paymentMethodId: method?.stripePaymentMethodId ?? null, save: !!input.savePaymentMethod };

    // Each pass may close a stale attempt (and record a payment it finds), which changes what is due: re-check.
    for (let pass = 0; pass < 4; pass++) {
      const invoice = await this.portal.invoice(customer, input.invoiceId);
      if (invoice.status !== 'OPEN' || amountDue(invoice) <= 0) {
        return userError('INVOICE_NOT_PAYABLE', `Invoice ${invoice.number} is ${invoice.status === 'OPEN' ? 'already paid' : invoice.status.toLowerCase()}.`, { invoiceStatus: invoice.status });
      }
      const due = amountDue(invoice);
      if (input.currency != null && normalizeCurrency(input.currency) !== invoice.currency) {
        return userError('CURRENCY_MISMATCH', `The invoice is in ${invoice.currency.toUpperCase()}.`, { expectedCurrency: invoice.currency });
      }
      const amount = input.amount ?? due;
      if (!Number.isSafeInteger(amount) || amount <= 0) return userError('INVALID_AMOUNT', 'The amount must be a positive whole number of minor units.');
      if (amount > due) return userError('AMOUNT_EXCEEDS_BALANCE', 'The amount is more than is due on the invoice.', { amountDue: { amount: due, currency: invoice.currency } });
      const minimum = minimumChargeAmount(invoice.currency);
      if (amount < minimum) return userError('AMOUNT_BELOW_MINIMUM', 'The amount is below the smallest charge the card network accepts.', { minimum: { amount: minimum, currency: invoice.currency } });

      const open = await this.db.paymentAttempt.findUnique({ where: { openInvoiceId: invoice.id } });
      if (open) {
        const outcome = await this.settleOpenAttempt(open, { amount, ...wanted });
        if (outcome.kind === 'reuse') return { kind: 'intent', intent: outcome.intent };
        if (outcome.kind === 'busy') return userError('PAYMENT_IN_PROGRESS', 'A payment for this invoice is being processed. Check back shortly.');
        continue;
      }

      const providerCustomer = await this.methods.providerCustomerId(customer.customerId);
      let attempt: PaymentAttempt;
      try {
        // Committed before the provider is called: a crash from here on leaves a row that names the idempotency key.
        attempt = await this.db.paymentAttempt.create({
          data: { invoiceId: invoice.id, customerId: customer.customerId, openInvoiceId: invoice.id, amount, currency: invoice.currency, paymentMethodId: wanted.paymentMethodId, savePaymentMethod: wanted.save, status: 'CREATING' },
        });
      } catch (error) {
        if (isUniqueViolation(error)) continue; // a concurrent request opened one first: reuse or replace it
        throw error;
      }
      const intent = await this.createProviderIntent(attempt, providerCustomer);
      if ('kind' in intent) return intent;
      await this.audit.recordFor(customer, meta, { action: 'PAYMENT_INTENT_CREATED', targetType: 'PaymentAttempt', targetId: attempt.id, details: { invoiceId: invoice.id, amount, currency: invoice.currency, paymentIntentId: intent.id } });
      return { kind: 'intent', intent: view(intent) };
    }
    return userError('PAYMENT_IN_PROGRESS', 'The invoice is changing; please try again.');
  }

  /** Creates (or, with the same key, finds again) the provider intent of a committed attempt. */
  private async createProviderIntent(attempt: PaymentAttempt, providerCustomer: string): Promise<ProviderIntent | UserError> {
    let intent: ProviderIntent;
    try {
      intent = await providerCall(() =>
        this.provider.createIntent({
          amount: attempt.amount,
          currency: attempt.currency,
          providerCustomerId: providerCustomer,
          paymentMethodId: attempt.paymentMethodId,
          savePaymentMethod: attempt.savePaymentMethod,
          metadata: { attempt_id: attempt.id, invoice_id: attempt.invoiceId, customer_id: attempt.customerId },
          idempotencyKey: idempotencyKeyOf(attempt),
        }),
      );
    } catch (error) {
      if (error instanceof ProviderRejectedError) {
        await this.db.paymentAttempt.update({ where: { id: attempt.id }, data: { status: 'FAILED', openInvoiceId: null, lastError: error.code } });
        if (error.code === 'amount_too_small') return userError('AMOUNT_BELOW_MINIMUM', error.message, { minimum: { amount: minimumChargeAmount(attempt.currency), currency: attempt.currency } });
        return userError('PAYMENT_DECLINED', error.message, { declineCode: error.declineCode });
      }
      throw error; // unavailable: the attempt stays CREATING and the next call resumes it with the same key
    }
    await this.db.paymentAttempt.updateMany({ where: { id: attempt.id, status: 'CREATING' }, data: { status: 'OPEN', stripePaymentIntentId: intent.id } });
    return intent;
  }

  /**
   * Decides what to do with the invoice's open attempt before another is made:
   * reuse it when it asks for the same payment, otherwise cancel it (recording it instead if it already succeeded).
   */
  private async settleOpenAttempt(
    attempt: PaymentAttempt,
    wanted: { amount: number; paymentMethodId: string | null; save: boolean },
  ): Promise<{ kind: 'reuse'; intent: IntentView } | { kind: 'closed' } | { kind: 'busy' }> {
    let intent: ProviderIntent;
    if (!attempt.stripePaymentIntentId) {
      if (Date.now() - attempt.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
        await this.closeAttempt(attempt.id, 'FAILED', 'abandoned before the provider answered');
        return { kind: 'closed' };
      }
      const providerCustomer = await this.methods.providerCustomerId(attempt.customerId);
      const resumed = await this.createProviderIntent(attempt, providerCustomer);
      if ('kind' in resumed) return { kind: 'closed' };
      intent = resumed;
    } else {
      intent = await providerCall(() => this.provider.retrieveIntent(attempt.stripePaymentIntentId!));
    }

    if (intent.status === 'SUCCEEDED' || intent.status === 'CANCELED') {
      await this.applyIntent(intent);
      return { kind: 'closed' };
    }
    if (intent.status === 'PROCESSING') return { kind: 'busy' };
    const same = intent.amount === wanted.amount && attempt.paymentMethodId === wanted.paymentMethodId && attempt.savePaymentMethod === wanted.save;
    if (same && OPEN_STATES.has(intent.status) && intent.clientSecret) return { kind: 'reuse', intent: view(intent) };

    try {
      await providerCall(() => this.provider.cancelIntent(intent.id, `cancel-${attempt.id}`));
    } catch (error) {
      // It moved on (e.g. was just confirmed): look again on the next pass.
      if (error instanceof ProviderRejectedError) {
        await this.applyIntent(await providerCall(() => this.provider.retrieveIntent(intent.id)));
        return { kind: 'closed' };
      }
      throw error;
    }
    await this.closeAttempt(attempt.id, 'CANCELED', 'replaced by a new payment intent');
    return { kind: 'closed' };
  }

  private async closeAttempt(id: string, status: 'CANCELED' | 'FAILED', reason: string) {
    // Never reopen or downgrade a succeeded attempt.
    await this.db.paymentAttempt.updateMany({ where: { id, status: { not: 'SUCCEEDED' } }, data: { status, openInvoiceId: null, lastError: reason } });
  }

  /** The client says it finished paying; we ask the provider and record only what it says. */
  async confirmPayment(customer: CustomerPrincipal, paymentIntentId: string, meta: RequestMeta): Promise<ConfirmPaymentResult> {
    const attempt = await this.db.paymentAttempt.findFirst({ where: { stripePaymentIntentId: paymentIntentId, customerId: customer.customerId } });
    if (!attempt || (customer.invoiceId && attempt.invoiceId !== customer.invoiceId)) throw notFound('Payment intent');

    const intent = await providerCall(() => this.provider.retrieveIntent(paymentIntentId));
    const payment = await this.applyIntent(intent);
    switch (intent.status) {
      case 'SUCCEEDED':
        return { kind: 'payment', payment: payment! };
      case 'REQUIRES_ACTION':
        return { kind: 'requires_action', paymentIntentId: intent.id, clientSecret: intent.clientSecret ?? '', nextActionType: intent.nextAction?.type ?? 'use_stripe_sdk', redirectUrl: intent.nextAction?.redirectUrl ?? null };
      case 'PROCESSING':
        return { kind: 'pending', paymentIntentId: intent.id, status: intent.status };
      case 'CANCELED':
        return userError('PAYMENT_CANCELED', 'This payment was canceled. Start a new one.');
      case 'REQUIRES_PAYMENT_METHOD':
        if (intent.lastError) {
          await this.audit.recordFor(customer, meta, { action: 'PAYMENT_FAILED', targetType: 'PaymentAttempt', targetId: attempt.id, details: { code: intent.lastError.code, declineCode: intent.lastError.declineCode } });
          return userError('PAYMENT_DECLINED', intent.lastError.message, { declineCode: intent.lastError.declineCode });
        }
        return userError('PAYMENT_NOT_CONFIRMED', 'The payment has not been confirmed with a card yet.');
      default:
        return userError('PAYMENT_NOT_CONFIRMED', 'The payment has not been confirmed yet.');
    }
  }

  /**
   * Applies the provider's truth about an intent: records the payment once when it succeeded, closes the
   * attempt when it was canceled. Safe to call any number of times, concurrently, in any order.
   */
  async applyIntent(intent: ProviderIntent): Promise<Payment | null> {
    let attempt = await this.db.paymentAttempt.findUnique({ where: { stripePaymentIntentId: intent.id } });
    if (!attempt && intent.metadata.attempt_id) {
      // We crashed between the provider's answer and saving its id: the metadata names our row.
      attempt = await this.db.paymentAttempt.findUnique({ where: { id: intent.metadata.attempt_id } });
      if (attempt && !attempt.stripePaymentIntentId) {
        await this.db.paymentAttempt.updateMany({ where: { id: attempt.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id, status: attempt.status === 'CREATING' ? 'OPEN' : attempt.status } });
      }
    }
    if (!attempt) return null; // not one of ours

    if (intent.status === 'SUCCEEDED') return this.recordPayment(attempt, intent);
    if (intent.status === 'CANCELED') await this.closeAttempt(attempt.id, 'CANCELED', 'canceled at the provider');
    else if (intent.lastError) await this.db.paymentAttempt.updateMany({ where: { id: attempt.id, status: { in: ['CREATING', 'OPEN'] } }, data: { lastError: intent.lastError.code } });
    return null;
  }

  private async recordPayment(attempt: PaymentAttempt, intent: ProviderIntent): Promise<Payment> {
    const existing = await this.db.payment.findUnique({ where: { stripePaymentIntentId: intent.id } });
    if (existing) return existing;
    let result: { payment: Payment; created: boolean };
    try {
      result = await this.db.$transaction(async (tx) => {
        await this.lockInvoice(tx, attempt.invoiceId);
        const again = await tx.payment.findUnique({ where: { stripePaymentIntentId: intent.id } });
        if (again) return { payment: again, created: false };
        const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: attempt.invoiceId } });
        const received = intent.amountReceived || intent.amount;
        const dueNow = amountDue(invoice);
        const payment = await tx.payment.create({
          data: {
            organizationId: invoice.organizationId,
            customerId: invoice.customerId,
            invoiceId: invoice.id,
            stripePaymentIntentId: intent.id,
            amount: received,
            currency: intent.currency,
            // Money beyond what was due is kept and flagged for someone to refund, never dropped.
            overpaidAmount: Math.max(received - dueNow, 0),
            status: 'SUCCEEDED',
            paymentMethodBrand: intent.card?.brand ?? null,
            paymentMethodLast4: intent.card?.last4 ?? null,
          },
        });
        const amountPaid = invoice.amountPaid + received;
        await tx.invoice.update({
          where: { id: invoice.id },
          data: { amountPaid, status: invoice.status === 'OPEN' && amountPaid >= invoice.total ? 'PAID' : invoice.status },
        });
        await tx.paymentAttempt.update({ where: { id: attempt.id }, data: { status: 'SUCCEEDED', openInvoiceId: null, stripePaymentIntentId: intent.id } });
        await this.audit.entry(
          { action: 'PAYMENT_RECORDED', organizationId: invoice.organizationId, actorType: 'SYSTEM', targetType: 'Payment', targetId: payment.id, details: { invoiceId: invoice.id, amount: received, currency: intent.currency, paymentIntentId: intent.id, overpaid: payment.overpaidAmount } },
          tx,
        );
        return { payment, created: true };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another instance recorded it between our check and our insert.
      return this.db.payment.findUniqueOrThrow({ where: { stripePaymentIntentId: intent.id } });
    }
    if (result.created && attempt.savePaymentMethod && intent.paymentMethodId && intent.card) {
      await this.methods.save(attempt.customerId, { id: intent.paymentMethodId, customerId: intent.customerId, ...intent.card }, false);
    }
    return result.payment;
  }

  /** Serializes money changes on one invoice. SQLite already runs one write transaction at a time. */
  private async lockInvoice(tx: DbTransaction, invoiceId: string) {
    if (this.dbProvider === 'postgresql') await tx.$executeRaw`SELECT 1 FROM "Invoice" WHERE id = ${invoiceId} FOR UPDATE`;
  }

  /**
   * A refund lowers the payment's net amount and the invoice's amountPaid. The provider reports the cumulative
   * amount refunded, so duplicated or reordered events only ever move it forward.
   */
  async applyRefund(refund: ProviderRefundState, recoverIntent: (id: string) => Promise<ProviderIntent>): Promise<void> {
    let payment = await this.db.payment.findUnique({ where: { stripePaymentIntentId: refund.paymentIntentId } });
    if (!payment) {
      // The refund arrived before the success: record the payment from the provider's truth first.
      payment = await this.applyIntent(await recoverIntent(refund.paymentIntentId));
      if (!payment) return;
    }
    await this.db.$transaction(async (tx) => {
      await this.lockInvoice(tx, payment!.invoiceId);
      const current = await tx.payment.findUniqueOrThrow({ where: { id: payment!.id } });
      const total = Math.min(refund.amountRefunded, current.amount);
      const delta = total - current.amountRefunded;
      if (delta <= 0) return;
      await tx.payment.update({ where: { id: current.id }, data: { amountRefunded: total, status: total >= current.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED' } });
      await tx.refund.create({ data: { paymentId: current.id, refundKey: `${refund.paymentIntentId}:${total}`, amount: delta, currency: current.currency } });
      await tx.invoice.update({ where: { id: current.invoiceId }, data: { amountPaid: { decrement: delta } } });
      await this.audit.entry({ action: 'REFUND_RECORDED', organizationId: current.organizationId, actorType: 'SYSTEM', targetType: 'Payment', targetId: current.id, details: { amount: delta, totalRefunded: total } }, tx);
    });
  }

  /**
   * Asks the provider for the truth about every attempt that is not settled yet, and applies it.
   * Repairs a crash between the provider's success and our write when no webhook arrives.
   */
  async reconcile(): Promise<{ checked: number; recorded: number; closed: number }> {
    const pending = await this.db.paymentAttempt.findMany({ where: { status: { in: ['CREATING', 'OPEN'] } }, orderBy: { createdAt: 'asc' } });
    let recorded = 0;
    let closed = 0;
    for (const attempt of pending) {
      if (!attempt.stripePaymentIntentId) {
        const outcome = await this.settleOpenAttempt(attempt, { amount: attempt.amount, paymentMethodId: attempt.paymentMethodId, save: attempt.savePaymentMethod });
        if (outcome.kind === 'closed') closed++;
        continue;
      }
      const intent = await providerCall(() => this.provider.retrieveIntent(attempt.stripePaymentIntentId!));
      const before = await this.db.payment.count({ where: { stripePaymentIntentId: intent.id } });
      await this.applyIntent(intent);
      if (intent.status === 'SUCCEEDED' && before === 0) recorded++;
      if (intent.status === 'CANCELED') closed++;
    }
    return { checked: pending.length, recorded, closed };
  }
}

function view(intent: ProviderIntent): IntentView {
  return { id: intent.id, clientSecret: intent.clientSecret ?? '', status: intent.status, amount: intent.amount, currency: intent.currency };
}
