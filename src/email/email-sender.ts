import type { EmailConfig } from '../config/config';
import type { Db, DbProvider } from '../db/database';
import type { OperatorLog } from '../domain/operator-log';
import type { EmailBodyCipher } from './body-cipher';
import { EmailStatus } from './email-outbox';
import { SendFailure, type MailTransport } from './mail-transport';

/** Messages claimed at once, and sent at most this many at a time (the SMTP pool's connections). */
export const SEND_BATCH = 20;
export const SEND_CONCURRENCY = 4;
/** How often FAILED messages past their retention lose their bodies. */
const ERASE_EVERY_MS = 60_000;

interface ClaimedEmail {
  id: string;
  dedupeKey: string;
  recipient: string;
  subject: string;
  body: string | null;
  attempts: number;
  messageId: string;
  createdAt: Date;
  claimedUntil: Date;
  replyTo: string | null;
}

export type SenderSettings = Pick<EmailConfig, 'from' | 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs' | 'claimLeaseMs' | 'pollIntervalMs' | 'failedBodyRetentionDays'>;

/** The wait before try `attempt + 1`: doubling from the base, capped, with full jitter so retries of many spread out. */
export function backoffMs(attempt: number, settings: Pick<SenderSettings, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Delivers the outbox. Each server process runs one: it claims due messages (QUEUED, due, no live claim) under a lease,
 * sends them, and records what happened, each under its own lease so a sender whose lease was taken over writes nothing.
 * - On PostgreSQL the claim is `SELECT … FOR UPDATE SKIP LOCKED` then the lease, in one transaction, so several
 *   instances never claim one message together; on SQLite each row is claimed by a compare-and-set on its lease.
 * - A crash after a message was committed, or while it was being sent, loses nothing: its lease expires and the next
 *   sender (this process restarted, or another) claims it. The Message-ID stays the same, so a receiver can tell a
 *   copy sent twice by a crash at the worst moment.
 * - A temporary failure is retried with exponential backoff and jitter, up to maxAttempts; a permanent one (a 5xx to
 *   the recipient or the message) fails that message at once. Either way the others go on.
 * - The body (encrypted) is erased once SENT, and once a FAILED message is older than its retention.
 */
export class EmailSender {
  private running: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private lastErase = 0;

  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly cipher: EmailBodyCipher,
    private readonly transport: MailTransport,
    private readonly settings: SenderSettings,
    private readonly log: OperatorLog,
  ) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Looks for due messages now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Stops claiming, finishes the messages being sent (bounded by the SMTP timeouts), gives back the others. The
   * transport stays open: start() again resumes (the runtime closes it at shutdown).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = null;
  }

  /** One round: claims what is due and sends it. Returns how many messages it handled. */
  async runOnce(now = new Date()): Promise<number> {
    await this.eraseExpiredBodies(now);
    const claimed = await this.claim(now);
    if (!claimed.length) return 0;
    const queue = [...claimed];
    const worker = async () => {
      for (let email = queue.shift(); email; email = queue.shift()) {
        if (this.stopping) await this.release(email);
        else await this.deliver(email);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, claimed.length) }, worker));
    return claimed.length;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (err) {
        this.log.error({ err }, 'email sender round failed; retrying at the next poll');
      }
      if (handled > 0 || this.stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.settings.pollIntervalMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private async claim(now: Date): Promise<ClaimedEmail[]> {
    const claimedUntil = new Date(now.getTime() + this.settings.claimLeaseMs);
    const due = { status: EmailStatus.QUEUED, nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }] };
    let ids: string[];
    if (this.dbProvider === 'postgresql') {
      ids = await this.db.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "EmailMessage"
          WHERE "status" = 'QUEUED' AND "nextAttemptAt" <= ${now} AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${now})
          ORDER BY "nextAttemptAt" LIMIT ${SEND_BATCH}
          FOR UPDATE SKIP LOCKED`;
        const locked = rows.map((row) => row.id);
        if (locked.length) await tx.emailMessage.updateMany({ where: { id: { in: locked } }, data: { claimedUntil, attempts: { increment: 1 } } });
        return locked;
      });
    } else {
      const candidates = await this.db.emailMessage.findMany({ where: due, orderBy: { nextAttemptAt: 'asc' }, take: SEND_BATCH, select: { id: true } });
      ids = [];
      for (const { id } of candidates) {
        const won = await this.db.emailMessage.updateMany({ where: { id, ...due }, data: { claimedUntil, attempts: { increment: 1 } } });
        if (won.count === 1) ids.push(id);
      }
    }
    if (!ids.length) return [];
    const rows = await this.db.emailMessage.findMany({ where: { id: { in: ids } }, include: { organization: { select: { supportEmail: true } } } });
    return rows
      .filter((row) => row.claimedUntil?.getTime() === claimedUntil.getTime())
      .map((row) => ({
        id: row.id,
        dedupeKey: row.dedupeKey,
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        attempts: row.attempts,
        messageId: row.messageId,
        createdAt: row.createdAt,
        claimedUntil,
        replyTo: row.organization.supportEmail,
      }));
  }

  private async deliver(email: ClaimedEmail): Promise<void> {
    let body;
    try {
      if (!email.body) throw new Error('its body is gone');
      body = this.cipher.open(email.body, email.dedupeKey);
    } catch (err) {
      // Another key than the one it was sealed with (EMAIL_ENCRYPTION_KEY changed): retrying cannot help.
      this.log.error({ emailId: email.id, err: (err as Error).message }, 'email not sent: its body cannot be read');
      return this.finish(email, { status: EmailStatus.FAILED, lastError: 'The message body cannot be decrypted (EMAIL_ENCRYPTION_KEY changed?).', failedAt: new Date() });
    }
    try {
      await this.transport.send({
        from: this.settings.from,
        to: email.recipient,
        replyTo: email.replyTo,
        subject: email.subject,
        text: body.text,
        html: body.html,
        messageId: email.messageId,
        date: email.createdAt,
      });
    } catch (error) {
      const failure = error instanceof SendFailure ? error : new SendFailure(String((error as Error)?.message ?? error), false);
      if (failure.permanent || email.attempts >= this.settings.maxAttempts) {
        this.log.warn({ emailId: email.id, attempts: email.attempts, permanent: failure.permanent, error: failure.message }, 'email failed for good');
        return this.finish(email, { status: EmailStatus.FAILED, lastError: failure.message, failedAt: new Date() });
      }
      const retryInMs = backoffMs(email.attempts, this.settings);
      this.log.warn({ emailId: email.id, attempts: email.attempts, retryInMs, error: failure.message }, 'email not sent; will retry');
      return this.finish(email, { status: EmailStatus.QUEUED, lastError: failure.message, nextAttemptAt: new Date(Date.now() + retryInMs) });
    }
    await this.finish(email, { status: EmailStatus.SENT, sentAt: new Date(), body: null, lastError: null });
  }

  /** Records the outcome under this sender's lease; a lease another sender took over means this one writes nothing. */
  private async finish(
    email: ClaimedEmail,
    data: { status: string; lastError: string | null; sentAt?: Date; failedAt?: Date; nextAttemptAt?: Date; body?: null },
  ): Promise<void> {
    const written = await this.db.emailMessage.updateMany({ where: { id: email.id, claimedUntil: email.claimedUntil }, data: { ...data, claimedUntil: null } });
    if (written.count === 0) this.log.warn({ emailId: email.id }, 'email outcome not written: its claim had expired and was taken over');
  }

  /** A claimed message not started when the sender stops: given back, its try not counted. */
  private async release(email: ClaimedEmail): Promise<void> {
    await this.db.emailMessage.updateMany({ where: { id: email.id, claimedUntil: email.claimedUntil }, data: { claimedUntil: null, attempts: { decrement: 1 } } });
  }

  private async eraseExpiredBodies(now: Date): Promise<void> {
    if (now.getTime() - this.lastErase < ERASE_EVERY_MS) return;
    this.lastErase = now.getTime();
    const before = new Date(now.getTime() - this.settings.failedBodyRetentionDays * 86_400_000);
    await this.db.emailMessage.updateMany({ where: { status: EmailStatus.FAILED, body: { not: null }, failedAt: { lte: before } }, data: { body: null } });
  }
}
