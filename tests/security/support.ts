/**
 * Helpers for the attack suite: raw HTTP requests (for what `graphql()` will not send), client addresses behind
 * a trusted proxy, and the "nothing changed in the database" check every attack ends with.
 */
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The test app with argon2 at its cheapest allowed setting: these suites issue many tokens, and no test here
 * depends on how slow a hash is (the token tests check that argon2 is not reached, not how long it takes).
 */
export function startSecurityApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ ARGON2_MEMORY_KIB: '8192', ARGON2_TIME_COST: '1', ...env });
}

/** Business tables, each read whole. The audit log is left out: refusals are meant to be audited. */
const TABLES = [
  'Organization',
  'AdminApiKey',
  'Customer',
  'Invoice',
  'InvoiceLineItem',
  'PaymentAttempt',
  'Payment',
  'Refund',
  'Dispute',
  'WebhookEvent',
  'PaymentMethod',
  'CustomerPaymentToken',
] as const;

/** Columns that record use, not state: a refused request with a valid credential still counts as a use. */
const USAGE_COLUMNS = new Set(['lastUsedAt', 'lastUsedIp', 'useCount']);

export type DatabaseSnapshot = Record<(typeof TABLES)[number], unknown[]>;

/**
 * Every row of every business table, ordered by id, without usage columns. Plain SQL rather than the Prisma
 * models, so the check reads whatever columns the migrated database has.
 */
export async function snapshotDatabase(t: TestApp): Promise<DatabaseSnapshot> {
  // Webhooks the emulator already scheduled would land mid-comparison.
  await t.stripe.flushWebhooks();
  const snapshot = {} as DatabaseSnapshot;
  for (const table of TABLES) {
    const rows = await t.app.database.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}" ORDER BY "id"`);
    snapshot[table] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !USAGE_COLUMNS.has(column))));
  }
  return snapshot;
}

/** Runs an attack and fails unless the database is exactly as it was before. Returns what the attack returned. */
export async function expectNothingChanged<T>(t: TestApp, attack: () => Promise<T>): Promise<T> {
  const before = await snapshotDatabase(t);
  const result = await attack();
  expect(await snapshotDatabase(t)).toEqual(before);
  return result;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }> } | undefined;
}

/** Any HTTP request to the app, answered with status, headers and body. */
export async function request(url: string, init: RequestInit & { path?: string } = {}): Promise<RawResponse> {
  const res = await fetch(`${url}${init.path ?? '/graphql'}`, init);
  const text = await res.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

let nextAddress = 1;

/**
 * A client address no other test uses, sent as X-Forwarded-For. The app must run with TRUSTED_PROXIES=127.0.0.1
 * to believe it, as it would behind a load balancer.
 */
export function newClientAddress(): { 'x-forwarded-for': string } {
  const n = nextAddress++;
  return { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
}
