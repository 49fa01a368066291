import type { Db } from '../db/database';
import type { AuditLogService } from '../domain/audit-log.service';
import { badInput, notFound } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import type { OrganizationActor, RequestMeta } from '../domain/principal';
import { userError, type Failure } from '../domain/user-errors';
import { EmailStatus, type EmailKind, type EmailOutbox } from './email-outbox';

/** A message as admins see it: what, to whom, and how its delivery went. Never its content. */
export interface EmailMessageView {
  id: string;
  customerId: string;
  kind: EmailKind;
  recipient: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  /** When the next try is due, while QUEUED. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  failedAt: Date | null;
  /** Whether an admin can send it again (FAILED, content still kept). */
  retryable: boolean;
  messageId: string;
  createdAt: Date;
}

export interface EmailMessagePage {
  messages: { cursor: string; message: EmailMessageView }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const EMAIL_RETRY_FAILURES = ['EMAIL_NOT_CONFIGURED', 'EMAIL_NOT_RETRYABLE'] as const;
export type EmailRetryOutcome = { kind: 'email'; message: EmailMessageView } | Failure<(typeof EMAIL_RETRY_FAILURES)[number]>;

type EmailRow = {
  id: string;
  customerId: string;
  kind: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  body: string | null;
  messageId: string;
  createdAt: Date;
};

function emailMessageView(row: EmailRow): EmailMessageView {
  return {
    id: row.id,
    customerId: row.customerId,
    kind: row.kind as EmailKind,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status as EmailStatus,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.status === EmailStatus.QUEUED ? row.nextAttemptAt : null,
    sentAt: row.sentAt,
    failedAt: row.failedAt,
    retryable: row.status === EmailStatus.FAILED && row.body !== null,
    messageId: row.messageId,
    createdAt: row.createdAt,
  };
}

/** Admins' side of the outbox: a customer's messages, and sending again one that failed for good. */
export class EmailAdminService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
    private readonly outbox: EmailOutbox,
  ) {}

  /** A customer's messages, newest first. */
  async customerEmails(actor: OrganizationActor, customerId: string, listing: { first?: number | null; after?: string | null }, meta: RequestMeta | null): Promise<EmailMessagePage> {
    const customer = await this.db.customer.findFirst({ where: { id: customerId, organizationId: actor.organizationId }, select: { id: true } });
    if (!customer) throw notFound('Customer');
    if (listing.first != null && (!Number.isInteger(listing.first) || listing.first < 0)) throw badInput('first must be 0 or more.', 'first');
    const take = Math.min(listing.first ?? LIMITS.pageSize.default, LIMITS.pageSize.max);
    const position = listing.after ? decodeCursor(listing.after) : null;
    await this.audit.recordFor(actor, meta, { action: 'ADMIN_QUERY', targetType: 'Customer', targetId: customer.id, details: { field: 'customerEmails' } });
    const rows = await this.db.emailMessage.findMany({
      where: {
        customerId: customer.id,
        ...(position && { OR: [{ createdAt: { lt: position.createdAt } }, { createdAt: position.createdAt, id: { lt: position.id } }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    return {
      messages: rows.slice(0, take).map((row) => ({ cursor: encodeCursor(row), message: emailMessageView(row) })),
      hasNextPage: rows.length > take,
      hasPreviousPage: position !== null,
    };
  }

  /**
   * Sends a FAILED message again: back to QUEUED, due now, with its tries counted afresh. Only while its content is
   * kept (EMAIL_FAILED_BODY_RETENTION_DAYS); retrying twice queues it once.
   */
  async retry(actor: OrganizationActor, emailId: string, meta: RequestMeta | null): Promise<EmailRetryOutcome> {
    const row = await this.db.emailMessage.findFirst({ where: { id: emailId, organizationId: actor.organizationId } });
    if (!row) throw notFound('Email');
    if (!this.outbox.enabled) return userError('EMAIL_NOT_CONFIGURED', 'Email is off on this server (SMTP_URL is not set): nothing can be sent.');
    if (row.status !== EmailStatus.FAILED || row.body === null) {
      return userError(
        'EMAIL_NOT_RETRYABLE',
        row.status === EmailStatus.FAILED
          ? 'Its content was erased after the retention period: it cannot be sent again. For a payment link, issue a new one with sendEmail.'
          : `Only a FAILED message can be sent again; this one is ${row.status}.`,
        { emailStatus: row.status },
      );
    }
    // Conditional, so two admins retrying at once queue it once.
    const updated = await this.db.emailMessage.updateMany({
      where: { id: row.id, status: EmailStatus.FAILED, body: { not: null } },
      data: { status: EmailStatus.QUEUED, attempts: 0, nextAttemptAt: new Date(), claimedUntil: null, failedAt: null },
    });
    const after = await this.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    if (updated.count === 1) {
      await this.audit.recordFor(actor, meta, {
        action: 'EMAIL_RETRIED',
        targetType: 'EmailMessage',
        targetId: row.id,
        details: { customerId: row.customerId, kind: row.kind, attemptsBefore: row.attempts, lastError: row.lastError },
      });
    }
    return { kind: 'email', message: emailMessageView(after) };
  }
}

/** Opaque to clients: the (createdAt, id) position in newest-first order. */
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}:${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after is not a cursor returned by customerEmails.', 'after');
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}
