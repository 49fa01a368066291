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
}

export type Principal = CustomerPrincipal | AdminPrincipal | AnonymousPrincipal;

/** Request facts the domain records (audit, usage) without knowing about HTTP. */
export interface RequestMeta {
  ip: string;
  requestId: string;
}
