import type { Db } from '../db/database';
import { auditRow } from './audit-log.service';
import type { RequestMeta } from './principal';

interface UsesFromIp {
  uses: number;
  firstAt: Date;
  lastAt: Date;
  /** The first few, so an audit row can be matched to request logs. */
  requestIds: string[];
}

interface PendingUsage {
  organizationId: string;
  byIp: Map<string, UsesFromIp>;
}

const REQUEST_IDS_PER_ROW = 20;
/** Past this many tokens waiting (the database has been failing for a while), further uses are counted as lost. */
const MAX_PENDING_TOKENS = 100_000;

export interface TokenUsageRecorderOptions {
  flushIntervalMs: number;
  /** A flush failed; its usage is kept and written with the next one. */
  onFlushError?: (error: unknown) => void;
  /** Uses dropped because too many tokens were waiting. */
  onDropped?: (uses: number) => void;
}

/**
 * Records payment-token use (lastUsedAt, useCount, lastUsedIp and a TOKEN_USED audit row) behind the request:
 * uses are gathered in memory and written every `flushIntervalMs`, in one transaction per flush, with one audit
 * row per token and client IP that counts the uses and names their first request ids.
 *
 * Writing two rows on every page view cost about a fifth of a request's CPU and put a write on every read.
 * The price: a crash (not a graceful stop, which flushes) loses at most one interval of usage data, and
 * useCount/lastUsedAt trail by up to one interval. Usage is bookkeeping, not money or access: revocation and
 * expiry are checked on every request regardless.
 */
export class TokenUsageRecorder {
  private pending = new Map<string, PendingUsage>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly options: TokenUsageRecorderOptions,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), options.flushIntervalMs);
    this.timer.unref();
  }

  record(token: { id: string; organizationId: string }, at: Date, meta: RequestMeta): void {
    this.add(token.id, token.organizationId, meta.ip, { uses: 1, firstAt: at, lastAt: at, requestIds: [meta.requestId] });
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

  private add(tokenId: string, organizationId: string, ip: string, use: UsesFromIp) {
    let usage = this.pending.get(tokenId);
    if (!usage) {
      if (this.pending.size >= MAX_PENDING_TOKENS) {
        this.options.onDropped?.(use.uses);
        return;
      }
      usage = { organizationId, byIp: new Map() };
      this.pending.set(tokenId, usage);
    }
    const fromIp = usage.byIp.get(ip);
    if (!fromIp) {
      usage.byIp.set(ip, { ...use, requestIds: use.requestIds.slice(0, REQUEST_IDS_PER_ROW) });
      return;
    }
    fromIp.uses += use.uses;
    if (use.firstAt < fromIp.firstAt) fromIp.firstAt = use.firstAt;
    if (use.lastAt > fromIp.lastAt) fromIp.lastAt = use.lastAt;
    for (const id of use.requestIds) if (fromIp.requestIds.length < REQUEST_IDS_PER_ROW) fromIp.requestIds.push(id);
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const audit = [];
    const updates = [];
    for (const [tokenId, usage] of batch) {
      let uses = 0;
      let last: { at: Date; ip: string } | undefined;
      for (const [ip, fromIp] of usage.byIp) {
        uses += fromIp.uses;
        if (!last || fromIp.lastAt >= last.at) last = { at: fromIp.lastAt, ip };
        const { firstAt, lastAt, requestIds } = fromIp;
        audit.push(
          auditRow(
            {
              action: 'TOKEN_USED',
              organizationId: usage.organizationId,
              actorType: 'PAYMENT_TOKEN',
              actorId: tokenId,
              targetType: 'CustomerPaymentToken',
              targetId: tokenId,
              ip,
              details: { uses: fromIp.uses, firstUsedAt: firstAt.toISOString(), lastUsedAt: lastAt.toISOString(), requestIds },
            },
            // When the use happened, not when it was written, so the log reads in order.
            firstAt,
          ),
        );
      }
      // updateMany: a token deleted meanwhile must not fail the whole flush. The count adds up across instances;
      // the last use only moves forward, since another instance may already have written a later one.
      updates.push(this.db.customerPaymentToken.updateMany({ where: { id: tokenId }, data: { useCount: { increment: uses } } }));
      updates.push(
        this.db.customerPaymentToken.updateMany({
          where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: last!.at } }] },
          data: { lastUsedAt: last!.at, lastUsedIp: last!.ip },
        }),
      );
    }
    try {
      await this.db.$transaction([...updates, this.db.auditLog.createMany({ data: audit })]);
    } catch (error) {
      for (const [tokenId, usage] of batch) {
        for (const [ip, fromIp] of usage.byIp) this.add(tokenId, usage.organizationId, ip, fromIp);
      }
      this.options.onFlushError?.(error);
      throw error;
    }
  }
}
