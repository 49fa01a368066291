import type { EmailConfig } from '../config/config';
import type { Db, DbProvider } from '../db/database';
import type { OperatorLog } from '../domain/operator-log';
import { EmailKind } from './email-outbox';
import type { LinkReissuer } from './link-reissue';
import { renderReminderEmail } from './templates/reminder.template';

const DAY_MS = 86_400_000;
/** Links read per query while looking for ones to remind about. */
const PAGE = 200;
/** How long one instance may hold the reminders' lock (PostgreSQL) for a run. */
const RUN_TIMEOUT_MS = 30 * 60_000;

export interface ReminderRun {
  /** Reminders queued by this run. */
  queued: number;
  /** Links looked at and left alone: reminded already, paid, no email, issued by a reminder, or a failure (logged). */
  skipped: number;
}

/**
 * One reminder per emailed link, before it expires unpaid. A link qualifies while it was emailed (`emailedAt`), is
 * neither revoked nor expired, expires within EMAIL_REMINDER_DAYS_BEFORE_EXPIRY days, and something is owed on it (its
 * invoice, or for an account-wide link the customer's open balance). The old token is never stored in clear, so the
 * reminder carries a new link (see LinkReissuer); the old one keeps working until it expires.
 *
 * No endless chain: a link issued by a reminder (one issued before the link it replaces expired) is not reminded
 * about. A link issued because its holder asked for a fresh one after expiry is, like any emailed link.
 *
 * Exactly once, on any number of instances: the message's dedupe key `reminder:<paymentTokenId>` is unique, and a
 * reminder whose key exists already rolls back with the token it issued. Work is not doubled either: on PostgreSQL one
 * instance runs at a time (a transaction-scoped advisory lock; another waits its turn), and a run skips links
 * reminded already before hashing a new secret for them. Waiting rather than skipping means a run that returns has
 * scanned after it was called: one skipped because another held the lock could miss a link that became due meanwhile.
 */
export class LinkReminders {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly reissuer: LinkReissuer,
    private readonly config: Pick<EmailConfig, 'reminderDaysBeforeExpiry'>,
    private readonly log?: OperatorLog,
  ) {}

  async runOnce(now = new Date()): Promise<ReminderRun> {
    if (!this.reissuer.enabled) return { queued: 0, skipped: 0 };
    if (this.dbProvider !== 'postgresql') return this.scan(now);
    // One instance scans at a time; another waits for the lock, then finds the work done (links reminded already are
    // skipped cheaply). The lock lives as long as this transaction, whose connection does nothing else: the reminders
    // commit on their own.
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('payment-link-reminders', 0))`;
        return this.scan(now);
      },
      { maxWait: 5_000, timeout: RUN_TIMEOUT_MS },
    );
  }

  private async scan(now: Date): Promise<ReminderRun> {
    const run: ReminderRun = { queued: 0, skipped: 0 };
    const horizon = new Date(now.getTime() + this.config.reminderDaysBeforeExpiry * DAY_MS);
    let after: string | undefined;
    for (;;) {
      const links = await this.db.customerPaymentToken.findMany({
        where: { emailedAt: { not: null }, revokedAt: null, expiresAt: { gt: now, lte: horizon } },
        orderBy: { id: 'asc' },
        take: PAGE,
        ...(after && { cursor: { id: after }, skip: 1 }),
      });
      if (!links.length) break;
      after = links[links.length - 1].id;
      const due = await this.dueForReminder(links);
      run.skipped += links.length - due.length;
      for (const link of due) {
        try {
          const outcome = await this.reissuer.reissue(
            {
              old: link,
              kind: EmailKind.REMINDER,
              dedupeKey: reminderKey(link.id),
              render: renderReminderEmail,
              requireOpenBalance: true,
              stillWanted: async (tx, at) => {
                const current = await tx.customerPaymentToken.findUnique({ where: { id: link.id }, select: { revokedAt: true, expiresAt: true } });
                return !current || current.revokedAt || current.expiresAt <= at ? 'NO_LONGER_VALID' : null;
              },
              audit: { actorType: 'SYSTEM', actorId: null, ip: null, reason: 'REMINDER' },
            },
            now,
          );
          if (outcome.sent) run.queued++;
          else run.skipped++;
        } catch (error) {
          // One link's failure (a database hiccup) must not keep the others from their reminders; the next run retries it.
          run.skipped++;
          this.log?.error({ err: error, paymentTokenId: link.id }, 'reminder not queued; the next run tries again');
        }
      }
      if (links.length < PAGE) break;
    }
    return run;
  }

  /** The links of a page not reminded about yet and not issued by a reminder themselves. */
  private async dueForReminder<T extends { id: string; reissuedFromId: string | null; createdAt: Date }>(links: T[]): Promise<T[]> {
    const reminded = new Set(
      (await this.db.emailMessage.findMany({ where: { dedupeKey: { in: links.map((link) => reminderKey(link.id)) } }, select: { dedupeKey: true } })).map(
        (message) => message.dedupeKey,
      ),
    );
    const predecessorIds = [...new Set(links.flatMap((link) => (link.reissuedFromId ? [link.reissuedFromId] : [])))];
    const predecessors = new Map(
      (await this.db.customerPaymentToken.findMany({ where: { id: { in: predecessorIds } }, select: { id: true, expiresAt: true } })).map((p) => [p.id, p.expiresAt]),
    );
    const issuedByReminder = (link: T) => {
      const replacedExpiry = link.reissuedFromId ? predecessors.get(link.reissuedFromId) : undefined;
      return !!replacedExpiry && link.createdAt < replacedExpiry;
    };
    return links.filter((link) => !reminded.has(reminderKey(link.id)) && !issuedByReminder(link));
  }
}

export const reminderKey = (paymentTokenId: string) => `reminder:${paymentTokenId}`;

/**
 * Runs the reminders every EMAIL_REMINDER_INTERVAL_MS in the server process, one run at a time: the next is scheduled
 * when the last has finished, so a slow run never overlaps itself. stop() (SIGTERM) cancels the next run and waits for
 * the one in progress, whose reminders are each one transaction, committed or not.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly reminders: Pick<LinkReminders, 'runOnce'>,
    private readonly intervalMs: number,
    private readonly log: OperatorLog & { info?(details: Record<string, unknown>, message: string): void },
  ) {}

  /** The first run comes one interval after start (not at once: start-up has enough to do). */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => {
        this.current = undefined;
        this.schedule();
      });
    }, this.intervalMs);
    // The scheduler alone never keeps the process alive.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const run = await this.reminders.runOnce();
      if (run.queued) this.log.info?.({ ...run }, 'payment link reminders queued');
    } catch (error) {
      this.log.error({ err: error }, 'reminder run failed; the next run tries again');
    }
  }
}
