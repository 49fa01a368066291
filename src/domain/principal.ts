/** Who a request acts as. Resolved once per request from the Authorization header; never from arguments. */
export interface CustomerPrincipal {
  kind: 'customer';
  tokenId: string;
  organizationId: string;
  customerId: string;
  /** Set when the link was issued for one invoice: the token then sees only that invoice. */
  invoiceId: string | null;
}

export interface AdminPrincipal {
  kind: 'admin';
  adminKeyId: string;
  organizationId: string;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
  /** True when a credential was sent but did not verify. */
  failed: boolean;
  /**
   * Set only for a genuine payment link (its secret verified) that has expired and was not revoked. It opens nothing;
   * it may ask for a new link by email (requestNewPaymentLink), and other fields answer LINK_EXPIRED.
   */
  expiredLink?: ExpiredLink;
}

/** Which link expired: enough to issue the same customer a new one. */
export interface ExpiredLink {
  tokenId: string;
  organizationId: string;
  customerId: string;
  invoiceId: string | null;
}

/** What an HTTP request can be: the principal the API's context carries. */
export type Principal = CustomerPrincipal | AdminPrincipal | AnonymousPrincipal;

/**
 * An operator on the machine itself (the CLI, start-up's demo access): acts for one organization without a key and
 * without a request. Never comes from HTTP.
 */
export interface OperatorPrincipal {
  kind: 'operator';
  organizationId: string;
}

export function operatorPrincipal(organizationId: string): OperatorPrincipal {
  return { kind: 'operator', organizationId };
}

/** Who may manage an organization's customers, invoices and links: an admin key over the API, or an operator. */
export type OrganizationActor = AdminPrincipal | OperatorPrincipal;

/** Anyone an audit row can name. */
export type Actor = Principal | OperatorPrincipal;

/** Request facts the domain records (audit, usage) without knowing about HTTP. */
export interface RequestMeta {
  ip: string;
  requestId: string;
}
