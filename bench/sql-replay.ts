import Sqlite from 'better-sqlite3';
import { sqlitePath } from '../src/db/database-url';
import { sqliteBindings } from '../src/db/portal-reads';
import { requestPortalPage, type PortalServer } from './portal-server';
import type { SeededCustomer } from './portal-seed';

export interface ReplayCost {
  statements: number;
  iterations: number;
  /** CPU per replayed page: all statements, and the reads alone. */
  allCpuMs: number;
  readsCpuMs: number;
}

/**
 * The plain reads (src/db/portal-reads.ts) use `$n` parameters, bound by name. Prisma passes LIMIT/OFFSET as
 * digit strings; SQLite itself wants numbers there.
 */
function bindable(sql: string, params: readonly unknown[]): unknown[] {
  if (/\$1\b/.test(sql)) return [sqliteBindings(params)];
  return params.map((p) => (typeof p === 'string' && /^-?\d{1,15}$/.test(p) ? Number(p) : p));
}

/**
 * What the database itself costs for one portal page: the exact statements and parameters of one request,
 * captured with `database.onStatement`, replayed many times through better-sqlite3 with prepared statements kept,
 * on a second connection to the same SQLite file. Set against C's CPU per request it separates SQLite's work
 * from the client stack around it. The replayed audit INSERTs get fresh ids and stay in the scratch database.
 */
export async function replayPortalPageSql(server: PortalServer, customer: SeededCustomer, iterations = 300): Promise<ReplayCost> {
  const captured: { sql: string; params: unknown[] }[] = [];
  await requestPortalPage(server.url, customer.token);
  const stop = server.app.database.onStatement((sql, args) => captured.push({ sql, params: bindable(sql, args) }));
  await requestPortalPage(server.url, customer.token);
  stop();

  const db = new Sqlite(sqlitePath(server.app.config.databaseUrl), { timeout: 10_000 });
  const prepared = new Map<string, Sqlite.Statement>();
  const statement = (sql: string) => {
    let stmt = prepared.get(sql);
    if (!stmt) prepared.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  let sequence = 0;
  // Writes go in a transaction only if the request ran them in one (its COMMIT was captured).
  const transactional = captured.some(({ sql }) => sql === 'COMMIT');
  const replay = (readsOnly: boolean) => {
    let inTransaction = false;
    for (const { sql, params } of captured) {
      const isRead = /^\s*SELECT/i.test(sql);
      if (readsOnly && !isRead) continue;
      if (sql === 'COMMIT') {
        db.exec('COMMIT');
        inTransaction = false;
      } else if (isRead) {
        statement(sql).all(...params);
      } else {
        if (transactional && !inTransaction) {
          db.exec('BEGIN');
          inTransaction = true;
        }
        const args = /^\s*INSERT/i.test(sql) ? [`replay-${process.pid}-${sequence++}`, ...params.slice(1)] : params;
        // Prisma's writes end in RETURNING, which makes them readers in better-sqlite3's terms.
        const stmt = statement(sql);
        if (stmt.reader) stmt.all(...args);
        else stmt.run(...args);
      }
    }
    if (inTransaction) db.exec('COMMIT');
  };
  const cpuPerPage = (readsOnly: boolean) => {
    for (let i = 0; i < 20; i++) replay(readsOnly);
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) replay(readsOnly);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / iterations;
  };
  try {
    return { statements: captured.length, iterations, allCpuMs: cpuPerPage(false), readsCpuMs: cpuPerPage(true) };
  } finally {
    db.close();
  }
}
