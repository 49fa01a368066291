import type { Config } from '../config/config';
import type { PortalReads } from '../db/portal-reads';
import type { AuditLogService } from './audit-log.service';
import type { CredentialUsageRecorder } from './credential-usage.recorder';
import type { RateLimitedError } from './errors';
import type { CustomerPrincipal, Principal, RequestMeta } from './principal';
import { parseSecret, verifySecret, VerifiedSecretCache } from './secret-token';

/**
 * The budgets of failing authentications (server/auth-failure-gate.ts keeps the counts). It is asked about attempts
 * that failed, and before argon2 runs on a secret: a secret verified recently never meets it, and one that verifies
 * gets back what was counted for it.
 */
export interface AuthFailureGate {
  /** A failure that cost no argon2 (malformed, unknown selector, revoked, expired), or a genuine expired link, counted against the client address. Returns the refusal when the address is over its budget. */
  recordFailure(ip: string): Promise<RateLimitedError | undefined>;
  /** The refusal when the address is over its budget, counting nothing (a wrong verifier was counted before argon2 ran). */
  addressRefusal(ip: string): Promise<RateLimitedError | undefined>;
  /**
   * Before argon2 runs: counts the attempt as a failure in advance (against the address, the credential, and the address
   * on that credential) and says whether argon2 may run. `verified()` gives the counts back when the secret verifies.
   */
  beginVerification(ip: string, credentialId: string): Promise<{ refused?: RateLimitedError; verified(): Promise<void> }>;
}

/** What the GraphQL context starts an operation with (see `AuthService.begin`). */
export interface Authentication {
  principal: Principal;
  /** Present when `principal` was let in ahead of its check: the principal the full check decides. */
  settled?: Promise<Principal>;
  /** With `settled`: true once the check decides the same principal, false when it decides otherwise or fails. */
  confirmed?: Promise<boolean>;
}

/** Whether two principals act as the same credential with the same scope. */
function samePrincipal(a: Principal, b: Principal): boolean {
  if (a.kind === 'customer' && b.kind === 'customer') {
    return a.tokenId === b.tokenId && a.organizationId === b.organizationId && a.customerId === b.customerId && a.invoiceId === b.invoiceId;
  }
  if (a.kind === 'admin' && b.kind === 'admin') return a.adminKeyId === b.adminKeyId && a.organizationId === b.organizationId;
  return false;
}

/** The secret of an `Authorization: Bearer <secret>` header. */
function bearerSecret(authorization: string): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}

const ANONYMOUS: Principal = { kind: 'anonymous', failed: false };
const FAILED: Principal = { kind: 'anonymous', failed: true };

/**
 * Turns an Authorization header into a Principal.
 * Payment tokens and admin keys are checked the same way: the row is found by selector through the plain-SQL read
 * model (no argon2 work for an unknown one), the verifier is checked against its argon2id hash (cached), and the use
 * is written behind the request by the CredentialUsageRecorder.
 * Every kind of bad credential (missing selector, wrong verifier, expired, revoked, malformed) ends the same way,
 * and the failure is audited without the secret.
 *
 * Throttling failures without locking out the owner of a credential. Only failing attempts are throttled; a secret
 * that verifies always gets in, from any address:
 * - A malformed secret, an unknown selector, a revoked credential or an expired admin key cost no argon2. They count
 *   against the client address; past its budget (RATE_LIMIT_AUTH_FAILURES_PER_MINUTE) they are answered RATE_LIMITED.
 * - An expired payment link is checked by argon2 like a live one (see `expired`), so that a genuine one can be told
 *   apart (LINK_EXPIRED) and ask for a new link; it still counts as a failure.
 * - A secret verified recently (the cache) is let in without asking anyone: it costs nothing.
 * - argon2 on a secret not verified recently is the expensive part. Each run is counted as a failure before it starts
 *   (and given back when the secret verifies), so concurrent attempts are judged one by one. It is refused
 *   (RATE_LIMITED, before argon2) only to an address that has already tried this same credential in the window, while
 *   that address or that credential (wrong verifiers from every address, RATE_LIMIT_CREDENTIAL_FAILURES_PER_MINUTE) is
 *   over its budget. An address that has not tried a credential is always checked: the owner, from their own address,
 *   gets in even where someone else's guesses locked the address, or while their selector is sprayed from many
 *   addresses. Once over a budget, an address costs at most one argon2 run per credential it knows, per window; and
 *   guessing selectors (96 random bits) costs no argon2 at all.
 * - Refusals carry no hint of whether the selector exists: an unknown selector and a known one are refused with the
 *   same RATE_LIMITED answer, after the same kind of work (a lookup by selector and limiter calls, never argon2).
 */
export class AuthService {
  private readonly cache: VerifiedSecretCache;
  /** Payment tokens that authenticated within the token cache's TTL, by the cache's key for their secret. */
  private readonly recent = new Map<string, { principal: CustomerPrincipal; until: number }>();
  private readonly recentTtlMs: number;

  constructor(
    private readonly reads: PortalReads,
    private readonly audit: AuditLogService,
    private readonly usage: CredentialUsageRecorder,
    config: Pick<Config, 'tokenCacheTtlSeconds'>,
    private readonly failureGate?: AuthFailureGate,
  ) {
    this.cache = new VerifiedSecretCache(config.tokenCacheTtlSeconds * 1000);
    this.recentTtlMs = config.tokenCacheTtlSeconds * 1000;
  }

  /**
   * For an API operation: a payment token that authenticated within the token cache's TTL starts the operation at once
   * as the same customer, while `authenticate` checks it again (its row: revoked? expired? the same secret?) beside the
   * operation's first reads, which then go to the database together: on PostgreSQL one statement, one round trip per
   * page instead of two. The caller must let nothing out before `settled` agrees: the HTTP front answers with the
   * settled principal when it differs, and a mutation waits for it before acting (api/auth/access.ts). Anything else
   * is authenticated first, as `authenticate` does.
   */
  async begin(authorization: string | undefined, meta: RequestMeta): Promise<Authentication> {
    const secret = bearerSecret(authorization ?? '');
    const key = secret ? this.cache.key(secret) : undefined;
    const known = key ? this.recent.get(key) : undefined;
    if (!key || !known || known.until <= Date.now()) return { principal: await this.authenticate(authorization, meta) };
    const settled = this.authenticate(authorization, meta);
    // Handling the failure here also keeps it from counting as unhandled before the caller awaits `settled`.
    const confirmed = settled.then((principal) => samePrincipal(principal, known.principal), () => false);
    // A token that no longer authenticates as the same customer is let in ahead no more.
    void confirmed.then((same) => same || this.recent.delete(key));
    return { principal: known.principal, settled, confirmed };
  }

  async authenticate(authorization: string | undefined, meta: RequestMeta): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;

    const secret = bearerSecret(authorization);
    const parsed = secret ? parseSecret(secret) : null;
    if (!secret || !parsed) return this.fail(meta, 'MALFORMED');

    const now = new Date();
    if (parsed.kind === 'customer') {
      const row = await this.reads.tokenBySelector(parsed.selector);
      if (!row) return this.fail(meta, 'UNKNOWN');
      if (row.revokedAt) return this.fail(meta, 'REVOKED', row);
      if (row.expiresAt <= now) return this.expired(secret, parsed.verifier, row, meta);
      if (!(await this.verified(secret, parsed.verifier, row, meta))) return this.fail(meta, 'WRONG_VERIFIER', row);

      this.usage.record('paymentToken', row, now, meta);
      const principal: CustomerPrincipal = { kind: 'customer', tokenId: row.id, organizationId: row.organizationId, customerId: row.customerId, invoiceId: row.invoiceId };
      this.rememberRecent(secret, principal, now.getTime());
      return principal;
    }

    const key = await this.reads.adminKeyBySelector(parsed.selector);
    if (!key) return this.fail(meta, 'UNKNOWN');
    if (key.revokedAt) return this.fail(meta, 'REVOKED', key);
    if (key.expiresAt && key.expiresAt <= now) return this.fail(meta, 'EXPIRED', key);
    if (!(await this.verified(secret, parsed.verifier, key, meta))) return this.fail(meta, 'WRONG_VERIFIER', key);
    this.usage.record('adminKey', key, now, meta);
    return { kind: 'admin', adminKeyId: key.id, organizationId: key.organizationId };
  }

  private rememberRecent(secret: string, principal: CustomerPrincipal, now: number): void {
    if (this.recentTtlMs <= 0) return;
    if (this.recent.size >= 10_000) {
      // Map iteration is insertion order: drop the oldest entry.
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    this.recent.set(this.cache.key(secret), { principal: Object.freeze(principal), until: now + this.recentTtlMs });
  }

  /**
   * An expired payment link is still told apart from a wrong one, so that its holder can be offered a new link
   * (LINK_EXPIRED, requestNewPaymentLink): argon2 decides, through the same gate and cache as a live link's check.
   * Since nothing gets in with it, an address already over its failure budget gets no argon2 for it (refused as any
   * other cheap miss), and the genuine expired link still counts as a failure of the address, as before.
   */
  private async expired(
    secret: string,
    verifier: string,
    row: { id: string; organizationId: string; customerId: string; invoiceId: string | null; verifierHash: string },
    meta: RequestMeta,
  ): Promise<Principal> {
    if (await this.failureGate?.addressRefusal(meta.ip)) return this.fail(meta, 'EXPIRED', row);
    if (!(await this.verified(secret, verifier, row, meta))) return this.fail(meta, 'WRONG_VERIFIER', row);
    await this.fail(meta, 'EXPIRED', row);
    return { kind: 'anonymous', failed: true, expiredLink: { tokenId: row.id, organizationId: row.organizationId, customerId: row.customerId, invoiceId: row.invoiceId } };
  }

  /**
   * argon2, behind the cache and the failure gate. The gate is asked only when argon2 would start: not for a secret
   * verified recently, nor for one whose check is already running (concurrent requests with one secret share it).
   */
  private verified(secret: string, verifier: string, row: { id: string; verifierHash: string }, meta: RequestMeta): Promise<boolean> {
    return this.cache.verify(secret, row.id, row.verifierHash, async () => {
      const attempt = await this.failureGate?.beginVerification(meta.ip, row.id);
      if (attempt?.refused) throw attempt.refused;
      const ok = await verifySecret(row.verifierHash, verifier);
      if (ok) await attempt?.verified();
      return ok;
    });
  }

  private async fail(meta: RequestMeta, reason: string, credential?: { id: string; organizationId: string }): Promise<Principal> {
    const wrongVerifier = reason === 'WRONG_VERIFIER';
    // A wrong verifier was counted before argon2 ran; the other failures are counted now.
    const refusal = wrongVerifier ? await this.failureGate?.addressRefusal(meta.ip) : await this.failureGate?.recordFailure(meta.ip);
    // An address over its budget is not audited for every cheap miss (a flood must not become a flood of writes);
    // wrong verifiers are few (each one cost argon2, which the gate bounds) and always worth a row.
    if (refusal && !wrongVerifier) throw refusal;
    await this.audit.record({
      action: 'AUTH_FAILED',
      organizationId: credential?.organizationId ?? null,
      actorType: 'ANONYMOUS',
      targetType: credential ? 'Credential' : undefined,
      targetId: credential?.id ?? null,
      ip: meta.ip,
      details: { reason, requestId: meta.requestId },
    });
    if (refusal) throw refusal;
    return FAILED;
  }
}
