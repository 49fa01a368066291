import type { Config } from './config/config';
import type { Db } from './db/database';
import { AuditLogService } from './domain/audit-log.service';
import { AuthService, type AuthFailureGate } from './domain/auth.service';
import { BillingService } from './domain/billing.service';
import { OrganizationService } from './domain/organization.service';
import { PaymentPortalService } from './domain/payment-portal.service';
import { PaymentTokenService } from './domain/payment-token.service';

/** The domain services, wired once per process. Nothing here knows about GraphQL or HTTP. */
export interface Services {
  audit: AuditLogService;
  auth: AuthService;
  portal: PaymentPortalService;
  tokens: PaymentTokenService;
  billing: BillingService;
  organizations: OrganizationService;
}

export function createServices(db: Db, config: Config, authFailureGate?: AuthFailureGate): Services {
  const audit = new AuditLogService(db);
  return {
    audit,
    auth: new AuthService(db, audit, config, authFailureGate),
    portal: new PaymentPortalService(db),
    tokens: new PaymentTokenService(db, audit, config),
    billing: new BillingService(db, audit),
    organizations: new OrganizationService(db, audit, config),
  };
}
