import type { Config } from './config/config';
import type { Db, DbProvider } from './db/database';
import type { PortalReads } from './db/portal-reads';
import { AuditLogService } from './domain/audit-log.service';
import { AuthService, type AuthFailureGate } from './domain/auth.service';
import { BillingService } from './domain/billing.service';
import { OrganizationService } from './domain/organization.service';
import { PaymentPortalService } from './domain/payment-portal.service';
import { PaymentTokenService } from './domain/payment-token.service';
import { PaymentMethodService } from './domain/payment-method.service';
import { PaymentService } from './domain/payment.service';
import { WebhookService } from './domain/webhook.service';
import { TokenUsageRecorder, type TokenUsageRecorderOptions } from './domain/token-usage.recorder';
import type { PaymentProvider } from './payments/payment-provider.port';

/** The domain services, wired once per process. Nothing here knows about GraphQL or HTTP. */
export interface Services {
  audit: AuditLogService;
  auth: AuthService;
  /** Payment-token usage, written behind requests; flush() writes it now. */
  usage: TokenUsageRecorder;
  portal: PaymentPortalService;
  tokens: PaymentTokenService;
  billing: BillingService;
  organizations: OrganizationService;
  payments: PaymentService;
  paymentMethods: PaymentMethodService;
  webhooks: WebhookService;
  provider: PaymentProvider;
}

export interface ServiceDeps {
  db: Db;
  dbProvider: DbProvider;
  reads: PortalReads;
  config: Config;
  provider: PaymentProvider;
  authFailureGate?: AuthFailureGate;
  usage?: Omit<TokenUsageRecorderOptions, 'flushIntervalMs'>;
}

export function createServices({ db, dbProvider, reads, config, provider, authFailureGate, usage: usageOptions }: ServiceDeps): Services {
  const audit = new AuditLogService(db);
  const usage = new TokenUsageRecorder(db, { flushIntervalMs: config.tokenUsageFlushMs, ...usageOptions });
  const portal = new PaymentPortalService(reads);
  const paymentMethods = new PaymentMethodService(db, provider, audit);
  const payments = new PaymentService(db, dbProvider, provider, portal, paymentMethods, audit);
  return {
    audit,
    auth: new AuthService(db, reads, audit, usage, config, authFailureGate),
    usage,
    portal,
    payments,
    paymentMethods,
    webhooks: new WebhookService(db, provider, payments, paymentMethods),
    provider,
    tokens: new PaymentTokenService(db, audit, config),
    billing: new BillingService(db, audit),
    organizations: new OrganizationService(db, audit, config),
  };
}
