import type { Config } from '../config/config';
import type { Db } from '../db/database';
import type { AdminApiKey, Organization } from '../db/generated/sqlite/client';
import { AuditLogService } from './audit-log.service';
import { notFound } from './errors';
import type { AdminPrincipal } from './principal';
import { issueSecret } from './secret-token';

/** Organizations and their admin API keys. Used by the CLI and start-up, not exposed over GraphQL. */
export class OrganizationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
    private readonly config: Pick<Config, 'argon2'>,
  ) {}

  createOrganization(name: string): Promise<Organization> {
    return this.db.organization.create({ data: { name } });
  }

  /** Creates an admin key and returns its secret, which is shown once and stored only as a hash. */
  async createAdminKey(organizationId: string, name: string): Promise<{ secret: string; key: AdminApiKey }> {
    const organization = await this.db.organization.findUnique({ where: { id: organizationId } });
    if (!organization) throw notFound('Organization');
    const issued = await issueSecret('admin', this.config.argon2);
    const key = await this.db.adminApiKey.create({
      data: { organizationId, name, selector: issued.selector, verifierHash: issued.verifierHash },
    });
    await this.audit.record({
      action: 'ADMIN_KEY_CREATED',
      organizationId,
      actorType: 'CLI',
      targetType: 'AdminApiKey',
      targetId: key.id,
      details: { name },
    });
    return { secret: issued.secret, key };
  }

  async revokeAdminKeysNamed(organizationId: string, name: string): Promise<number> {
    const { count } = await this.db.adminApiKey.updateMany({
      where: { organizationId, name, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count;
  }
}

/** The principal the CLI acts as: an operator of the organization, on the machine itself. */
export function cliPrincipal(organizationId: string): AdminPrincipal {
  return { kind: 'admin', adminKeyId: 'cli', organizationId };
}
