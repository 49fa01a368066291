import type { Db, DbTransaction } from '../db/database';
import type { Actor, RequestMeta } from './principal';

export type AuditAction =
  | 'TOKEN_ISSUED'
  | 'TOKEN_REVOKED'
  | 'TOKEN_USED'
  | 'AUTH_FAILED'
  | 'ADMIN_KEY_CREATED'
  | 'ADMIN_KEY_USED'
  | 'ADMIN_KEY_REVOKED'
  | 'CUSTOMER_CREATED'
  | 'INVOICE_CREATED'
  | 'ADMIN_QUERY'
  | 'RATE_LIMITED'
  | 'PAYMENT_INTENT_CREATED'
  | 'PAYMENT_RECORDED'
  | 'PAYMENT_FAILED'
  | 'REFUND_RECORDED'
  | 'REFUND_REQUESTED'
  | 'REFUND_REJECTED'
  | 'REFUND_UPDATED'
  | 'REFUND_FAILED'
  | 'REFUND_CANCELED'
  | 'REFUND_ABANDONED'
  | 'REFUNDS_RESYNCED'
  | 'DISPUTE_OPENED'
  | 'DISPUTE_UPDATED'
  | 'DISPUTE_FUNDS_WITHDRAWN'
  | 'DISPUTE_FUNDS_REINSTATED'
  | 'DISPUTE_CLOSED'
  | 'INVOICE_VOIDED'
  | 'PAYMENT_FLAGGED'
  | 'PAYMENT_METHOD_ADDED'
  | 'PAYMENT_METHOD_REMOVED'
  | 'PAYMENT_METHOD_DEFAULT_SET'
  | 'PAYMENT_METHOD_UPDATED'
  | 'CARD_SETUP_CREATED'
  | 'WEBHOOK_REJECTED'
  | 'EMAIL_RETRIED';

export interface AuditEntry {
  action: AuditAction;
  organizationId?: string | null;
  actorType: 'ADMIN_KEY' | 'PAYMENT_TOKEN' | 'SYSTEM' | 'ANONYMOUS' | 'CLI';
  actorId?: string | null;
  targetType?: string;
  targetId?: string | null;
  ip?: string | null;
  /** Non-secret details only. */
  details?: Record<string, unknown>;
}

export function actorOf(principal: Actor): Pick<AuditEntry, 'actorType' | 'actorId' | 'organizationId'> {
  switch (principal.kind) {
    case 'operator':
      return { actorType: 'CLI', actorId: null, organizationId: principal.organizationId };
    case 'customer':
      return { actorType: 'PAYMENT_TOKEN', actorId: principal.tokenId, organizationId: principal.organizationId };
    case 'admin':
      return { actorType: 'ADMIN_KEY', actorId: principal.adminKeyId, organizationId: principal.organizationId };
    default:
      return { actorType: 'ANONYMOUS', actorId: null, organizationId: null };
  }
}

/** An entry as an AuditLog row; `at` when it happened earlier than it is written (the default is now). */
export function auditRow(entry: AuditEntry, at?: Date) {
  return {
    action: entry.action,
    organizationId: entry.organizationId ?? null,
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
    ...(at && { createdAt: at }),
  };
}

/** Append-only record of who did what, when and from where. */
export class AuditLogService {
  constructor(private readonly db: Db) {}

  /** The write, for callers that put it in their own transaction. */
  entry(entry: AuditEntry, tx: DbTransaction | Db = this.db) {
    return tx.auditLog.create({ data: auditRow(entry) });
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.entry(entry);
  }

  /** What an actor did; `meta` is the request it came in (none for an operator at the CLI). */
  async recordFor(actor: Actor, meta: RequestMeta | null, entry: Omit<AuditEntry, 'actorType' | 'actorId' | 'organizationId' | 'ip'>) {
    await this.record({ ...actorOf(actor), ip: meta?.ip ?? null, ...entry });
  }
}
