import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { CustomerPaymentToken, Invoice, InvoiceLineItem, Payment, PaymentMethod } from './generated/sqlite/client';
import type { StatementListener } from './statement-gate';

/** What checking a payment token needs of its row. */
export type TokenCredentialRow = Pick<CustomerPaymentToken, 'id' | 'organizationId' | 'customerId' | 'invoiceId' | 'verifierHash' | 'expiresAt' | 'revokedAt'>;

/** A payment as the history shows it: what the page needs, not the whole row. */
export type PaymentHistoryRow = Pick<
  Payment,
  'id' | 'invoiceId' | 'amount' | 'currency' | 'amountRefunded' | 'overpaidAmount' | 'status' | 'paymentMethodBrand' | 'paymentMethodLast4' | 'createdAt'
>;

/** The open invoices' figures a balance is computed from. */
export type OpenInvoiceFigures = Pick<Invoice, 'total' | 'amountPaid' | 'dueAt' | 'status'>;

/**
 * The reads behind every page view and token check, in plain SQL on prepared statements.
 *
 * Why not Prisma here: Prisma 7's client and driver adapter spend about 0.3 ms of CPU per statement on this
 * machine, against 0.01 ms for the same prepared statement in better-sqlite3; a portal page runs seven of them,
 * and that overhead was most of its cost (docs/BENCHMARKS.md). Everything else, and every write, stays on Prisma.
 * The SQL is written once: identifiers are double-quoted and parameters are `$n`, which SQLite reads as named
 * parameters "1", "2", ….
 * Rows come back shaped as the Prisma models, and the whole test suite runs on both databases.
 */
export interface PortalReads {
  tokenBySelector(selector: string): Promise<TokenCredentialRow | null>;
  invoiceOfCustomer(customerId: string, invoiceId: string): Promise<Invoice | null>;
  oldestOpenInvoice(customerId: string): Promise<Invoice | null>;
  /** The customer's currency and open invoices; null when there is no such customer. */
  openInvoices(customerId: string): Promise<{ currency: string; open: OpenInvoiceFigures[] } | null>;
  /** Newest first, strictly after `position` in that order when given. */
  payments(customerId: string, position: { createdAt: Date; id: string } | null, take: number): Promise<PaymentHistoryRow[]>;
  /** The default first, then newest. */
  paymentMethods(customerId: string): Promise<PaymentMethod[]>;
  /** Ordered by invoice, then position. */
  lineItems(invoiceIds: readonly string[]): Promise<InvoiceLineItem[]>;
  close(): Promise<void>;
}

const DATE_COLUMNS = new Set(['createdAt', 'updatedAt', 'expiresAt', 'revokedAt', 'lastUsedAt', 'issuedAt', 'dueAt']);

const PAYMENT_HISTORY_COLUMNS =
  '"id", "invoiceId", "amount", "currency", "amountRefunded", "overpaidAmount", "status", "paymentMethodBrand", "paymentMethodLast4", "createdAt"';

const SQL = {
  tokenBySelector: `SELECT "id", "organizationId", "customerId", "invoiceId", "verifierHash", "expiresAt", "revokedAt" FROM "CustomerPaymentToken" WHERE "selector" = $1`,
  invoiceOfCustomer: `SELECT * FROM "Invoice" WHERE "id" = $1 AND "customerId" = $2`,
  oldestOpenInvoice: `SELECT * FROM "Invoice" WHERE "customerId" = $1 AND "status" = 'OPEN' ORDER BY "issuedAt" ASC, "id" ASC LIMIT 1`,
  // One statement for both: a customer without open invoices still yields its currency (with a NULL invoice).
  openInvoices:
    `SELECT c."currency", i."total", i."amountPaid", i."dueAt", i."status" FROM "Customer" c ` +
    `LEFT JOIN "Invoice" i ON i."customerId" = c."id" AND i."status" = 'OPEN' WHERE c."id" = $1`,
  // Only the columns a history page shows: a page of rows is the widest read here, and every value costs.
  firstPayments: `SELECT ${PAYMENT_HISTORY_COLUMNS} FROM "Payment" WHERE "customerId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT $2`,
  paymentsAfter:
    `SELECT ${PAYMENT_HISTORY_COLUMNS} FROM "Payment" WHERE "customerId" = $1 AND ("createdAt" < $2 OR ("createdAt" = $2 AND "id" < $3)) ` +
    `ORDER BY "createdAt" DESC, "id" DESC LIMIT $4`,
  paymentMethods: `SELECT * FROM "PaymentMethod" WHERE "customerId" = $1 ORDER BY ("defaultForCustomerId" IS NULL), "createdAt" DESC, "id" DESC`,
  // A single statement for any number of invoices, so it is prepared once.
  lineItems: {
    sqlite: `SELECT * FROM "InvoiceLineItem" WHERE "invoiceId" IN (SELECT value FROM json_each($1)) ORDER BY "invoiceId", "position"`,
    postgresql: `SELECT * FROM "InvoiceLineItem" WHERE "invoiceId" = ANY($1::text[]) ORDER BY "invoiceId", "position"`,
  },
};

type Row = Record<string, unknown>;

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

/** Turns the statements above into typed reads, given how to run one statement. */
function portalReads(runDriver: (name: keyof typeof SQL, params: unknown[]) => Promise<Row[]>, close: () => Promise<void>): PortalReads {
  // Driver errors are rewrapped: the drivers' own error classes are not always Errors of this realm (graphql-js
  // then reports "Unexpected error value" instead of the message).
  const run = (name: keyof typeof SQL, params: unknown[]) =>
    runDriver(name, params).catch((error: unknown) => {
      throw new PortalReadError(name, error);
    });
  const first = async <T>(name: keyof typeof SQL, params: unknown[]) => ((await run(name, params))[0] as T | undefined) ?? null;
  return {
    tokenBySelector: (selector) => first<TokenCredentialRow>('tokenBySelector', [selector]),
    invoiceOfCustomer: (customerId, invoiceId) => first<Invoice>('invoiceOfCustomer', [invoiceId, customerId]),
    oldestOpenInvoice: (customerId) => first<Invoice>('oldestOpenInvoice', [customerId]),
    async openInvoices(customerId) {
      const rows = await run('openInvoices', [customerId]);
      if (rows.length === 0) return null;
      const open = rows.filter((row) => row.status !== null) as unknown as OpenInvoiceFigures[];
      return { currency: rows[0].currency as string, open };
    },
    payments: async (customerId, position, take) =>
      (position
        ? await run('paymentsAfter', [customerId, position.createdAt, position.id, take])
        : await run('firstPayments', [customerId, take])) as unknown as PaymentHistoryRow[],
    paymentMethods: async (customerId) => (await run('paymentMethods', [customerId])) as unknown as PaymentMethod[],
    lineItems: async (invoiceIds) => (await run('lineItems', [[...invoiceIds]])) as unknown as InvoiceLineItem[],
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
 */
export function sqlitePortalReads(file: string, listen: StatementListener): PortalReads {
  const db = new Sqlite(file, { fileMustExist: true, timeout: 10_000 });
  const statements = new Map<string, { stmt: Sqlite.Statement; toRow: (values: unknown[]) => Row }>();
  const statement = (name: keyof typeof SQL) => {
    let prepared = statements.get(name);
    if (!prepared) {
      const text = SQL[name];
      // Rows come back as arrays and are built here: cheaper than better-sqlite3's own objects, and every row of a
      // statement gets the same shape.
      const stmt = db.prepare(typeof text === 'string' ? text : text.sqlite).raw(true);
      statements.set(name, (prepared = { stmt, toRow: rowBuilder(stmt.columns().map((column) => column.name)) }));
    }
    return prepared;
  };
  return portalReads(
    async (name, params) => {
      const { stmt, toRow } = statement(name);
      listen(stmt.source, params);
      return (stmt.all(sqliteBindings(params)) as unknown[][]).map(toRow);
    },
    async () => {
      db.close();
    },
  );
}

/** Builds row objects from value arrays; DateTime columns (ISO 8601 text in SQLite) become Dates. */
function rowBuilder(columns: string[]): (values: unknown[]) => Row {
  const isDate = columns.map((column) => DATE_COLUMNS.has(column));
  return (values) => {
    const row: Row = {};
    for (let i = 0; i < columns.length; i++) {
      const value = values[i];
      row[columns[i]] = isDate[i] && typeof value === 'string' ? new Date(value) : value;
    }
    return row;
  };
}

/** Prisma's `timestamp(3)` columns hold UTC without a zone; pg would read them as local time. */
const TIMESTAMP_OID = 1114;
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** On PostgreSQL: the pool Prisma uses too, with named (server-side prepared) statements. */
export function postgresPortalReads(pool: pg.Pool, listen: StatementListener): PortalReads {
  return portalReads(
    async (name, params) => {
      const text = SQL[name];
      const sql = typeof text === 'string' ? text : text.postgresql;
      listen(sql, params);
      const result = await pool.query<Row>({ name: `portal_${name}`, text: sql, values: params, types: pgTypes });
      return result.rows;
    },
    async () => undefined,
  );
}
