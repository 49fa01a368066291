/**
 * Bounds on what a caller may ask for. One source: the GraphQL input classes declare them (so clients see them in
 * the schema and bad input is refused before a resolver runs) and the services enforce them again (the CLI and
 * start-up call the services directly).
 */
export const LIMITS = {
  /** A payment link's lifetime, in days. */
  paymentLinkDays: { min: 1, max: 90 },
  /** Ids a client sends (cuid today; room for other schemes). */
  idLength: { min: 1, max: 64 },
  customerName: { min: 1, max: 200 },
  email: { max: 320 },
  /** A BCP 47 language tag; 35 characters hold every tag in practical use (RFC 5646, 4.4.1). */
  locale: { max: 35 },
  invoiceNumber: { min: 1, max: 64 },
  lineItems: { min: 1, max: 1000 },
  lineItemDescription: { min: 1, max: 500 },
  lineItemQuantity: { min: 1, max: 1_000_000 },
  /**
   * In minor units. Keeps every stored amount derived from one invoice (line items, payments, refunds, what was
   * paid) inside a 32-bit integer column, with room for one overpayment of the whole total (see storedAmount).
   */
  invoiceTotal: { min: 1, max: 1_000_000_000 },
  /**
   * The largest amount a money column holds, in minor units: the columns are 32-bit integers on PostgreSQL (Prisma's
   * Int). Sums over invoices (a balance) are never stored; the API hands money out as 53-bit safe integers.
   */
  storedAmount: { max: 2_147_483_647 },
  organizationName: { min: 1, max: 200 },
  adminKeyName: { min: 1, max: 100 },
  /** An admin API key's lifetime when it has one, in days (a key may also never expire). */
  adminKeyDays: { min: 1, max: 3650 },
  /** Page size of the portal's lists (payment history, invoices). */
  pageSize: { default: 10, max: 100 },
  /** Days from issue to due when an invoice names no due date. */
  defaultDaysToPay: 30,
  /** An admin's note on a refund. */
  refundNote: { max: 500 },
  /** A client's request id for an admin's refund (its idempotency key): letters, digits, `-` and `_`. */
  refundRequestId: { min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ },
} as const;
