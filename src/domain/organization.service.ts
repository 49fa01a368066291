import type { Config } from '../config/config';
import type { Db } from '../db/database';
import { actorOf, type AuditLogService } from './audit-log.service';
import { optionalEmail } from './contact-details';
import { badInput, notFound } from './errors';
import { LIMITS } from './limits';
import type { OperatorPrincipal, OrganizationActor, RequestMeta } from './principal';
import { issueSecret } from './secret-token';
import { AdminKeyRevocationConsequence, userError, type Failure, type UserErrorCode } from './user-errors';
import { adminApiKeyStatus, adminApiKeyView, type AdminApiKeyView } from './views';

const DAY_MS = 86_400_000;

export interface AdminKeyOptions {
  /** Days until the key stops working, within LIMITS.adminKeyDays; absent or null: it never expires. */
  expiresInDays?: number | null;
}

/** The failures revoking an admin key can end in (see payments/payment-results.ts for why they are lists). */
export const ADMIN_KEY_REVOCATION_FAILURES = ['REVOCATION_NEEDS_CONFIRMATION'] as const satisfies readonly UserErrorCode[];

export type AdminKeyRevocationOutcome = { kind: 'revoked'; key: AdminApiKeyView } | Failure<(typeof ADMIN_KEY_REVOCATION_FAILURES)[number]>;

const CONSEQUENCE_TEXT: Record<AdminKeyRevocationConsequence, string> = {
  REVOKES_OWN_KEY: 'the key making this request would stop working',
  LEAVES_NO_ACTIVE_KEY: 'the organization would have no active admin API key left, and only an operator can create one (npm run cli -- admin-key create)',
};

/**
 * Organizations and their admin API keys. Operators create organizations and keys (the CLI, start-up); an
 * organization's admins list its keys and revoke them over the API, as operators can at the CLI.
 */
export class OrganizationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
    private readonly config: Pick<Config, 'argon2'>,
  ) {}

  /** `supportEmail` is shown to customers on the payment page, as where to write about a bill. */
  async createOrganization(name: string, options: { supportEmail?: string | null } = {}): Promise<{ id: string; name: string; supportEmail: string | null }> {
    const trimmed = boundedText(name, 'name', LIMITS.organizationName);
    const supportEmail = optionalEmail(options.supportEmail, 'supportEmail');
    const { id } = await this.db.organization.create({ data: { name: trimmed, supportEmail } });
    return { id, name: trimmed, supportEmail };
  }

  /** The oldest organization of that name, if any. */
  async findByName(name: string): Promise<{ id: string; name: string } | null> {
    return this.db.organization.findFirst({ where: { name }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true } });
  }

  async count(): Promise<number> {
    return this.db.organization.count();
  }

  /** Creates an admin key for the operator's organization; its secret is shown once and stored only as a hash. */
  async createAdminKey(operator: OperatorPrincipal, keyName: string, options: AdminKeyOptions = {}): Promise<{ secret: string; id: string; key: AdminApiKeyView }> {
    const { organizationId } = operator;
    const name = boundedText(keyName, 'name', LIMITS.adminKeyName);
    const days = options.expiresInDays ?? null;
    const { min, max } = LIMITS.adminKeyDays;
    if (days !== null && (!Number.isInteger(days) || days < min || days > max)) throw badInput(`expiresInDays must be between ${min} and ${max}.`, 'expiresInDays');
    const organization = await this.db.organization.findUnique({ where: { id: organizationId } });
    if (!organization) throw notFound('Organization');
    const issued = await issueSecret('admin', this.config.argon2);
    const expiresAt = days === null ? null : new Date(Date.now() + days * DAY_MS);
    const key = await this.db.adminApiKey.create({ data: { organizationId, name, selector: issued.selector, verifierHash: issued.verifierHash, expiresAt } });
    await this.audit.recordFor(operator, null, { action: 'ADMIN_KEY_CREATED', targetType: 'AdminApiKey', targetId: key.id, details: { name, expiresInDays: days } });
    return { secret: issued.secret, id: key.id, key: adminApiKeyView(key, null) };
  }

  /** The organization's admin keys, newest first, never with their secrets or hashes. */
  async listAdminKeys(actor: OrganizationActor, meta: RequestMeta | null): Promise<AdminApiKeyView[]> {
    if (actor.kind === 'operator' && !(await this.db.organization.findUnique({ where: { id: actor.organizationId }, select: { id: true } }))) {
      throw notFound('Organization');
    }
    await this.audit.recordFor(actor, meta, { action: 'ADMIN_QUERY', targetType: 'Organization', targetId: actor.organizationId, details: { field: 'adminApiKeys' } });
    const keys = await this.db.adminApiKey.findMany({ where: { organizationId: actor.organizationId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    const now = new Date();
    return keys.map((key) => adminApiKeyView(key, currentKeyOf(actor), now));
  }

  /**
   * Revokes one of the organization's admin keys; it fails from the next request on. Revoking the key making the
   * request, or the organization's last active key, is refused as REVOCATION_NEEDS_CONFIRMATION naming what would
   * be lost, unless `confirmLossOfAccess` says the caller means it. Revoking twice keeps the first time.
   */
  async revokeAdminKey(actor: OrganizationActor, keyId: string, options: { confirmLossOfAccess?: boolean | null }, meta: RequestMeta | null): Promise<AdminKeyRevocationOutcome> {
    const { organizationId } = actor;
    const now = new Date();
    return this.db.$transaction(async (tx) => {
      // Revocations in one organization take turns (this takes the organization row's write lock on both databases):
      // two keys revoking each other at once must not both see the other as the one left.
      await tx.$executeRaw`UPDATE "Organization" SET "name" = "name" WHERE "id" = ${organizationId}`;
      // Another organization's key is answered exactly like a missing one.
      const key = await tx.adminApiKey.findFirst({ where: { id: keyId, organizationId } });
      if (!key) throw notFound('Admin API key');

      const consequences: AdminKeyRevocationConsequence[] = [];
      if (!key.revokedAt) {
        if (key.id === currentKeyOf(actor)) consequences.push(AdminKeyRevocationConsequence.REVOKES_OWN_KEY);
        const othersActive = await tx.adminApiKey.count({
          where: { organizationId, id: { not: key.id }, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        });
        if (othersActive === 0 && adminApiKeyStatus(key, now) === 'ACTIVE') consequences.push(AdminKeyRevocationConsequence.LEAVES_NO_ACTIVE_KEY);
      }
      if (consequences.length > 0 && !options.confirmLossOfAccess) {
        const text = consequences.map((c) => CONSEQUENCE_TEXT[c]).join('; and ');
        return userError('REVOCATION_NEEDS_CONFIRMATION', `Not revoked: ${text}. Confirm the loss of access to revoke it anyway.`, { consequences });
      }

      const revoked = key.revokedAt ? key : await tx.adminApiKey.update({ where: { id: key.id }, data: { revokedAt: now } });
      await this.audit.entry(
        {
          ...actorOf(actor),
          ip: meta?.ip ?? null,
          action: 'ADMIN_KEY_REVOKED',
          targetType: 'AdminApiKey',
          targetId: key.id,
          details: { name: key.name, alreadyRevoked: !!key.revokedAt, consequences },
        },
        tx,
      );
      return { kind: 'revoked', key: adminApiKeyView(revoked, currentKeyOf(actor), now) };
    });
  }

  /** The organization of an admin key, for the operator who knows only the key's id (the CLI). */
  async organizationOfAdminKey(keyId: string): Promise<string> {
    const key = await this.db.adminApiKey.findUnique({ where: { id: keyId }, select: { organizationId: true } });
    if (!key) throw notFound('Admin API key');
    return key.organizationId;
  }

  /** Start-up's demo access replaces its previous key this way. */
  async revokeAdminKeysNamed(operator: OperatorPrincipal, name: string): Promise<number> {
    const { count } = await this.db.adminApiKey.updateMany({
      where: { organizationId: operator.organizationId, name, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count;
  }
}

function currentKeyOf(actor: OrganizationActor): string | null {
  return actor.kind === 'admin' ? actor.adminKeyId : null;
}

/** Trimmed, and within bounds; BAD_USER_INPUT naming `field` otherwise. */
function boundedText(value: string, field: string, { min, max }: { min: number; max: number }): string {
  const text = value.trim();
  if (text.length < min || text.length > max) throw badInput(`${field} must be ${min} to ${max} characters.`, field);
  return text;
}
