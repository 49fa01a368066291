import { randomUUID } from 'node:crypto';
import type { EmailConfig } from '../config/config';
import type { DbProvider, DbTransaction } from '../db/database';
import { EmailBodyCipher } from './body-cipher';
import type { RenderedEmail } from './templates/layout';

/** What a message is. */
export const EmailKind = {
  PAYMENT_LINK: 'PAYMENT_LINK',
  RECEIPT: 'RECEIPT',
  REFUND_NOTICE: 'REFUND_NOTICE',
  REMINDER: 'REMINDER',
  FRESH_LINK: 'FRESH_LINK',
} as const;
export type EmailKind = (typeof EmailKind)[keyof typeof EmailKind];

export const EmailStatus = { QUEUED: 'QUEUED', SENT: 'SENT', FAILED: 'FAILED' } as const;
export type EmailStatus = (typeof EmailStatus)[keyof typeof EmailStatus];

export interface EmailEntry {
  organizationId: string;
  customerId: string;
  kind: EmailKind;
  /**
   * What the message is about, once: a second entry with the same key is not queued. `receipt:<paymentId>`,
   * `refund:<refundId>`, `payment-link:<tokenId>`, `reminder:<tokenId>`, `fresh-link:<tokenId>`.
   */
  dedupeKey: string;
  /** The customer's address (the caller checked there is one). */
  to: string;
  /** The tag it was rendered in (EmailLocale.tag). */
  locale: string;
  rendered: RenderedEmail;
}

/** `id` is null when email is off (production without SMTP_URL): nothing was queued. */
export type EnqueueResult = { id: string; created: boolean } | { id: null; created: false };

/**
 * The outbox's writing side: queues a message inside the caller's transaction, so it exists exactly when what it
 * reports was committed (the link issued, the payment recorded) and never otherwise. The sender (email-sender.ts)
 * delivers it later, off the request's path.
 */
export class EmailOutbox {
  readonly cipher: EmailBodyCipher;

  constructor(
    private readonly config: Pick<EmailConfig, 'mode' | 'from' | 'encryptionKey'>,
    private readonly dbProvider: DbProvider,
  ) {
    this.cipher = new EmailBodyCipher(config.encryptionKey);
  }

  /** False in production without SMTP_URL: nothing is queued, and admin requests for an email are refused. */
  get enabled(): boolean {
    return this.config.mode !== 'off';
  }

  /**
   * Queues a message in `tx`, once per dedupe key: a key already queued (or sent) returns `created: false` and writes
   * nothing, without failing the caller's transaction. On PostgreSQL a transaction-scoped advisory lock on the key
   * makes a concurrent enqueuer of the same key wait for this one to commit, then see its row; SQLite writes one
   * transaction at a time.
   */
  async enqueue(tx: DbTransaction, entry: EmailEntry): Promise<EnqueueResult> {
    if (!this.enabled) return { id: null, created: false };
    if (this.dbProvider === 'postgresql') {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', `email:${entry.dedupeKey}`);
    }
    return this.insertOnce(tx, entry);
  }

  /**
   * The same, for a caller that already serializes every writer of this key (a receipt or refund notice, queued under
   * the invoice's row lock with the payment or refund it reports): no advisory lock, one round trip fewer inside a
   * transaction that holds that lock.
   */
  async enqueueSerialized(tx: DbTransaction, entry: EmailEntry): Promise<EnqueueResult> {
    if (!this.enabled) return { id: null, created: false };
    return this.insertOnce(tx, entry);
  }

  private async insertOnce(tx: DbTransaction, entry: EmailEntry): Promise<EnqueueResult> {
    const existing = await tx.emailMessage.findUnique({ where: { dedupeKey: entry.dedupeKey }, select: { id: true } });
    if (existing) return { id: existing.id, created: false };
    const id = randomUUID();
    await tx.emailMessage.create({
      data: {
        id,
        organizationId: entry.organizationId,
        customerId: entry.customerId,
        kind: entry.kind,
        dedupeKey: entry.dedupeKey,
        recipient: entry.to,
        locale: entry.locale,
        subject: entry.rendered.subject,
        body: this.cipher.seal({ text: entry.rendered.text, html: entry.rendered.html }, entry.dedupeKey),
        status: EmailStatus.QUEUED,
        messageId: `<${id}@${this.messageIdDomain()}>`,
      },
    });
    return { id, created: true };
  }

  /** The domain of EMAIL_FROM, so Message-IDs are ours. */
  private messageIdDomain(): string {
    return this.config.from.address.split('@')[1] ?? 'localhost';
  }
}
