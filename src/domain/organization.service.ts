import type { Config } from '../config/config';
import type { Db } from '../db/database';
import type { AuditLogService } from './audit-log.service';
import { optionalEmail } from './contact-details';
import { notFound } from './errors';
import type { OperatorPrincipal } from './principal';
import { issueSecret } from './secret-token';

/** Organizations and their admin API keys. Only an operator manages these (the CLI, start-up); not exposed over GraphQL. */
export class OrganizationService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
    private readonly config: Pick<Config, 'argon2'>,
  ) {}

  /** `supportEmail` is shown to customers on the payment page, as where to write about a bill. */
  async createOrganization(name: string, options: { supportEmail?: string | null } = {}): Promise<{ id: string; name: string; supportEmail: string | null }> {
    const supportEmail = optionalEmail(options.supportEmail, 'supportEmail');
    const { id } = await this.db.organization.create({ data: { name, supportEmail } });
    return { id, name, supportEmail };
  }

  /** The oldest organization of that name, if any. */
  async findByName(name: string): Promise<{ id: string; name: string } | null> {
    return this.db.organization.findFirst({ where: { name }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true } });
  }

  async count(): Promise<number> {
    return this.db.organization.count();
  }

  /** Creates an admin key for the operator's organization; its secret is shown once and stored only as a hash. */
  async createAdminKey(operator: OperatorPrincipal, name: string): Promise<{ secret: string; id: string }> {
    const { organizationId } = operator;
    const organization = await this.db.organization.findUnique({ where: { id: organizationId } });
    if (!organization) throw notFound('Organization');
    const issued = await issueSecret('admin', this.config.argon2);
    const key = await this.db.adminApiKey.create({ data: { organizationId, name, selector: issued.selector, verifierHash: issued.verifierHash } });
    await this.audit.recordFor(operator, null, { action: 'ADMIN_KEY_CREATED', targetType: 'AdminApiKey', targetId: key.id, details: { name } });
    return { secret: issued.secret, id: key.id };
  }

  async revokeAdminKeysNamed(operator: OperatorPrincipal, name: string): Promise<number> {
    const { count } = await this.db.adminApiKey.updateMany({
      where: { organizationId: operator.organizationId, name, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count;
  }
}
