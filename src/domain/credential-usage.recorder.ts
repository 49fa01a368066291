import type { Db } from '../db/database';
import { auditRow, type AuditEntry } from './audit-log.service';
import type { RequestMeta } from './principal';

/** The two kinds of credential whose use is recorded: customer payment tokens and admin API keys. */
export type CredentialKind = 'paymentToken' | 'adminKey';

interface UsesFromIp {
  uses: number;
  firstAt: Date;
  lastAt: Date;
  /** The first few, so an audit row can be matched to request logs. */
  requestIds: string[];
}

interface PendingUsage {
  kind: CredentialKind;
  id: string;
  organizationId: string;
  byIp: Map<string, UsesFromIp>;
}

const REQUEST_IDS_PER_ROW = 20;
/** Past this many credentials waiting (the database has been failing for a while), further uses are counted as lost. */
const MAX_PENDING_CREDENTIALS = 100_000;

/** How each kind's audit row names it. */
const AUDIT: Record<CredentialKind, Pick<AuditEntry, 'action' | 'actorType' | 'targetType'>> = {
  paymentToken: { action: 'TOKEN_USED', actorType: 'PAYMENT_TOKEN', targetType: 'CustomerPaymentToken' },
  adminKey: { action: 'ADMIN_KEY_USED', actorType: 'ADMIN_KEY', targetType: 'AdminApiKey' },
};

export interface CredentialUsageRecorderOptions {
  flushIntervalMs: number;
  /** A flush failed; its usage is kept and written with the next one. */
  onFlushError?: (error: unknown) => void;
  /** Uses dropped because too many credentials were waiting. */
  onDropped?: (uses: number) => void;
}

/**
 * Records the use of payment tokens (lastUsedAt, useCount, lastUsedIp) and admin keys (lastUsedAt), each with a
 * *_USED audit row, behind the request: uses are gathered in memory and written every `flushIntervalMs`, in one
 * transaction per flush, with one audit row per credential and client IP that counts the uses and names their
 * first request ids.
 *
 * Writing two rows on every request cost about a fifth of a request's CPU and put a write on every read.
 * The price: a crash (not a graceful stop, which flushes) loses at most one interval of usage data, and
 * useCount/lastUsedAt trail by up to one interval. Usage is bookkeeping, not money or access: revocation and
 * expiry are checked on every request regardless.
 */
export class CredentialUsageRecorder {
  private pending = new Map<string, PendingUsage>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly options: CredentialUsageRecorderOptions,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), options.flushIntervalMs);
    this.timer.unref();
  }

  record(kind: CredentialKind, credential: { id: string; organizationId: string }, at: Date, meta: RequestMeta): void {
    this.add(kind, credential.id, credential.organizationId, meta.ip, { uses: 1, firstAt: at, lastAt: at, requestIds: [meta.requestId] });
  }

  /** Writes everything recorded so far; resolves once it is in the database (or rejects, keeping it for later). */
  flush(): Promise<void> {
    const next = this.flushing.catch(() => undefined).then(() => this.writePending());
    this.flushing = next;
    return next;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private add(kind: CredentialKind, id: string, organizationId: string, ip: string, use: UsesFromIp) {
    const key = `${kind}:${id}`;
    let usage = this.pending.get(key);
    if (!usage) {
      if (this.pending.size >= MAX_PENDING_CREDENTIALS) {
        this.options.onDropped?.(use.uses);
        return;
      }
      usage = { kind, id, organizationId, byIp: new Map() };
      this.pending.set(key, usage);
    }
    const fromIp = usage.byIp.get(ip);
    if (!fromIp) {
      usage.byIp.set(ip, { ...use, requestIds: use.requestIds.slice(0, REQUEST_IDS_PER_ROW) });
      return;
    }
    fromIp.uses += use.uses;
    if (use.firstAt < fromIp.firstAt) fromIp.firstAt = use.firstAt;
    if (use.lastAt > fromIp.lastAt) fromIp.lastAt = use.lastAt;
    for (const requestId of use.requestIds) if (fromIp.requestIds.length < REQUEST_IDS_PER_ROW) fromIp.requestIds.push(requestId);
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const audit = [];
    const updates = [];
    // Rows are updated in one order (by kind and id) on every instance, so two flushes never wait on each other in a cycle;
    // the audit rows are new rows, which nothing else waits for.
    for (const usage of [...batch.values()].sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1))) {
      let uses = 0;
      let last: { at: Date; ip: string } | undefined;
      for (const [ip, fromIp] of usage.byIp) {
        uses += fromIp.uses;
        if (!last || fromIp.lastAt >= last.at) last = { at: fromIp.lastAt, ip };
        const { firstAt, lastAt, requestIds } = fromIp;
        audit.push(
          auditRow(
            {
              ...AUDIT[usage.kind],
              organizationId: usage.organizationId,
              actorId: usage.id,
              targetId: usage.id,
              ip,
              details: { uses: fromIp.uses, firstUsedAt: firstAt.toISOString(), lastUsedAt: lastAt.toISOString(), requestIds },
            },
            // When the use happened, not when it was written, so the log reads in order.
            firstAt,
          ),
        );
      }
      updates.push(this.usageWrite(usage, uses, last!));
    }
    try {
      await this.db.$transaction([...updates, this.db.auditLog.createMany({ data: audit })]);
    } catch (error) {
      for (const usage of batch.values()) {
        for (const [ip, fromIp] of usage.byIp) this.add(usage.kind, usage.id, usage.organizationId, ip, fromIp);
      }
      this.options.onFlushError?.(error);
      throw error;
    }
  }

  /**
   * One statement per credential, each a single atomic change of its one row: counts add up across instances, and
   * the last use only moves forward (with its address), since another instance may have written a later one. With
   * the rows taken in one order by every instance, two flushes may wait on each other but never in a cycle: no
   * deadlock, and nothing to retry. A credential deleted meanwhile updates no row and fails nothing.
   */
  private usageWrite(usage: PendingUsage, uses: number, last: { at: Date; ip: string }) {
    if (usage.kind === 'adminKey') {
      return this.db.$executeRaw`UPDATE "AdminApiKey" SET "lastUsedAt" = ${last.at}
        WHERE "id" = ${usage.id} AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${last.at})`;
    }
    return this.db.$executeRaw`UPDATE "CustomerPaymentToken"
      SET "useCount" = "useCount" + ${uses},
        "lastUsedIp" = CASE WHEN "lastUsedAt" IS NULL OR "lastUsedAt" < ${last.at} THEN ${last.ip} ELSE "lastUsedIp" END,
        "lastUsedAt" = CASE WHEN "lastUsedAt" IS NULL OR "lastUsedAt" < ${last.at} THEN ${last.at} ELSE "lastUsedAt" END
      WHERE "id" = ${usage.id}`;
  }
}
