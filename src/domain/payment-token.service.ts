import type { Config } from '../config/config';
import type { Db } from '../db/database';
import type { CustomerPaymentToken } from '../db/generated/sqlite/client';
import { AuditLogService } from './audit-log.service';
import { badInput, forbidden, notFound } from './errors';
import type { AdminPrincipal, RequestMeta } from './principal';
import { issueSecret } from './secret-token';

export type PaymentTokenStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

export function paymentTokenStatus(token: Pick<CustomerPaymentToken, 'revokedAt' | 'expiresAt'>, now = new Date()): PaymentTokenStatus {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt <= now) return 'EXPIRED';
  return 'ACTIVE';
}

export interface IssuedPaymentToken {
  /** The secret. Returned once; only its hash is kept. */
  token: string;
  url: string;
  paymentToken: CustomerPaymentToken;
}

export interface IssuePaymentTokenInput {
  customerId: string;
  invoiceId?: string | null;
  expiresInDays?: number | null;
}

/** Issues, lists and revokes customer payment links, always inside the admin's own organization. */
export class PaymentTokenService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
    private readonly config: Pick<Config, 'argon2' | 'paymentTokenLifetimeDays' | 'paymentTokenMaxDays' | 'portalBaseUrl'>,
  ) {}

  async issue(admin: AdminPrincipal, input: IssuePaymentTokenInput, meta: RequestMeta | null): Promise<IssuedPaymentToken> {
    const days = input.expiresInDays ?? this.config.paymentTokenLifetimeDays;
    if (!Number.isInteger(days) || days < 1 || days > this.config.paymentTokenMaxDays) {
      throw badInput(`expiresInDays must be between 1 and ${this.config.paymentTokenMaxDays}.`, 'expiresInDays');
    }
    const customer = await this.customerOfOrganization(admin, input.customerId);
    if (input.invoiceId) {
      const invoice = await this.db.invoice.findUnique({ where: { id: input.invoiceId } });
      if (!invoice) throw notFound('Invoice');
      if (invoice.organizationId !== admin.organizationId) throw forbidden('That invoice belongs to another organization.');
      if (invoice.customerId !== customer.id) throw badInput('The invoice does not belong to that customer.', 'invoiceId');
    }

    const issued = await issueSecret('customer', this.config.argon2);
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    const paymentToken = await this.db.customerPaymentToken.create({
      data: {
        organizationId: admin.organizationId,
        customerId: customer.id,
        invoiceId: input.invoiceId ?? null,
        selector: issued.selector,
        verifierHash: issued.verifierHash,
        expiresAt,
      },
    });
    await this.audit.recordFor(admin, meta, {
      action: 'TOKEN_ISSUED',
      targetType: 'CustomerPaymentToken',
      targetId: paymentToken.id,
      details: { customerId: customer.id, invoiceId: input.invoiceId ?? null, expiresInDays: days },
    });
    return { token: issued.secret, url: this.config.portalBaseUrl + issued.secret, paymentToken };
  }

  async revoke(admin: AdminPrincipal, tokenId: string, meta: RequestMeta | null): Promise<CustomerPaymentToken> {
    const token = await this.db.customerPaymentToken.findUnique({ where: { id: tokenId } });
    if (!token) throw notFound('Payment token');
    if (token.organizationId !== admin.organizationId) throw forbidden('That payment token belongs to another organization.');
    // Revoking twice keeps the first revocation time.
    const revoked = token.revokedAt
      ? token
      : await this.db.customerPaymentToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await this.audit.recordFor(admin, meta, {
      action: 'TOKEN_REVOKED',
      targetType: 'CustomerPaymentToken',
      targetId: token.id,
      details: { customerId: token.customerId, alreadyRevoked: !!token.revokedAt },
    });
    return revoked;
  }

  async list(admin: AdminPrincipal, customerId: string, meta: RequestMeta): Promise<CustomerPaymentToken[]> {
    const customer = await this.customerOfOrganization(admin, customerId);
    await this.audit.recordFor(admin, meta, { action: 'ADMIN_QUERY', targetType: 'Customer', targetId: customer.id, details: { field: 'customerPaymentTokens' } });
    return this.db.customerPaymentToken.findMany({ where: { customerId: customer.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  private async customerOfOrganization(admin: AdminPrincipal, customerId: string) {
    const customer = await this.db.customer.findUnique({ where: { id: customerId } });
    if (!customer) throw notFound('Customer');
    if (customer.organizationId !== admin.organizationId) throw forbidden('That customer belongs to another organization.');
    return customer;
  }
}
