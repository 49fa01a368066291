import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

/** Told of every SQL statement sent to the database, with its bound arguments. */
export type StatementListener = (sql: string, args: readonly unknown[]) => void;

/** A FIFO lock. `acquire` resolves with the function that lets the next holder in. */
export class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    let released = false;
    return previous.then(() => () => {
      if (released) return;
      released = true;
      release();
    });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * Wraps a Prisma driver adapter factory so that
 * - every statement is reported to `listen`, which is far cheaper than Prisma's `query` log event (that costs
 *   about 0.3 ms of CPU per statement, as much again as the statement itself);
 * - with `lock`, standalone statements and whole transactions take turns on the connection. The better-sqlite3
 *   adapter runs everything on one connection and its own mutex only orders transactions against each other, so
 *   without this a statement from another request could run inside an open transaction and be rolled back with it.
 */
export function gateAdapter(factory: SqlDriverAdapterFactory, listen: StatementListener, lock?: ConnectionLock): SqlDriverAdapterFactory {
  const guarded = <T>(work: () => Promise<T>) => (lock ? lock.run(work) : work());
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const inner = await factory.connect();
      const adapter: SqlDriverAdapter = {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (query: SqlQuery) => {
          listen(query.sql, query.args);
          return guarded(() => inner.queryRaw(query));
        },
        executeRaw: (query: SqlQuery) => {
          listen(query.sql, query.args);
          return guarded(() => inner.executeRaw(query));
        },
        executeScript: (script: string) => guarded(() => inner.executeScript(script)),
        startTransaction: async (isolationLevel?: IsolationLevel) => {
          const release = lock ? await lock.acquire() : () => undefined;
          try {
            return gateTransaction(await inner.startTransaction(isolationLevel), listen, release);
          } catch (error) {
            release();
            throw error;
          }
        },
        dispose: () => inner.dispose(),
      };
      if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
      return adapter;
    },
  };
}

function gateTransaction(inner: Transaction, listen: StatementListener, release: () => void): Transaction {
  const ending = async (end: () => Promise<void>) => {
    try {
      await end();
    } finally {
      release();
    }
  };
  const tx: Transaction = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    options: inner.options,
    queryRaw: (query) => {
      listen(query.sql, query.args);
      return inner.queryRaw(query);
    },
    executeRaw: (query) => {
      listen(query.sql, query.args);
      return inner.executeRaw(query);
    },
    commit: () => ending(() => inner.commit()),
    rollback: () => ending(() => inner.rollback()),
  };
  if (inner.createSavepoint) tx.createSavepoint = (name) => inner.createSavepoint!(name);
  if (inner.rollbackToSavepoint) tx.rollbackToSavepoint = (name) => inner.rollbackToSavepoint!(name);
  if (inner.releaseSavepoint) tx.releaseSavepoint = (name) => inner.releaseSavepoint!(name);
  return tx;
}
