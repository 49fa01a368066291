import type { Config } from '../config/config';
import type { Db, DbProvider, DbTransaction } from '../db/database';
import { auditRow, type AuditEntry } from '../domain/audit-log.service';
import { paymentLinkUrl } from '../domain/payment-token.service';
import { issueSecret } from '../domain/secret-token';
import type { CustomerEmails } from './customer-emails';
import type { EmailKind } from './email-outbox';
import type { RenderedEmail } from './templates/layout';
import type { PaymentLinkEmail } from './templates/payment-link.template';

/** The link a new one replaces. */
export interface OldLink {
  id: string;
  organizationId: string;
  customerId: string;
  invoiceId: string | null;
  expiresAt: Date;
}

/** What a message carrying a new link is written from. */
/** A payment link email whose link (`url`, `expiresAt`) is new and replaces another. */
export interface ReissuedLinkEmail extends PaymentLinkEmail {
  /** When the link it replaces expires (or expired). */
  oldExpiresAt: Date;
}

export interface ReissueRequest {
  old: OldLink;
  kind: typeof EmailKind.REMINDER | typeof EmailKind.FRESH_LINK;
  dedupeKey: string;
  render(email: ReissuedLinkEmail): RenderedEmail;
  /** Send nothing for an account-wide link with no open balance (a reminder has nothing to remind of). */
  requireOpenBalance?: boolean;
  /** Checked inside the transaction, with the old link's row locked: a reason to send nothing, or null to go on. */
  stillWanted(tx: DbTransaction, now: Date): Promise<string | null>;
  /** Who asked, for the audit row. */
  audit: Pick<AuditEntry, 'actorType' | 'actorId' | 'ip'> & { reason: string };
}

/** What became of a request: a new link emailed, or why nothing was sent. */
export type ReissueOutcome =
  | { sent: true; tokenId: string; messageId: string }
  | { sent: false; reason: 'EMAIL_OFF' | 'NO_EMAIL' | 'NOTHING_OWED' | 'ALREADY_QUEUED' | string };

/** Thrown inside the transaction to roll it back (the new token with it) when the message was queued already. */
class AlreadyQueued extends Error {}

/**
 * Issues a new payment link in place of an old one and queues the email that carries it, in one transaction: the new
 * token (`reissuedFromId` the old one, `emailedAt` set) exists exactly when its message is in the outbox. Used by the
 * reminders and by a customer's request for a fresh link. The old link is left as it is: it keeps working until it
 * expires. The secret is made (argon2) before the transaction, so no lock is held while it hashes.
 *
 * The new link has the same scope as the old one: the same customer and, for a link bound to one invoice, that invoice,
 * only while something is owed on it. An account-wide link is not widened from a bound one, whatever happened.
 */
export class LinkReissuer {
  constructor(
    private readonly db: Db,
    private readonly dbProvider: DbProvider,
    private readonly emails: CustomerEmails,
    private readonly config: Pick<Config, 'argon2' | 'paymentTokenLifetimeDays' | 'portalBaseUrl'>,
  ) {}

  get enabled(): boolean {
    return this.emails.outbox.enabled;
  }

  async reissue(request: ReissueRequest, now = new Date()): Promise<ReissueOutcome> {
    if (!this.emails.outbox.enabled) return { sent: false, reason: 'EMAIL_OFF' };
    const { old } = request;
    const audience = await this.emails.audience(this.db, old.customerId);
    if (!audience.to) return { sent: false, reason: 'NO_EMAIL' };
    const owed = await this.emails.owed(this.db, old.customerId, old.invoiceId);
    // A bound invoice paid or void has nothing to pay (and its link is never widened to the account); an account-wide
    // link with nothing open still shows history and cards, but has nothing to remind of.
    const nothingOwed = owed.kind === 'invoice' ? owed.amountDue <= 0 : request.requireOpenBalance && owed.totalOutstanding <= 0;
    if (nothingOwed) return { sent: false, reason: 'NOTHING_OWED' };
    if (await this.alreadyQueued(request.dedupeKey)) return { sent: false, reason: 'ALREADY_QUEUED' };

    const issued = await issueSecret('customer', this.config.argon2);
    const expiresAt = new Date(now.getTime() + this.config.paymentTokenLifetimeDays * 86_400_000);
    const rendered = request.render({
      locale: audience.locale,
      sender: audience.sender,
      customerName: audience.customerName,
      owed,
      url: paymentLinkUrl(this.config.portalBaseUrl, issued.secret),
      expiresAt,
      oldExpiresAt: old.expiresAt,
    });

    try {
      return await this.db.$transaction(async (tx) => {
        // Requests about one link take turns (SQLite runs one write transaction at a time already).
        if (this.dbProvider === 'postgresql') await tx.$executeRaw`SELECT 1 FROM "CustomerPaymentToken" WHERE id = ${old.id} FOR UPDATE`;
        const unwanted = await request.stillWanted(tx, now);
        if (unwanted) return { sent: false, reason: unwanted };
        const token = await tx.customerPaymentToken.create({
          data: {
            organizationId: old.organizationId,
            customerId: old.customerId,
            invoiceId: old.invoiceId,
            selector: issued.selector,
            verifierHash: issued.verifierHash,
            expiresAt,
            emailedAt: now,
            reissuedFromId: old.id,
          },
        });
        const queued = await this.emails.outbox.enqueue(tx, { ...this.emails.entryOf(audience, audience.to!), kind: request.kind, dedupeKey: request.dedupeKey, rendered });
        if (!queued.created || !queued.id) throw new AlreadyQueued();
        await tx.auditLog.create({
          data: auditRow({
            action: 'TOKEN_ISSUED',
            organizationId: old.organizationId,
            targetType: 'CustomerPaymentToken',
            targetId: token.id,
            actorType: request.audit.actorType,
            actorId: request.audit.actorId,
            ip: request.audit.ip,
            details: { customerId: old.customerId, invoiceId: old.invoiceId, reissuedFromId: old.id, reason: request.audit.reason, emailId: queued.id },
          }),
        });
        return { sent: true, tokenId: token.id, messageId: queued.id };
      });
    } catch (error) {
      if (error instanceof AlreadyQueued) return { sent: false, reason: 'ALREADY_QUEUED' };
      throw error;
    }
  }

  private async alreadyQueued(dedupeKey: string): Promise<boolean> {
    return !!(await this.db.emailMessage.findUnique({ where: { dedupeKey }, select: { id: true } }));
  }
}
