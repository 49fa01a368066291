// The migrations folders and Prisma's `_prisma_migrations` table, compared with plain code: what a server checks at
// start when it does not migrate (production), without loading the WebAssembly schema engine (see migrator.ts).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DbProvider } from './database-url';

let repoRoot: string | undefined;

/** The folder holding prisma/schema.prisma, found upwards from this file (src/db under Jest, dist/src/db compiled). */
export function projectRoot(): string {
  if (repoRoot) return repoRoot;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return (repoRoot = dir);
    if (dirname(dir) === dir) throw new Error(`prisma/schema.prisma not found above ${__dirname}`);
  }
}

/** The migrations folder of a provider: prisma/migrations (SQLite) or prisma/postgresql/migrations. */
export function migrationsDir(provider: DbProvider): string {
  return provider === 'sqlite' ? join(projectRoot(), 'prisma', 'migrations') : join(projectRoot(), 'prisma', 'postgresql', 'migrations');
}

/** One migration of the folder: its name and its script (undefined when migration.sql cannot be read). */
export interface MigrationFolder {
  name: string;
  script: string | undefined;
}

/** The migrations of a provider's folder, in the order they apply (by name, as Prisma orders them). */
export function readMigrationFolders(provider: DbProvider): MigrationFolder[] {
  const baseDir = migrationsDir(provider);
  if (!existsSync(baseDir)) return [];
  return readdirSync(baseDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      let script: string | undefined;
      try {
        script = readFileSync(join(baseDir, entry.name, 'migration.sql'), 'utf8');
      } catch {
        script = undefined;
      }
      return { name: entry.name, script };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A row of `_prisma_migrations`, as Prisma's schema engine writes it. */
export interface AppliedMigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** The statement that reads what {@link compareMigrationHistory} needs; the same SQL on SQLite and PostgreSQL. */
export const APPLIED_MIGRATIONS_SQL = 'SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a script is the one a checksum was recorded for, as Prisma's schema engine decides it
 * (`script_matches_checksum` in prisma-engines): SHA-256 of the script, in lowercase hex, with LF or CRLF line
 * endings (git may have changed them since), and in the unpadded hex an early engine wrote (prisma-engines#1887).
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, '\n'), script.replace(/\n/g, '\r\n')];
  return variants.some((variant) => {
    const digest = sha256(variant);
    const rendered = checksum.length !== 0 && checksum.length !== 64 ? [...digest].map((byte) => byte.toString(16)).join('') : digest.toString('hex');
    return rendered === checksum;
  });
}

/** How a database's migration history compares with this version's migrations folder. */
export interface MigrationState {
  /** Migrations of the folder the database has not had, in order. */
  pending: string[];
  /** Why the history cannot be trusted (a migration unknown to the folder, edited, or unfinished); empty when it can. */
  problems: string[];
}

/**
 * Compares `_prisma_migrations` with the folder as `prisma migrate deploy` would judge it: a migration applied but
 * not in the folder, one whose script changed since (checksum), or one that started and never finished is a
 * problem; one of the folder never applied is pending. Rolled-back rows are history, not state.
 */
export function compareMigrationHistory(folders: MigrationFolder[], rows: AppliedMigrationRow[], folderPath: string): MigrationState {
  const live = rows.filter((row) => row.rolled_back_at === null || row.rolled_back_at === undefined);
  const finished = live.filter((row) => row.finished_at !== null && row.finished_at !== undefined);
  const unfinished = live.filter((row) => row.finished_at === null || row.finished_at === undefined).map((row) => row.migration_name);
  const byName = new Map(folders.map((folder) => [folder.name, folder]));
  const appliedNames = new Set(finished.map((row) => row.migration_name));

  const unknown = [...new Set(finished.map((row) => row.migration_name).filter((name) => !byName.has(name)))].sort();
  const edited = [
    ...new Set(
      finished
        .filter((row) => {
          const script = byName.get(row.migration_name)?.script;
          return script !== undefined && !scriptMatchesChecksum(script, row.checksum);
        })
        .map((row) => row.migration_name),
    ),
  ].sort();
  const unreadable = folders.filter((folder) => folder.script === undefined).map((folder) => folder.name);

  const problems = [
    ...unknown.map((name) => `migration ${name} was applied to the database but is not in ${folderPath} (deployed from another version or branch?)`),
    ...edited.map((name) => `migration ${name} was edited after it was applied (its checksum no longer matches)`),
    ...[...new Set(unfinished)].map((name) => `migration ${name} started but never finished (it failed part-way, or is being applied right now)`),
    ...unreadable.map((name) => `migration ${name} has no readable migration.sql in ${folderPath}`),
  ];
  const pending = folders.map((folder) => folder.name).filter((name) => !appliedNames.has(name));
  return { pending, problems };
}
