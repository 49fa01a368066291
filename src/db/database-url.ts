/** The databases we run on; each has its own generated client and migrations folder. */
export type DbProvider = 'sqlite' | 'postgresql';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** Tells the provider from a database URL: `file:` is SQLite, `postgres(ql)://` is PostgreSQL. */
export function providerOf(databaseUrl: string): DbProvider {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (isPostgresUrl(databaseUrl)) return 'postgresql';
  throw new Error('Database URL must be file:<path> (SQLite) or postgresql://… (PostgreSQL)');
}

/** Path of a SQLite `file:` URL; relative paths are taken from the working directory, as Prisma does. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
}
