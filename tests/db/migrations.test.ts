import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import {
  applyMigrations,
  checkMigrationHistory,
  diffDatabaseToSchema,
  diffMigrationsToSchema,
  migrateForDeploy,
  MigrationHistoryError,
  migrationsDir,
  type DbProvider,
} from '../../src/db/migrator';
import { postgresAdmin, TEST_POSTGRES_URL as POSTGRES_URL } from '../support/postgres';

const migrationNames = (provider: DbProvider) =>
  readdirSync(migrationsDir(provider), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

const modelNames = [...readFileSync(join(__dirname, '../../prisma/schema.prisma'), 'utf8').matchAll(/^model (\w+)/gm)].map((match) => match[1]).sort();

function sqliteQuery<T>(file: string, run: (db: Sqlite.Database) => T): T {
  const db = new Sqlite(file);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

let scratchDir: string;
beforeAll(() => {
  scratchDir = mkdtempSync(join(tmpdir(), 'migrations-test-'));
});
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

/** A path for a SQLite database that does not exist yet. */
const freshSqliteFile = () => join(scratchDir, `${randomUUID()}.db`);

describe('migrating a fresh SQLite database file', () => {
  const file = () => join(scratchDir, 'fresh.db');

  it('creates the file and every table in schema.prisma, leaving nothing to diff', async () => {
    expect(existsSync(file())).toBe(false);

    const { applied } = await applyMigrations(`file:${file()}`);

    expect(applied).toEqual(migrationNames('sqlite'));
    expect(await diffDatabaseToSchema(`file:${file()}`)).toBe('');
    const tables = sqliteQuery(file(), (db) => db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    expect(tables).toEqual(expect.arrayContaining([...modelNames, '_prisma_migrations']));
  });

  it('records each migration in _prisma_migrations as `prisma migrate deploy` does', () => {
    const rows = sqliteQuery(file(), (db) => db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all()) as Record<string, unknown>[];

    expect(rows).toEqual(
      migrationNames('sqlite').map((name) =>
        expect.objectContaining({
          migration_name: name,
          checksum: createHash('sha256').update(readFileSync(join(migrationsDir('sqlite'), name, 'migration.sql'))).digest('hex'),
          finished_at: expect.any(String),
          rolled_back_at: null,
          logs: null,
          applied_steps_count: 1,
        }),
      ),
    );
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(`file:${file()}`)).toEqual({ applied: [] });
  });
});

describe('the migrations folders', () => {
  it.each<DbProvider>(['sqlite', 'postgresql'])(
    'replay to exactly schema.prisma on %s (after editing the schema, add one with `npm run migration:create -- <name>`)',
    async (provider) => {
      expect(await diffMigrationsToSchema(provider, { shadowDatabaseUrl: POSTGRES_URL })).toBe('');
    },
  );
});

describe('migrating a fresh PostgreSQL database', () => {
  const database = `migrations_test_${randomUUID().replace(/-/g, '')}`;
  const url = () => Object.assign(new URL(POSTGRES_URL), { pathname: `/${database}` }).toString();

  beforeAll(() => postgresAdmin((client) => client.query(`CREATE DATABASE "${database}"`)));
  afterAll(() => postgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)));

  it('creates every table in schema.prisma, leaving nothing to diff', async () => {
    const { applied } = await applyMigrations(url());

    expect(applied).toEqual(migrationNames('postgresql'));
    expect(await diffDatabaseToSchema(url())).toBe('');
    const tables = await postgresAdmin(async (client) => {
      const { rows } = await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
      return rows.map((row) => row.table_name);
    }, url());
    expect(tables).toEqual(expect.arrayContaining([...modelNames, '_prisma_migrations']));
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(url())).toEqual({ applied: [] });
  });
});

describe('migrateForDeploy', () => {
  /** A SQLite database migrated by migrateForDeploy, then changed behind its back by `tamper`. */
  async function deployedThen(tamper: (db: Sqlite.Database) => void): Promise<string> {
    const file = freshSqliteFile();
    await migrateForDeploy(`file:${file}`);
    sqliteQuery(file, tamper);
    return `file:${file}`;
  }

  it('migrates a new database and reports it up to date afterwards', async () => {
    const url = `file:${freshSqliteFile()}`;
    expect(await checkMigrationHistory(url)).toEqual({ pending: migrationNames('sqlite'), problems: [] });

    expect(await migrateForDeploy(url)).toEqual({ applied: migrationNames('sqlite') });

    expect(await checkMigrationHistory(url)).toEqual({ pending: [], problems: [] });
  });

  it('refuses when an applied migration was edited afterwards', async () => {
    const url = await deployedThen((db) => db.prepare(`UPDATE _prisma_migrations SET checksum = 'not-the-file-i-applied'`).run());
    const [first] = migrationNames('sqlite');

    await expect(migrateForDeploy(url)).rejects.toThrow(MigrationHistoryError);
    await expect(migrateForDeploy(url)).rejects.toThrow(`migration ${first} was edited after it was applied`);
  });

  it('refuses when the database has a migration the folder does not', async () => {
    const url = await deployedThen((db) =>
      db
        .prepare(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ('ghost', 'x', '20990101000000_from_another_branch', 0, 0, 1)`,
        )
        .run(),
    );

    await expect(migrateForDeploy(url)).rejects.toThrow(/missing from .*prisma\/migrations: 20990101000000_from_another_branch/);
  });

  it('refuses when a migration failed part-way', async () => {
    const url = await deployedThen((db) => db.prepare('UPDATE _prisma_migrations SET finished_at = NULL').run());
    const [first] = migrationNames('sqlite');

    await expect(migrateForDeploy(url)).rejects.toThrow(`migration ${first} failed part-way`);
  });
});
