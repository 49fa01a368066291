import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/db-errors';
import type { Invoice, PaymentAttempt } from '../../db/generated/sqlite/client';
import type { PaymentProvider, ProviderIntent, ProviderIntentStatus } from '../../payments/payment-provider.port';
import type { AuditLogService } from '../audit-log.service';
import { notFound } from '../errors';
import { normalizeCurrency } from '../money';
import { scopedInvoiceId } from '../payment-portal.service';
import type { CustomerPrincipal, RequestMeta } from '../principal';
import { providerCall } from '../provider-call';
import { userError } from '../user-errors';
import { amountDue, paymentView, type IntentView } from '../views';
import { amountRefusal } from './payable-amounts';
import type { PaymentAttempts } from './payment-attempts';
import type { ConfirmationOutcome, PaymentIntentOutcome, PaymentIntentRequest } from './payment-results';
import type { PaymentSettlementService } from './payment-settlement.service';

const OPEN_STATES = new Set<ProviderIntentStatus>(['REQUIRES_PAYMENT_METHOD', 'REQUIRES_CONFIRMATION', 'REQUIRES_ACTION']);

/** What a new attempt would ask the provider for; an open attempt asking the same is reused rather than replaced. */
interface Wanted {
  amount: number;
  /** The provider's id of the saved card to preselect. */
  paymentMethodId: string | null;
  save: boolean;
}

/**
 * The customer's use cases for paying: start paying an invoice, and confirm once the browser says it is done.
 * Rules it keeps:
 * - the amount is checked against what is due and the provider's minimum and maximum before anything is written,
 *   and never leaves a remainder the provider could not charge (payable-amounts.ts);
 * - at most one open attempt per invoice (unique `openInvoiceId`), so there is never more than one payable intent;
 * - only the provider's own word records money (through settlement): the browser's claim is never trusted.
 * It reads and writes through Prisma only, never the page views' read model, so what it checks is what it writes.
 */
export class PaymentCheckoutService {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly attempts: PaymentAttempts,
    private readonly settlement: PaymentSettlementService,
    private readonly audit: AuditLogService,
  ) {}

  async createPaymentIntent(customer: CustomerPrincipal, request: PaymentIntentRequest, meta: RequestMeta): Promise<PaymentIntentOutcome> {
    const method = request.paymentMethodId
      ? await this.db.paymentMethod.findFirst({ where: { id: request.paymentMethodId, customerId: customer.customerId } })
      : null;
    if (request.paymentMethodId && !method) return userError('PAYMENT_METHOD_NOT_FOUND', 'Payment method not found.');
    // The provider is asked to keep a card (setup_future_usage) only for a new card the customer asked to save: a
    // saved card is kept already, and nothing else is ever saved.
    const preselected = { paymentMethodId: method?.providerPaymentMethodId ?? null, save: !!request.savePaymentMethod && !method };

    // Each pass may close a stale attempt (and record a payment it finds), which changes what is due: re-check.
    for (let pass = 0; pass < 4; pass++) {
      const invoice = await this.invoiceFor(customer, request.invoiceId);
      const due = amountDue(invoice);
      if (due <= 0) {
        return userError('INVOICE_NOT_PAYABLE', `Invoice ${invoice.number} is ${invoice.status === 'OPEN' ? 'already paid' : invoice.status.toLowerCase()}.`, { invoiceStatus: invoice.status });
      }
      if (request.currency != null && normalizeCurrency(request.currency) !== invoice.currency) {
        return userError('CURRENCY_MISMATCH', `The invoice is in ${invoice.currency.toUpperCase()}.`, { expectedCurrency: invoice.currency });
      }
      const amount = request.amount ?? due;
      const refusal = amountRefusal(amount, due, invoice.currency, this.provider.rules);
      if (refusal) return refusal;
      const wanted: Wanted = { amount, ...preselected };

      const open = await this.db.paymentAttempt.findUnique({ where: { openInvoiceId: invoice.id } });
      if (open) {
        const outcome = await this.resolveOpenAttempt(open, wanted);
        if (outcome.kind === 'reuse') return { kind: 'intent', intent: intentView(outcome.intent) };
        if (outcome.kind === 'busy') return userError('PAYMENT_IN_PROGRESS', 'A payment for this invoice is being processed. Check back shortly.');
        continue;
      }

      let attempt: PaymentAttempt;
      try {
        // Committed before the provider is called: a crash from here on leaves a row that names the idempotency key.
        attempt = await this.db.paymentAttempt.create({
          data: {
            invoiceId: invoice.id,
            customerId: customer.customerId,
            openInvoiceId: invoice.id,
            amount,
            currency: invoice.currency,
            paymentMethodId: wanted.paymentMethodId,
            savePaymentMethod: wanted.save,
            status: 'CREATING',
          },
        });
      } catch (error) {
        if (isUniqueViolation(error)) continue; // a concurrent request opened one first: reuse or replace it
        throw error;
      }
      const opened = await this.attempts.open(attempt, meta.requestId);
      if (opened.kind === 'closed') continue; // its key was spent (see PaymentAttempts): the next pass starts another
      if (opened.kind === 'error') return opened;
      const { intent } = opened;
      await this.audit.recordFor(customer, meta, {
        action: 'PAYMENT_INTENT_CREATED',
        targetType: 'PaymentAttempt',
        targetId: attempt.id,
        details: { invoiceId: invoice.id, amount, currency: invoice.currency, paymentIntentId: intent.id },
      });
      return { kind: 'intent', intent: intentView(intent) };
    }
    return userError('PAYMENT_IN_PROGRESS', 'The invoice is changing; please try again.');
  }

  /** The client says it finished paying; we ask the provider and record only what it says. */
  async confirmPayment(customer: CustomerPrincipal, paymentIntentId: string, meta: RequestMeta): Promise<ConfirmationOutcome> {
    const attempt = await this.db.paymentAttempt.findFirst({ where: { providerIntentId: paymentIntentId, customerId: customer.customerId } });
    if (!attempt || (customer.invoiceId && attempt.invoiceId !== customer.invoiceId)) throw notFound('Payment intent');

    const intent = await providerCall(() => this.provider.retrieveIntent(paymentIntentId));
    const payment = await this.settlement.applyIntent(intent);
    switch (intent.status) {
      case 'SUCCEEDED':
        return { kind: 'payment', payment: paymentView(payment!) };
      case 'REQUIRES_ACTION':
        return {
          kind: 'requires_action',
          paymentIntentId: intent.id,
          clientSecret: intent.clientSecret ?? '',
          nextActionType: intent.nextAction?.type ?? 'authenticate',
          redirectUrl: intent.nextAction?.redirectUrl ?? null,
        };
      case 'PROCESSING':
        return { kind: 'pending', paymentIntentId: intent.id, status: intent.status };
      case 'CANCELED':
        return userError('PAYMENT_CANCELED', 'This payment was canceled. Start a new one.');
      case 'REQUIRES_PAYMENT_METHOD':
        if (intent.lastError) {
          await this.audit.recordFor(customer, meta, {
            action: 'PAYMENT_FAILED',
            targetType: 'PaymentAttempt',
            targetId: attempt.id,
            details: { code: intent.lastError.code, declineCode: intent.lastError.declineCode },
          });
          return userError('PAYMENT_DECLINED', intent.lastError.message, { declineCode: intent.lastError.declineCode });
        }
        return userError('PAYMENT_NOT_CONFIRMED', 'The payment has not been confirmed with a card yet.');
      default:
        return userError('PAYMENT_NOT_CONFIRMED', 'The payment has not been confirmed yet.');
    }
  }

  /** The invoice a payment is for, under the same scoping as the page (see scopedInvoiceId). */
  private async invoiceFor(customer: CustomerPrincipal, id: string | null | undefined): Promise<Invoice> {
    const wanted = scopedInvoiceId(customer, id);
    const invoice = wanted
      ? await this.db.invoice.findFirst({ where: { id: wanted, customerId: customer.customerId } })
      : await this.db.invoice.findFirst({ where: { customerId: customer.customerId, status: 'OPEN' }, orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }] });
    if (!invoice) throw notFound('Invoice');
    return invoice;
  }

  /**
   * Decides what to do with the invoice's open attempt before another is made: reuse it when it asks for the
   * same payment, otherwise cancel it (recording it instead if it already succeeded).
   */
  private async resolveOpenAttempt(attempt: PaymentAttempt, wanted: Wanted): Promise<{ kind: 'reuse'; intent: ProviderIntent } | { kind: 'closed' } | { kind: 'busy' }> {
    const intent = await this.attempts.current(attempt);
    if (!intent) return { kind: 'closed' };
    if (intent.status === 'SUCCEEDED' || intent.status === 'CANCELED') {
      await this.settlement.applyIntent(intent);
      return { kind: 'closed' };
    }
    if (intent.status === 'PROCESSING') return { kind: 'busy' };
    const same = intent.amount === wanted.amount && attempt.paymentMethodId === wanted.paymentMethodId && attempt.savePaymentMethod === wanted.save;
    if (same && OPEN_STATES.has(intent.status) && intent.clientSecret) return { kind: 'reuse', intent };
    if (!(await this.attempts.cancel(attempt, intent))) {
      // It moved on (e.g. was just confirmed): record what it became; the next pass looks again.
      await this.settlement.applyIntent(await providerCall(() => this.provider.retrieveIntent(intent.id)));
    }
    return { kind: 'closed' };
  }
}

function intentView(intent: ProviderIntent): IntentView {
  return { id: intent.id, clientSecret: intent.clientSecret ?? '', status: intent.status, amount: { amount: intent.amount, currency: intent.currency } };
}
