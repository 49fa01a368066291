// Types only: each driver is loaded by the function for its provider, so a server carries only its own.
import type Sqlite from 'better-sqlite3';
import type pg from 'pg';
import type { AdminApiKey, Customer, CustomerPaymentToken, Invoice, InvoiceLineItem, Organization, Payment, PaymentMethod } from './generated/sqlite/client';
import type { StatementListener } from './statement-gate';

/**
 * The reads behind every page view and credential check, in plain SQL on prepared statements.
 *
 * Why not Prisma here: Prisma 7's client and driver adapter spend about 0.3 ms of CPU per statement on this
 * machine, against 0.01 ms for the same prepared statement in better-sqlite3; a portal page runs six of them,
 * and that overhead was most of its cost (docs/BENCHMARKS.md). Everything else, and every write, stays on Prisma;
 * a use case that writes reads through Prisma too, so it never mixes this read model with its own transaction.
 *
 * The SQL is written once: identifiers are double-quoted and parameters are `$n`, which SQLite reads as named
 * parameters "1", "2", …. Each statement names its columns, and its decoder reads them back in that order and
 * checks each value's type, so a row is typed by what was checked rather than by a cast. The whole test suite
 * runs on both databases.
 */

/** What checking a payment token needs of its row. */
export type TokenCredentialRecord = Pick<CustomerPaymentToken, 'id' | 'organizationId' | 'customerId' | 'invoiceId' | 'verifierHash' | 'expiresAt' | 'revokedAt'>;

/** What checking an admin key needs of its row. */
export type AdminKeyCredentialRecord = Pick<AdminApiKey, 'id' | 'organizationId' | 'verifierHash' | 'expiresAt' | 'revokedAt'>;

export type InvoiceRecord = Pick<Invoice, 'id' | 'customerId' | 'number' | 'status' | 'currency' | 'total' | 'amountPaid' | 'amountRefunded' | 'issuedAt' | 'dueAt'>;

/** What a payment link opens: its own bounds, and whose it is. */
export interface PaymentLinkRecord {
  invoiceId: string | null;
  expiresAt: Date;
  organization: Pick<Organization, 'name' | 'supportEmail'>;
  customer: Pick<Customer, 'id' | 'name' | 'email' | 'locale' | 'currency' | 'createdAt'>;
}

/**
 * Where a page of a customer's invoices starts, in their listing order: open ones first by due date, then the
 * others newest issued first, ties by id. `at` is the invoice's dueAt when it is open, else its issuedAt.
 */
export interface InvoicePosition {
  open: boolean;
  at: Date;
  id: string;
}

/** Which of a customer's invoices a listing may show. */
export interface InvoiceFilter {
  status: string | null;
  /** Only this invoice (a link bound to one). */
  invoiceId: string | null;
}

/** The open invoices' figures a balance is computed from. */
export type OpenInvoiceFigures = Pick<Invoice, 'total' | 'amountPaid' | 'amountRefunded' | 'dueAt' | 'status'>;

/** A payment as the history shows it: what the page needs, not the whole row. */
export type PaymentHistoryRecord = Pick<
  Payment,
  'id' | 'invoiceId' | 'amount' | 'currency' | 'amountRefunded' | 'amountDisputed' | 'overpaidAmount' | 'status' | 'paymentMethodBrand' | 'paymentMethodLast4' | 'createdAt'
>;

export type SavedCardRecord = Pick<PaymentMethod, 'id' | 'brand' | 'last4' | 'expMonth' | 'expYear' | 'defaultForCustomerId'>;

export type LineItemRecord = Pick<InvoiceLineItem, 'invoiceId' | 'description' | 'quantity' | 'unitAmount' | 'amount'>;

export interface PortalReads {
  tokenBySelector(selector: string): Promise<TokenCredentialRecord | null>;
  adminKeyBySelector(selector: string): Promise<AdminKeyCredentialRecord | null>;
  invoiceOfCustomer(customerId: string, invoiceId: string): Promise<InvoiceRecord | null>;
  oldestOpenInvoice(customerId: string): Promise<InvoiceRecord | null>;
  /**
   * The lines of the invoice that invoiceOfCustomer (with `invoiceId`) or oldestOpenInvoice (null) finds, in order,
   * found the same way: asked for beside that read, they need not wait for its id (on PostgreSQL both go in one round trip).
   */
  lineItemsOfInvoiceFound(customerId: string, invoiceId: string | null): Promise<LineItemRecord[]>;
  /** `take` invoices in listing order (see InvoicePosition), strictly after `position` when given. */
  invoices(customerId: string, filter: InvoiceFilter, position: InvoicePosition | null, take: number): Promise<InvoiceRecord[]>;
  /** The token's link with its organization and customer; null when the token is not that customer's. */
  paymentLink(tokenId: string, customerId: string): Promise<PaymentLinkRecord | null>;
  /** The customer's currency and open invoices (only `invoiceId`, when given); null when there is no such customer. */
  openInvoices(customerId: string, invoiceId: string | null): Promise<{ currency: string; open: OpenInvoiceFigures[] } | null>;
  /** Newest first, strictly after `position` in that order when given; only those of `invoiceId`, when given. */
  payments(customerId: string, invoiceId: string | null, position: { createdAt: Date; id: string } | null, take: number): Promise<PaymentHistoryRecord[]>;
  /** The default first, then newest. */
  paymentMethods(customerId: string): Promise<SavedCardRecord[]>;
  /** Ordered by invoice, then position. */
  lineItems(invoiceIds: readonly string[]): Promise<LineItemRecord[]>;
  close(): Promise<void>;
}

/** A read that failed for a reason of the database's (a lost connection, a missing table): an internal error. */
export class PortalReadError extends Error {
  readonly code: unknown;
  constructor(read: string, cause: unknown) {
    const { message, code } = (cause ?? {}) as { message?: unknown; code?: unknown };
    super(`${read}: ${typeof message === 'string' ? message : String(cause)}`, { cause });
    this.name = 'PortalReadError';
    this.code = code;
  }
}

/** A row as the drivers return it here: its values in the statement's column order. */
type Values = readonly unknown[];

class RowShapeError extends Error {}

const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new RowShapeError(`expected text, got ${typeof value}`);
  return value;
};
const textOrNull = (value: unknown): string | null => (value === null ? null : text(value));
const int = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new RowShapeError(`expected an integer, got ${typeof value}`);
  return value;
};
/** Ends with a zone: Z or an offset. */
const ZONED = /(?:Z|[+-]\d\d:?\d\d)$/i;
/**
 * PostgreSQL's driver gives Dates (see pgTypes); SQLite holds Prisma's ISO 8601 text with its offset; a batch of
 * PostgreSQL reads (see batchedPostgresDriver) gives `timestamp(3)` columns as JSON text without a zone, which is UTC.
 */
const date = (value: unknown): Date => {
  if (value instanceof Date) return value;
  if (typeof value === 'string') return new Date(ZONED.test(value) ? value : `${value}Z`);
  throw new RowShapeError(`expected a timestamp, got ${typeof value}`);
};
const dateOrNull = (value: unknown): Date | null => (value === null ? null : date(value));

interface Statement<T> {
  sql: string | { sqlite: string; postgresql: string };
  decode(values: Values): T;
}

/**
 * A page size, bound as the `n`th parameter. SQLite (3.47 and later) reads a bare `LIMIT $n`'s bound value while planning,
 * so every new binding expires the statement and the next run parses and plans it again (4.5% of the server's CPU under
 * the benchmark's load, all in the payment history read); behind a CAST the value is only an operand, and the statement
 * stays prepared.
 */
const limit = (n: number) => `LIMIT CAST($${n} AS INTEGER)`;

const INVOICE_COLUMNS = '"id", "customerId", "number", "status", "currency", "total", "amountPaid", "amountRefunded", "issuedAt", "dueAt"';
const decodeInvoice = ([id, customerId, number, status, currency, total, amountPaid, amountRefunded, issuedAt, dueAt]: Values): InvoiceRecord => ({
  id: text(id),
  customerId: text(customerId),
  number: text(number),
  status: text(status),
  currency: text(currency),
  total: int(total),
  amountPaid: int(amountPaid),
  amountRefunded: int(amountRefunded),
  issuedAt: date(issuedAt),
  dueAt: date(dueAt),
});

/** The customer's invoices, optionally of one status or only one invoice; listing order as InvoicePosition says. */
const INVOICE_LISTING = {
  where:
    `"customerId" = $1 AND (CAST($2 AS TEXT) IS NULL OR "status" = CAST($2 AS TEXT)) ` +
    `AND (CAST($3 AS TEXT) IS NULL OR "id" = CAST($3 AS TEXT))`,
  // Each CASE is constant within the other group, so the two groups sort by their own keys only.
  orderBy:
    `ORDER BY CASE WHEN "status" = 'OPEN' THEN 0 ELSE 1 END, CASE WHEN "status" = 'OPEN' THEN "dueAt" END ASC, ` +
    `CASE WHEN "status" = 'OPEN' THEN NULL ELSE "issuedAt" END DESC, "id" ASC`,
};

// Only the columns a history page shows: a page of rows is the widest read here, and every value costs.
const LINE_ITEM_COLUMNS = '"invoiceId", "description", "quantity", "unitAmount", "amount"';
const decodeLineItem = ([invoiceId, description, quantity, unitAmount, amount]: Values): LineItemRecord => ({
  invoiceId: text(invoiceId),
  description: text(description),
  quantity: int(quantity),
  unitAmount: int(unitAmount),
  amount: int(amount),
});

const PAYMENT_COLUMNS =
  '"id", "invoiceId", "amount", "currency", "amountRefunded", "amountDisputed", "overpaidAmount", "status", "paymentMethodBrand", "paymentMethodLast4", "createdAt"';
const decodePayment = ([id, invoiceId, amount, currency, amountRefunded, amountDisputed, overpaidAmount, status, brand, last4, createdAt]: Values): PaymentHistoryRecord => ({
  id: text(id),
  invoiceId: text(invoiceId),
  amount: int(amount),
  currency: text(currency),
  amountRefunded: int(amountRefunded),
  amountDisputed: int(amountDisputed),
  overpaidAmount: int(overpaidAmount),
  status: text(status),
  paymentMethodBrand: textOrNull(brand),
  paymentMethodLast4: textOrNull(last4),
  createdAt: date(createdAt),
});

const STATEMENTS = {
  tokenBySelector: {
    sql: `SELECT "id", "organizationId", "customerId", "invoiceId", "verifierHash", "expiresAt", "revokedAt" FROM "CustomerPaymentToken" WHERE "selector" = $1`,
    decode: ([id, organizationId, customerId, invoiceId, verifierHash, expiresAt, revokedAt]) => ({
      id: text(id),
      organizationId: text(organizationId),
      customerId: text(customerId),
      invoiceId: textOrNull(invoiceId),
      verifierHash: text(verifierHash),
      expiresAt: date(expiresAt),
      revokedAt: dateOrNull(revokedAt),
    }),
  } satisfies Statement<TokenCredentialRecord>,
  adminKeyBySelector: {
    sql: `SELECT "id", "organizationId", "verifierHash", "expiresAt", "revokedAt" FROM "AdminApiKey" WHERE "selector" = $1`,
    decode: ([id, organizationId, verifierHash, expiresAt, revokedAt]) => ({
      id: text(id),
      organizationId: text(organizationId),
      verifierHash: text(verifierHash),
      expiresAt: dateOrNull(expiresAt),
      revokedAt: dateOrNull(revokedAt),
    }),
  } satisfies Statement<AdminKeyCredentialRecord>,
  invoiceOfCustomer: {
    sql: `SELECT ${INVOICE_COLUMNS} FROM "Invoice" WHERE "id" = $1 AND "customerId" = $2`,
    decode: decodeInvoice,
  } satisfies Statement<InvoiceRecord>,
  oldestOpenInvoice: {
    sql: `SELECT ${INVOICE_COLUMNS} FROM "Invoice" WHERE "customerId" = $1 AND "status" = 'OPEN' ORDER BY "issuedAt" ASC, "id" ASC LIMIT 1`,
    decode: decodeInvoice,
  } satisfies Statement<InvoiceRecord>,
  firstInvoices: {
    sql: `SELECT ${INVOICE_COLUMNS} FROM "Invoice" WHERE ${INVOICE_LISTING.where} ${INVOICE_LISTING.orderBy} ${limit(4)}`,
    decode: decodeInvoice,
  } satisfies Statement<InvoiceRecord>,
  // After an open invoice: the open ones due later (or as late, with a greater id), then every other one.
  invoicesAfterOpen: {
    sql:
      `SELECT ${INVOICE_COLUMNS} FROM "Invoice" WHERE ${INVOICE_LISTING.where} ` +
      `AND ("status" <> 'OPEN' OR "dueAt" > $4 OR ("dueAt" = $4 AND "id" > $5)) ${INVOICE_LISTING.orderBy} ${limit(6)}`,
    decode: decodeInvoice,
  } satisfies Statement<InvoiceRecord>,
  // After another invoice: the others issued earlier (or as early, with a greater id).
  invoicesAfterClosed: {
    sql:
      `SELECT ${INVOICE_COLUMNS} FROM "Invoice" WHERE ${INVOICE_LISTING.where} ` +
      `AND "status" <> 'OPEN' AND ("issuedAt" < $4 OR ("issuedAt" = $4 AND "id" > $5)) ${INVOICE_LISTING.orderBy} ${limit(6)}`,
    decode: decodeInvoice,
  } satisfies Statement<InvoiceRecord>,
  paymentLink: {
    sql:
      `SELECT t."invoiceId", t."expiresAt", o."name", o."supportEmail", c."id", c."name", c."email", c."locale", c."currency", c."createdAt" ` +
      `FROM "CustomerPaymentToken" t JOIN "Customer" c ON c."id" = t."customerId" JOIN "Organization" o ON o."id" = t."organizationId" ` +
      `WHERE t."id" = $1 AND t."customerId" = $2`,
    decode: ([invoiceId, expiresAt, organizationName, supportEmail, id, name, email, locale, currency, createdAt]) => ({
      invoiceId: textOrNull(invoiceId),
      expiresAt: date(expiresAt),
      organization: { name: text(organizationName), supportEmail: textOrNull(supportEmail) },
      customer: { id: text(id), name: text(name), email: textOrNull(email), locale: textOrNull(locale), currency: text(currency), createdAt: date(createdAt) },
    }),
  } satisfies Statement<PaymentLinkRecord>,
  // One statement for both: a customer without open invoices still yields its currency (with a NULL invoice).
  // $2 narrows it to one invoice (a link bound to one).
  openInvoices: {
    sql:
      `SELECT c."currency", i."status", i."total", i."amountPaid", i."amountRefunded", i."dueAt" FROM "Customer" c ` +
      `LEFT JOIN "Invoice" i ON i."customerId" = c."id" AND i."status" = 'OPEN' AND (CAST($2 AS TEXT) IS NULL OR i."id" = CAST($2 AS TEXT)) ` +
      `WHERE c."id" = $1`,
    decode: ([currency, status, total, amountPaid, amountRefunded, dueAt]) => ({
      currency: text(currency),
      invoice: status === null ? null : { status: text(status), total: int(total), amountPaid: int(amountPaid), amountRefunded: int(amountRefunded), dueAt: date(dueAt) },
    }),
  } satisfies Statement<{ currency: string; invoice: OpenInvoiceFigures | null }>,
  // A customer's payments, and one invoice's (a link bound to one) in statements of their own: one statement with an
  // optional `(CAST($2 AS TEXT) IS NULL OR "invoiceId" = $2)` made SQLite's plan and every row's check cost more.
  firstPayments: {
    sql: `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "customerId" = $1 ORDER BY "createdAt" DESC, "id" DESC ${limit(2)}`,
    decode: decodePayment,
  } satisfies Statement<PaymentHistoryRecord>,
  paymentsAfter: {
    sql:
      `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "customerId" = $1 AND ("createdAt" < $2 OR ("createdAt" = $2 AND "id" < $3)) ` +
      `ORDER BY "createdAt" DESC, "id" DESC ${limit(4)}`,
    decode: decodePayment,
  } satisfies Statement<PaymentHistoryRecord>,
  firstPaymentsOfInvoice: {
    sql: `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "customerId" = $1 AND "invoiceId" = $2 ORDER BY "createdAt" DESC, "id" DESC ${limit(3)}`,
    decode: decodePayment,
  } satisfies Statement<PaymentHistoryRecord>,
  paymentsOfInvoiceAfter: {
    sql:
      `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "customerId" = $1 AND "invoiceId" = $2 AND ("createdAt" < $3 OR ("createdAt" = $3 AND "id" < $4)) ` +
      `ORDER BY "createdAt" DESC, "id" DESC ${limit(5)}`,
    decode: decodePayment,
  } satisfies Statement<PaymentHistoryRecord>,
  paymentMethods: {
    sql:
      `SELECT "id", "brand", "last4", "expMonth", "expYear", "defaultForCustomerId" FROM "PaymentMethod" WHERE "customerId" = $1 ` +
      `ORDER BY ("defaultForCustomerId" IS NULL), "createdAt" DESC, "id" DESC`,
    decode: ([id, brand, last4, expMonth, expYear, defaultFor]) => ({
      id: text(id),
      brand: text(brand),
      last4: text(last4),
      expMonth: int(expMonth),
      expYear: int(expYear),
      defaultForCustomerId: textOrNull(defaultFor),
    }),
  } satisfies Statement<SavedCardRecord>,
  // A single statement for any number of invoices, so it is prepared once.
  lineItems: {
    sql: {
      sqlite: `SELECT ${LINE_ITEM_COLUMNS} FROM "InvoiceLineItem" WHERE "invoiceId" IN (SELECT value FROM json_each($1)) ORDER BY "invoiceId", "position"`,
      postgresql: `SELECT ${LINE_ITEM_COLUMNS} FROM "InvoiceLineItem" WHERE "invoiceId" = ANY($1::text[]) ORDER BY "invoiceId", "position"`,
    },
    decode: decodeLineItem,
  } satisfies Statement<LineItemRecord>,
  // The lines of the invoice that invoiceOfCustomer and oldestOpenInvoice find, by the same conditions.
  lineItemsOfInvoiceOfCustomer: {
    sql: `SELECT ${LINE_ITEM_COLUMNS} FROM "InvoiceLineItem" WHERE "invoiceId" = (SELECT "id" FROM "Invoice" WHERE "id" = $1 AND "customerId" = $2) ORDER BY "position"`,
    decode: decodeLineItem,
  } satisfies Statement<LineItemRecord>,
  lineItemsOfOldestOpenInvoice: {
    sql:
      `SELECT ${LINE_ITEM_COLUMNS} FROM "InvoiceLineItem" WHERE "invoiceId" = ` +
      `(SELECT "id" FROM "Invoice" WHERE "customerId" = $1 AND "status" = 'OPEN' ORDER BY "issuedAt" ASC, "id" ASC LIMIT 1) ORDER BY "position"`,
    decode: decodeLineItem,
  } satisfies Statement<LineItemRecord>,
};

type StatementName = keyof typeof STATEMENTS;
type RecordOf<N extends StatementName> = ReturnType<(typeof STATEMENTS)[N]['decode']>;

/** Runs one statement and gives back its rows as value arrays, in the statement's column order. */
type Driver = (name: StatementName, sql: string, params: unknown[]) => Promise<Values[]>;

/** Turns the statements above into typed reads, given how to run one statement. */
function portalReads(provider: 'sqlite' | 'postgresql', driver: Driver, close: () => Promise<void>): PortalReads {
  async function run<N extends StatementName>(name: N, params: unknown[]): Promise<RecordOf<N>[]> {
    const statement = STATEMENTS[name] as Statement<RecordOf<N>>;
    const sql = typeof statement.sql === 'string' ? statement.sql : statement.sql[provider];
    try {
      return (await driver(name, sql, params)).map((values) => statement.decode(values));
    } catch (error) {
      // Rewrapped: the drivers' own error classes are not always Errors of this realm (graphql-js then reports
      // "Unexpected error value" instead of the message).
      throw new PortalReadError(name, error);
    }
  }
  const first = async <N extends StatementName>(name: N, params: unknown[]) => (await run(name, params))[0] ?? null;
  return {
    tokenBySelector: (selector) => first('tokenBySelector', [selector]),
    adminKeyBySelector: (selector) => first('adminKeyBySelector', [selector]),
    invoiceOfCustomer: (customerId, invoiceId) => first('invoiceOfCustomer', [invoiceId, customerId]),
    oldestOpenInvoice: (customerId) => first('oldestOpenInvoice', [customerId]),
    invoices(customerId, { status, invoiceId }, position, take) {
      if (!position) return run('firstInvoices', [customerId, status, invoiceId, take]);
      return run(position.open ? 'invoicesAfterOpen' : 'invoicesAfterClosed', [customerId, status, invoiceId, position.at, position.id, take]);
    },
    paymentLink: (tokenId, customerId) => first('paymentLink', [tokenId, customerId]),
    async openInvoices(customerId, invoiceId) {
      const rows = await run('openInvoices', [customerId, invoiceId]);
      if (rows.length === 0) return null;
      return { currency: rows[0].currency, open: rows.flatMap((row) => (row.invoice ? [row.invoice] : [])) };
    },
    payments(customerId, invoiceId, position, take) {
      if (invoiceId === null) {
        return position ? run('paymentsAfter', [customerId, position.createdAt, position.id, take]) : run('firstPayments', [customerId, take]);
      }
      return position
        ? run('paymentsOfInvoiceAfter', [customerId, invoiceId, position.createdAt, position.id, take])
        : run('firstPaymentsOfInvoice', [customerId, invoiceId, take]);
    },
    paymentMethods: (customerId) => run('paymentMethods', [customerId]),
    lineItems: (invoiceIds) => run('lineItems', [[...invoiceIds]]),
    lineItemsOfInvoiceFound: (customerId, invoiceId) =>
      invoiceId === null ? run('lineItemsOfOldestOpenInvoice', [customerId]) : run('lineItemsOfInvoiceOfCustomer', [invoiceId, customerId]),
    close,
  };
}

/** Prisma stores SQLite DateTimes as ISO 8601 text with a "+00:00" offset; comparisons must use the same form. */
function sqliteParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (Array.isArray(value)) return JSON.stringify(value);
  return value;
}

/** The named bindings ("1", "2", …) for the `$n` parameters of the statements above. */
export function sqliteBindings(params: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(params.map((value, i) => [i + 1, sqliteParam(value)]));
}

/**
 * On SQLite: a second connection to the database file. In WAL mode it reads the last committed state while
 * Prisma's connection writes, so it never sees (or waits for) another request's open transaction.
 *
 * The reads asked for in one turn of the event loop run in one read transaction: a page's root fields, which resolve
 * side by side, and those of every other request whose bytes arrived in the same turn. They share a snapshot taken
 * after all of them were asked for, so each sees every write committed before it asked. SQLite takes and drops its WAL
 * read lock (an fcntl system call each) and runs BEGIN and COMMIT once for them all: per portal page, 12 lock calls
 * with a transaction per statement, 4 with one per page, and about 0.4 at 10 connections with one per turn, where
 * the server reads about 10 requests per turn (CPU per request -35% against one per page, in an A/B run).
 */
export function sqlitePortalReads(file: string, listen: StatementListener): PortalReads {
  const db = new (require('better-sqlite3') as typeof Sqlite)(file, { fileMustExist: true, timeout: 10_000 });
  const prepared = new Map<StatementName, Sqlite.Statement>();
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  function read({ name, sql, params }: PendingRead): Values[] {
    let stmt = prepared.get(name);
    // Raw mode: rows as value arrays, cheaper than better-sqlite3's objects and in the statement's column order.
    if (!stmt) prepared.set(name, (stmt = db.prepare(sql).raw(true)));
    listen(sql, params);
    return stmt.all(sqliteBindings(params)) as Values[];
  }

  const driver = collectedReads((reads) => {
    const together = reads.length > 1;
    try {
      if (together) begin.run();
    } catch (error) {
      for (const pending of reads) pending.reject(error);
      return;
    }
    for (const pending of reads) {
      try {
        pending.resolve(read(pending));
      } catch (error) {
        pending.reject(error);
      }
    }
    // A failed statement may have ended the transaction already (SQLite rolls back on some errors). It only read, so
    // rolling back loses nothing, and one left open would refuse every later BEGIN.
    if (together && db.inTransaction) {
      try {
        commit.run();
      } catch {
        rollback.run();
      }
    }
  }, afterThisTurnsIo);
  return portalReads('sqlite', driver, async () => {
    db.close();
  });
}

/** Prisma's `timestamp(3)` columns hold UTC without a zone; pg would read them as local time. */
const TIMESTAMP_OID = 1114;
const pgTypes = (types: typeof pg.types): pg.CustomTypesConfig => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
});

/** On PostgreSQL: the pool Prisma uses too, with named (server-side prepared) statements, batched per tick. */
export function postgresPortalReads(pool: pg.Pool, listen: StatementListener): PortalReads {
  const types = pgTypes((require('pg') as typeof pg).types);
  return portalReads('postgresql', batchedPostgresDriver(pool, types, listen), async () => undefined);
}

interface PendingRead {
  name: StatementName;
  sql: string;
  params: unknown[];
  resolve(rows: Values[]): void;
  reject(error: unknown): void;
}

/**
 * How many columns a statement here selects: the top-level commas of its SELECT list, plus one. The statements are
 * written in this file, with no subquery or function call in their SELECT lists.
 */
function columnCount(sql: string): number {
  const list = /^SELECT (.*?) FROM /s.exec(sql)?.[1];
  if (!list || /[()]/.test(list)) throw new Error(`cannot count the columns of: ${sql.slice(0, 80)}`);
  return list.split(',').length;
}

/**
 * Sends the reads asked for in one turn of the event loop as one statement, so a page's independent reads (a portal
 * page's invoice, balance, payments and cards: its root fields resolve side by side) cost one round trip instead of
 * four. Each round trip costs the server a socket write that wakes a backend, which on the benchmark's machine took
 * more CPU than everything else a PostgreSQL read does (docs/BENCHMARKS.md); it also reads them all from one snapshot.
 *
 * The batch is one SELECT of one row, a column per read:
 * `(SELECT coalesce(json_agg(json_build_array(c0, …)), '[]') FROM (<read>) AS s(c0, …))`, each read's `$n` renumbered
 * after the previous reads' parameters and its columns renamed c0, c1, … (two of a read's columns may share a name).
 * json_agg over an ordered subquery keeps its order (as PostgREST relies on for the same shape); a row comes back as a
 * JSON array of its values in the read's column order, as the drivers' rows are (arrays rather than objects keyed
 * c0, c1, …: -4% CPU per request in an A/B run). A read alone in its turn runs as its own prepared statement, as before.
 */
const MAX_BATCH_STATEMENTS = 64;

function batchedPostgresDriver(pool: pg.Pool, types: pg.CustomTypesConfig, listen: StatementListener): Driver {
  // The combined text and statement name of each combination of reads met so far: a handful for the API's own
  // operations. Aliases let a client make more, so past MAX_BATCH_STATEMENTS the rest run unnamed and uncached
  // (each pooled connection keeps every named statement it has prepared).
  const batches = new Map<string, { name?: string; sql: string }>();

  function combined(reads: readonly PendingRead[]): { name?: string; sql: string } {
    const key = reads.map((read) => read.name).join(',');
    let statement = batches.get(key);
    if (!statement) {
      let offset = 0;
      const columns = reads.map((read, i) => {
        const sql = read.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
        offset += read.params.length;
        const names = Array.from({ length: columnCount(read.sql) }, (_, c) => `c${c}`).join(', ');
        return `(SELECT coalesce(json_agg(json_build_array(${names})), '[]') FROM (${sql}) AS s(${names})) AS r${i}`;
      });
      const sql = `SELECT ${columns.join(', ')}`;
      if (batches.size >= MAX_BATCH_STATEMENTS) return { sql };
      batches.set(key, (statement = { name: `portal_batch_${batches.size}`, sql }));
    }
    return statement;
  }

  async function single(read: PendingRead) {
    listen(read.sql, read.params);
    const result = await pool.query<unknown[]>({ name: `portal_${read.name}`, text: read.sql, values: read.params, types, rowMode: 'array' });
    return result.rows;
  }

  async function batch(reads: PendingRead[]): Promise<Values[][]> {
    // Same reads, same text: one prepared statement per combination.
    reads.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const { name, sql } = combined(reads);
    const params = reads.flatMap((read) => read.params);
    listen(sql, params);
    const result = await pool.query<unknown[]>({ name, text: sql, values: params, types, rowMode: 'array' });
    return result.rows[0] as Values[][];
  }

  return collectedReads((reads) => {
    if (reads.length === 1) {
      single(reads[0]).then(reads[0].resolve, reads[0].reject);
      return;
    }
    batch(reads).then(
      (results) => reads.forEach((read, i) => read.resolve(results[i])),
      // One failing read fails the whole statement. Each runs again alone, so that only a read that fails itself is
      // refused: a token check must not fail because a page read beside it did.
      () => {
        for (const read of reads) single(read).then(read.resolve, read.reject);
      },
    );
  }, afterPromiseJobs);
}

/** A driver that hands over the reads asked for together, when `schedule` calls back: every read asked for until then joins. */
function collectedReads(run: (reads: PendingRead[]) => void, schedule: (flush: () => void) => void): Driver {
  let pending: PendingRead[] = [];
  const flush = () => {
    const reads = pending;
    pending = [];
    run(reads);
  };
  return (name, sql, params) =>
    new Promise<Values[]>((resolve, reject) => {
      if (pending.length === 0) schedule(flush);
      pending.push({ name, sql, params, resolve, reject });
    });
}

/**
 * Once the promise jobs queued now have run (DataLoader's scheduling): the reads a request's resolvers ask for side by
 * side. PostgreSQL sends them as one statement, prepared per combination of reads; other requests' reads mixed in
 * would multiply the combinations each connection prepares.
 */
function afterPromiseJobs(flush: () => void): void {
  void Promise.resolve().then(() => process.nextTick(flush));
}

/**
 * After this turn of the event loop has run its I/O callbacks (setImmediate's check phase): the reads of every request
 * whose bytes arrived in this turn. A lone request waits no longer than for its own promise jobs and callbacks.
 */
function afterThisTurnsIo(flush: () => void): void {
  setImmediate(flush);
}
