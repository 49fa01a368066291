import type { WebhookService } from '../webhook.service';
import type { PaymentAttempts } from './payment-attempts';
import type { PaymentSettlementService } from './payment-settlement.service';

export interface ReconciliationReport {
  /** Unsettled attempts asked about. */
  checked: number;
  /** Payments recorded that had not been. */
  recorded: number;
  /** Attempts closed (canceled at the provider, refused, or too old to resume). */
  closed: number;
  /** Stored webhook events that had never finished processing, processed again. */
  webhookEventsReprocessed: number;
}

/**
 * The operator's repair (`npm run cli -- payments reconcile`): asks the provider for the truth about every attempt
 * that is not settled and applies it, then finishes webhook events that were stored but never processed. It repairs a
 * crash between the provider's success and our write when no webhook arrives. Safe to run at any time, repeatedly,
 * beside live instances: everything it applies goes through settlement's exactly-once rules.
 */
export class PaymentReconciliationService {
  constructor(
    private readonly attempts: PaymentAttempts,
    private readonly settlement: PaymentSettlementService,
    private readonly webhooks: WebhookService,
  ) {}

  async reconcile(): Promise<ReconciliationReport> {
    const pending = await this.attempts.unsettled();
    let recorded = 0;
    let closed = 0;
    for (const attempt of pending) {
      const intent = await this.attempts.current(attempt);
      if (!intent) {
        closed++;
        continue;
      }
      const before = intent.status === 'SUCCEEDED' && (await this.settlement.isRecorded(intent.id));
      await this.settlement.applyIntent(intent);
      if (intent.status === 'SUCCEEDED' && !before) recorded++;
      if (intent.status === 'CANCELED') closed++;
    }
    const webhookEventsReprocessed = await this.webhooks.reprocessStuck();
    return { checked: pending.length, recorded, closed, webhookEventsReprocessed };
  }
}
