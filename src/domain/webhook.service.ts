import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/db-errors';
import { ProviderRejectedError, UnreadableWebhookError, type PaymentProvider, type ProviderEvent } from '../payments/payment-provider.port';
import type { PaymentMethodService } from './payment-method.service';
import type { PaymentSettlementService } from './payments/payment-settlement.service';
import { providerCall } from './provider-call';

/** `rejected`: signed, but not something we can understand or ever apply (see reject); kept, never retried. */
export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored' | 'rejected';

/** What is known of an event we could not read: as much of its envelope as the body had. */
export interface UnreadableEvent {
  id: string | null;
  type: string | null;
  created: Date | null;
}

/**
 * Provider events. Each is stored before it is processed (its id is unique, so a redelivery is a no-op once
 * processed), and processing only applies monotonic changes, so duplicates and reordering are harmless.
 */
export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
    private readonly settlement: PaymentSettlementService,
    private readonly cards: PaymentMethodService,
  ) {}

  async handle(event: ProviderEvent): Promise<WebhookOutcome> {
    try {
      await this.db.webhookEvent.create({ data: { id: event.id, type: event.type, payload: JSON.stringify(withoutSecrets(event)), providerCreatedAt: event.created } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const seen = await this.db.webhookEvent.findUnique({ where: { id: event.id } });
      if (seen?.processedAt) return 'duplicate';
      // Stored but not processed (a crash, or a concurrent delivery): processing again is safe.
    }
    try {
      await this.process(event);
      await this.db.webhookEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    } catch (error) {
      // An event that can never be applied (its body does not hold together, or the provider refuses what it names)
      // is closed as rejected: retrying it for days would change nothing.
      if (error instanceof UnreadableWebhookError || error instanceof ProviderRejectedError) {
        await this.db.webhookEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: rejection(error.message) } });
        return 'rejected';
      }
      await this.db.webhookEvent.update({ where: { id: event.id }, data: { attempts: { increment: 1 }, lastError: (error as Error).message.slice(0, 500) } });
      throw error; // a non-2xx answer makes the provider deliver it again
    }
    return event.kind === 'ignored' ? 'ignored' : 'processed';
  }

  private async process(event: ProviderEvent): Promise<void> {
    switch (event.kind) {
      case 'intent': {
        // A snapshot may be stale (events arrive out of order). Success and cancellation are final, so a
        // snapshot of either is the truth; for the rest, nothing about money changes.
        // Snapshots name the card by id only. Whoever records the payment first fixes its card details and
        // whether the card is saved, so a success is recorded from the full intent, as confirmPayment does.
        const { intent } = event;
        const full = intent.status === 'SUCCEEDED' && !intent.card && intent.paymentMethodId ? await providerCall(() => this.provider.retrieveIntent(intent.id)) : intent;
        await this.settlement.applyIntent(full);
        return;
      }
      case 'refund':
        await this.settlement.applyRefund(event.refund, (id) => providerCall(() => this.provider.retrieveIntent(id)));
        return;
      case 'refund_changed':
        await this.settlement.applyRefundChange(event.refund, (id) => providerCall(() => this.provider.retrieveIntent(id)));
        return;
      case 'dispute':
        await this.settlement.applyDispute(event.dispute, (id) => providerCall(() => this.provider.retrieveIntent(id)));
        return;
      case 'card_detached':
        await this.cards.forgetDetached(event.card);
        return;
      case 'card_updated':
        await this.cards.refreshCard(event.card);
        return;
      case 'setup_succeeded':
        await this.cards.saveFromSetup(event.setup);
        return;
      case 'ignored':
        return;
    }
  }

  /**
   * Keeps a signed event whose body we could not understand, as rejected (processed, with `lastError` saying why), so
   * an operator finds it and `payments reconcile` does not retry it. An event without an id cannot be kept.
   * Safe to call again for a redelivery.
   */
  async reject(event: UnreadableEvent, reason: string, payload: string | null): Promise<void> {
    if (!event.id) return;
    const now = new Date();
    try {
      await this.db.webhookEvent.create({
        data: { id: event.id, type: event.type ?? 'unknown', payload: payload ?? '', providerCreatedAt: event.created ?? now, processedAt: now, attempts: 1, lastError: rejection(reason) },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.db.webhookEvent.updateMany({ where: { id: event.id, processedAt: null }, data: { processedAt: now, attempts: { increment: 1 }, lastError: rejection(reason) } });
    }
  }

  /** Events stored but never processed (e.g. the process died mid-way), for `payments reconcile`. */
  async reprocessStuck(): Promise<number> {
    const stuck = await this.db.webhookEvent.findMany({ where: { processedAt: null }, orderBy: { receivedAt: 'asc' }, take: 500 });
    for (const row of stuck) {
      const event = JSON.parse(row.payload) as ProviderEvent;
      await this.handle({ ...event, created: new Date(event.created) });
    }
    return stuck.length;
  }
}

/** Client secrets are bearer credentials for a payment; they are not kept. */
function withoutSecrets(event: ProviderEvent): ProviderEvent {
  if (event.kind === 'setup_succeeded') return { ...event, setup: { ...event.setup, clientSecret: null } };
  return event.kind === 'intent' ? { ...event, intent: { ...event.intent, clientSecret: null } } : event;
}

/** How a rejected event's lastError reads: marked, so rejected events are told apart from ones still failing. */
function rejection(reason: string): string {
  return `rejected: ${reason}`.slice(0, 500);
}
