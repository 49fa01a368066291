import type { Config } from '../config/config';
import type { PortalReads } from '../db/portal-reads';
import type { AuditLogService } from './audit-log.service';
import type { CredentialUsageRecorder } from './credential-usage.recorder';
import type { Principal, RequestMeta } from './principal';
import { parseSecret, verifySecret, VerifiedSecretCache } from './secret-token';

/** Consulted before any argon2 work, so failed guesses from one address stay slow and cheap for us. */
export interface AuthFailureGate {
  /** Throws (e.g. RATE_LIMITED) when this address has failed too often. */
  assertAllowed(ip: string): Promise<void>;
  recordFailure(ip: string): Promise<void>;
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
 */
export class AuthService {
  private readonly cache: VerifiedSecretCache;

  constructor(
    private readonly reads: PortalReads,
    private readonly audit: AuditLogService,
    private readonly usage: CredentialUsageRecorder,
    config: Pick<Config, 'tokenCacheTtlSeconds'>,
    private readonly failureGate?: AuthFailureGate,
  ) {
    this.cache = new VerifiedSecretCache(config.tokenCacheTtlSeconds * 1000);
  }

  async authenticate(authorization: string | undefined, meta: RequestMeta): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    if (this.failureGate) await this.failureGate.assertAllowed(meta.ip);

    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const secret = match?.[1];
    const parsed = secret ? parseSecret(secret) : null;
    if (!secret || !parsed) return this.fail(meta, 'MALFORMED');

    const now = new Date();
    if (parsed.kind === 'customer') {
      const row = await this.reads.tokenBySelector(parsed.selector);
      if (!row) return this.fail(meta, 'UNKNOWN');
      if (row.revokedAt) return this.fail(meta, 'REVOKED', row.id, row.organizationId);
      if (row.expiresAt <= now) return this.fail(meta, 'EXPIRED', row.id, row.organizationId);
      if (!(await this.verified(secret, parsed.verifier, row))) return this.fail(meta, 'WRONG_VERIFIER', row.id, row.organizationId);

      this.usage.record('paymentToken', row, now, meta);
      return { kind: 'customer', tokenId: row.id, organizationId: row.organizationId, customerId: row.customerId, invoiceId: row.invoiceId };
    }

    const key = await this.reads.adminKeyBySelector(parsed.selector);
    if (!key) return this.fail(meta, 'UNKNOWN');
    if (key.revokedAt) return this.fail(meta, 'REVOKED', key.id, key.organizationId);
    if (!(await this.verified(secret, parsed.verifier, key))) return this.fail(meta, 'WRONG_VERIFIER', key.id, key.organizationId);
    this.usage.record('adminKey', key, now, meta);
    return { kind: 'admin', adminKeyId: key.id, organizationId: key.organizationId };
  }

  private verified(secret: string, verifier: string, row: { id: string; verifierHash: string }): Promise<boolean> {
    return this.cache.verify(secret, row.id, row.verifierHash, () => verifySecret(row.verifierHash, verifier));
  }

  private async fail(meta: RequestMeta, reason: string, credentialId?: string, organizationId?: string): Promise<Principal> {
    await this.failureGate?.recordFailure(meta.ip);
    await this.audit.record({
      action: 'AUTH_FAILED',
      organizationId: organizationId ?? null,
      actorType: 'ANONYMOUS',
      targetType: credentialId ? 'Credential' : undefined,
      targetId: credentialId ?? null,
      ip: meta.ip,
      details: { reason, requestId: meta.requestId },
    });
    return FAILED;
  }
}
