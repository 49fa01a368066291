import type { Config } from '../config/config';
import type { Db } from '../db/database';
import type { CustomerEmails } from '../email/customer-emails';
import type { AuditLogService } from './audit-log.service';
import { badInput, notFound } from './errors';
import { LIMITS } from './limits';
import type { OrganizationActor, RequestMeta } from './principal';
import { issueSecret } from './secret-token';
import { userError, type Failure } from './user-errors';
import { actorOf } from './audit-log.service';
import { paymentTokenView, type PaymentTokenView } from './views';

/** A new payment link: for a customer, optionally bound to one of their invoices. */
export interface PaymentLinkRequest {
  customerId: string;
  invoiceId?: string | null;
  /** Defaults to PAYMENT_TOKEN_LIFETIME_DAYS; within LIMITS.paymentLinkDays. */
  expiresInDays?: number | null;
}

/** A link to issue, and whether to email it to the customer. */
export interface PaymentLinkIssue extends PaymentLinkRequest {
  /** Queue the link email in the transaction that issues the link; no link is issued when it cannot be. */
  sendEmail?: boolean | null;
}

export const PAYMENT_LINK_FAILURES = ['EMAIL_NOT_CONFIGURED', 'CUSTOMER_HAS_NO_EMAIL'] as const;

export type PaymentLinkOutcome =
  | ({ kind: 'issued'; email: { id: string; recipient: string } | null } & IssuedPaymentLink)
  | Failure<(typeof PAYMENT_LINK_FAILURES)[number]>;

export interface IssuedPaymentLink {
  /** The secret. Returned once; only its hash is kept. */
  token: string;
  /** The link to send the customer: see {@link paymentLinkUrl}. */
  url: string;
  paymentToken: PaymentTokenView;
}

/**
 * `<PORTAL_BASE_URL>#<token>`: the token rides in the fragment, which browsers never send to a server (so it stays
 * out of access logs, proxies and Referer headers); the page reads it and sends it only as a bearer token.
 */
export function paymentLinkUrl(portalBaseUrl: string, token: string): string {
  return `${portalBaseUrl}#${token}`;
}

/**
 * Issues, lists and revokes customer payment links, always inside the actor's own organization: every id is looked
 * up within it, so another organization's customer, invoice or link is answered exactly like a missing one.
 */
export class PaymentTokenService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLogService,
    private readonly config: Pick<Config, 'argon2' | 'paymentTokenLifetimeDays' | 'portalBaseUrl'>,
    private readonly emails?: CustomerEmails,
  ) {}

  /** A link, not emailed (the caller hands it to the customer). */
  async issue(actor: OrganizationActor, request: PaymentLinkRequest, meta: RequestMeta | null): Promise<IssuedPaymentLink> {
    const outcome = await this.issueLink(actor, { ...request, sendEmail: false }, meta);
    if (outcome.kind === 'error') throw new Error(outcome.message); // unreachable: only emailing can fail
    return outcome;
  }

  /**
   * A link, and with `sendEmail` its email, queued in the same transaction: the link exists exactly when its email
   * is on its way. Email off (production without SMTP_URL) or a customer without an address is a failure, and no
   * link is issued.
   */
  async issueLink(actor: OrganizationActor, request: PaymentLinkIssue, meta: RequestMeta | null): Promise<PaymentLinkOutcome> {
    const days = request.expiresInDays ?? this.config.paymentTokenLifetimeDays;
    const { min, max } = LIMITS.paymentLinkDays;
    if (!Number.isInteger(days) || days < min || days > max) throw badInput(`expiresInDays must be between ${min} and ${max}.`, 'expiresInDays');
    const customer = await this.customerOfOrganization(actor, request.customerId);
    if (request.invoiceId) {
      const invoice = await this.db.invoice.findFirst({ where: { id: request.invoiceId, organizationId: actor.organizationId } });
      if (!invoice) throw notFound('Invoice');
      if (invoice.customerId !== customer.id) throw badInput('The invoice does not belong to that customer.', 'invoiceId');
    }
    const emails = request.sendEmail ? this.emails : undefined;
    if (request.sendEmail && !emails?.outbox.enabled) {
      return userError('EMAIL_NOT_CONFIGURED', 'Email is off on this server (SMTP_URL is not set): no link was issued. Issue it without sendEmail and send the url yourself.');
    }
    if (emails && !customer.email) {
      return userError('CUSTOMER_HAS_NO_EMAIL', 'This customer has no email address: no link was issued. Add an address, or issue the link without sendEmail and send the url yourself.');
    }

    const issued = await issueSecret('customer', this.config.argon2);
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    const url = paymentLinkUrl(this.config.portalBaseUrl, issued.secret);
    const { row, email } = await this.db.$transaction(async (tx) => {
      const row = await tx.customerPaymentToken.create({
        data: {
          organizationId: actor.organizationId,
          customerId: customer.id,
          invoiceId: request.invoiceId ?? null,
          selector: issued.selector,
          verifierHash: issued.verifierHash,
          expiresAt,
        },
      });
      const queued = emails ? await emails.queuePaymentLink(tx, row, url) : null;
      await this.audit.entry(
        {
          ...auditActor(actor, meta),
          action: 'TOKEN_ISSUED',
          targetType: 'CustomerPaymentToken',
          targetId: row.id,
          details: { customerId: customer.id, invoiceId: request.invoiceId ?? null, expiresInDays: days, ...(queued?.id && { emailId: queued.id }) },
        },
        tx,
      );
      return { row, email: queued?.id ? { id: queued.id, recipient: customer.email! } : null };
    });
    return { kind: 'issued', token: issued.secret, url, paymentToken: paymentTokenView(row), email };
  }

  async revoke(actor: OrganizationActor, tokenId: string, meta: RequestMeta | null): Promise<PaymentTokenView> {
    const token = await this.db.customerPaymentToken.findFirst({ where: { id: tokenId, organizationId: actor.organizationId } });
    if (!token) throw notFound('Payment token');
    // Revoking twice keeps the first revocation time.
    const revoked = token.revokedAt ? token : await this.db.customerPaymentToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await this.audit.recordFor(actor, meta, {
      action: 'TOKEN_REVOKED',
      targetType: 'CustomerPaymentToken',
      targetId: token.id,
      details: { customerId: token.customerId, alreadyRevoked: !!token.revokedAt },
    });
    return paymentTokenView(revoked);
  }

  /** An organization's link, for the operator who knows only its id (the CLI). */
  async organizationOf(tokenId: string): Promise<string> {
    const token = await this.db.customerPaymentToken.findUnique({ where: { id: tokenId }, select: { organizationId: true } });
    if (!token) throw notFound('Payment token');
    return token.organizationId;
  }

  async list(actor: OrganizationActor, customerId: string, meta: RequestMeta | null): Promise<PaymentTokenView[]> {
    const customer = await this.customerOfOrganization(actor, customerId);
    await this.audit.recordFor(actor, meta, { action: 'ADMIN_QUERY', targetType: 'Customer', targetId: customer.id, details: { field: 'customerPaymentTokens' } });
    const rows = await this.db.customerPaymentToken.findMany({ where: { customerId: customer.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    const now = new Date();
    return rows.map((row) => paymentTokenView(row, now));
  }

  private async customerOfOrganization(actor: OrganizationActor, customerId: string) {
    const customer = await this.db.customer.findFirst({ where: { id: customerId, organizationId: actor.organizationId } });
    if (!customer) throw notFound('Customer');
    return customer;
  }
}

function auditActor(actor: OrganizationActor, meta: RequestMeta | null) {
  return { ...actorOf(actor), ip: meta?.ip ?? null };
}
