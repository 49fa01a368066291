import type { Config } from './config/config';
import type { Db, DbProvider } from './db/database';
import type { PortalReads } from './db/portal-reads';
import { AuditLogService } from './domain/audit-log.service';
import { AuthService, type AuthFailureGate } from './domain/auth.service';
import { BillingService } from './domain/billing.service';
import { CredentialUsageRecorder, type CredentialUsageRecorderOptions } from './domain/credential-usage.recorder';
import { OrganizationService } from './domain/organization.service';
import { PaymentMethodService } from './domain/payment-method.service';
import { PaymentPortalService } from './domain/payment-portal.service';
import { PaymentTokenService } from './domain/payment-token.service';
import { Disputes } from './domain/payments/disputes';
import { PaymentAdminService } from './domain/payments/payment-admin.service';
import { PaymentAttempts } from './domain/payments/payment-attempts';
import { PaymentCheckoutService } from './domain/payments/payment-checkout.service';
import { PaymentReconciliationService } from './domain/payments/payment-reconciliation.service';
import { PaymentSettlementService } from './domain/payments/payment-settlement.service';
import { Refunds } from './domain/payments/refunds';
import { ProviderCustomers } from './domain/provider-customers';
import { WebhookService } from './domain/webhook.service';
import type { OperatorLog } from './domain/operator-log';
import type { PaymentProvider } from './payments/payment-provider.port';
import { CustomerEmails } from './email/customer-emails';
import { EmailAdminService } from './email/email-admin.service';
import { EmailOutbox } from './email/email-outbox';
import { FreshLinkService } from './email/fresh-link.service';
import { LinkReissuer } from './email/link-reissue';
import { LinkReminders } from './email/link-reminders';

/** The domain services, wired once per process. Nothing here knows about GraphQL or HTTP. */
export interface Services {
  audit: AuditLogService;
  auth: AuthService;
  /** Payment-token and admin-key usage, written behind requests; flush() writes it now. */
  usage: CredentialUsageRecorder;
  /** The page views a payment link opens (the hot reads). */
  portal: PaymentPortalService;
  tokens: PaymentTokenService;
  billing: BillingService;
  organizations: OrganizationService;
  /** The customer's payment use cases: start paying, confirm. */
  checkout: PaymentCheckoutService;
  /** Records what the provider reports, from any path. */
  settlement: PaymentSettlementService;
  /** Admins' refunds, voiding, and invoices with their payments, refunds and disputes. */
  paymentAdmin: PaymentAdminService;
  /** The operator's repair of unsettled payments. */
  reconciliation: PaymentReconciliationService;
  paymentMethods: PaymentMethodService;
  providerCustomers: ProviderCustomers;
  webhooks: WebhookService;
  provider: PaymentProvider;
  /** Queues email in the caller's transaction (the transactional outbox). */
  emailOutbox: EmailOutbox;
  /** The messages to customers (link, receipt, refund notice), composed and queued in the caller's transaction. */
  customerEmails: CustomerEmails;
  /** Admins' view of a customer's messages, and the retry of one that failed. */
  emailAdmin: EmailAdminService;
  /** A new link by email for the holder of an expired one (requestNewPaymentLink). */
  freshLinks: FreshLinkService;
  /** One reminder, with a new link, per emailed link about to expire unpaid; run by the server's scheduler. */
  reminders: LinkReminders;
}

export interface ServiceDeps {
  db: Db;
  dbProvider: DbProvider;
  reads: PortalReads;
  config: Config;
  provider: PaymentProvider;
  authFailureGate?: AuthFailureGate;
  usage?: Omit<CredentialUsageRecorderOptions, 'flushIntervalMs'>;
  /** Where the services report what an operator must know (the server's logger); silent when not given. */
  log?: OperatorLog;
}

export function createServices({ db, dbProvider, reads, config, provider, authFailureGate, usage: usageOptions, log }: ServiceDeps): Services {
  const audit = new AuditLogService(db);
  const usage = new CredentialUsageRecorder(db, { flushIntervalMs: config.tokenUsageFlushMs, ...usageOptions });
  const providerCustomers = new ProviderCustomers(db, provider);
  const paymentMethods = new PaymentMethodService(db, provider, providerCustomers, audit, log);
  const attempts = new PaymentAttempts(db, provider, providerCustomers, log);
  const emailOutbox = new EmailOutbox(config.email, dbProvider);
  const customerEmails = new CustomerEmails(emailOutbox, log);
  const refunds = new Refunds(db, dbProvider, provider, audit, customerEmails);
  const settlement = new PaymentSettlementService(db, dbProvider, attempts, paymentMethods, audit, refunds, new Disputes(db, dbProvider, audit), customerEmails);
  const webhooks = new WebhookService(db, provider, settlement, paymentMethods);
  const reissuer = new LinkReissuer(db, dbProvider, customerEmails, config);
  return {
    audit,
    auth: new AuthService(reads, audit, usage, config, authFailureGate),
    usage,
    portal: new PaymentPortalService(reads, provider.rules),
    checkout: new PaymentCheckoutService(db, provider, attempts, settlement, audit),
    settlement,
    paymentAdmin: new PaymentAdminService(db, dbProvider, provider, attempts, settlement, refunds, audit),
    reconciliation: new PaymentReconciliationService(attempts, settlement, webhooks),
    paymentMethods,
    providerCustomers,
    webhooks,
    provider,
    tokens: new PaymentTokenService(db, audit, config, customerEmails),
    billing: new BillingService(db, audit, provider.rules),
    organizations: new OrganizationService(db, audit, config),
    emailOutbox,
    customerEmails,
    emailAdmin: new EmailAdminService(db, audit, emailOutbox),
    freshLinks: new FreshLinkService(db, reissuer),
    reminders: new LinkReminders(db, dbProvider, reissuer, config.email, log),
  };
}
