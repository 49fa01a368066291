import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/db-errors';
import type { PaymentProvider, ProviderEvent } from '../payments/payment-provider.port';
import type { PaymentMethodService } from './payment-method.service';
import type { PaymentSettlementService } from './payments/payment-settlement.service';
import { providerCall } from './provider-call';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

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
      case 'card_detached':
        await this.cards.forget(event.card.id);
        return;
      case 'card_updated':
        await this.cards.updateCard(event.card);
        return;
      case 'ignored':
        return;
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
  return event.kind === 'intent' ? { ...event, intent: { ...event.intent, clientSecret: null } } : event;
}
