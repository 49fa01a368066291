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
  /** In minor units. Keeps every invoice total, and so every amount derived from one, inside GraphQL's 32-bit Int. */
  invoiceTotal: { min: 1, max: 1_000_000_000 },
  /** Page size of the portal's lists (payment history, invoices). */
  pageSize: { default: 10, max: 100 },
  /** Days from issue to due when an invoice names no due date. */
  defaultDaysToPay: 30,
} as const;
