/**
 * Scratch databases for tests, of the kind this run tests (TEST_DATABASE): empty, or copies of the run's migrated
 * template. Apart from test-app.ts (which re-exports it), so that Jest's global setup can make the template without
 * loading the app.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchPostgresDatabase } from './postgres';

export type TestDatabase = 'sqlite' | 'postgresql';

/**
 * The database every test app runs on: SQLite unless TEST_DATABASE=postgresql. `npm test` runs the whole
 * suite once on each (scripts/run-tests.mjs).
 */
export function testDatabase(): TestDatabase {
  const value = (process.env.TEST_DATABASE || 'sqlite').toLowerCase();
  if (value !== 'sqlite' && value !== 'postgresql') throw new Error(`TEST_DATABASE must be sqlite or postgresql, got "${value}"`);
  return value;
}

export interface ScratchDatabase {
  provider: TestDatabase;
  /** DATABASE_URL for a server or the CLI; nothing is migrated yet. */
  url: string;
  /** SQLite only: the database file (it does not exist until something migrates it). */
  file?: string;
  drop(): Promise<void>;
}

/** A new, empty database of the kind this run tests (see {@link testDatabase}); `prefix` starts its name. */
export async function createScratchDatabase(prefix = 'portal_test'): Promise<ScratchDatabase> {
  const provider = testDatabase();
  if (provider === 'postgresql') return { provider, ...(await createScratchPostgresDatabase(prefix)) };
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const file = join(dir, 'test.db');
  return { provider, url: `file:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A new database of the kind this run tests with this version's migrations applied, as `npm start` or `npm run migrate`
 * leaves it: a copy of the run's migrated template (tests/support/global-setup.ts), which takes milliseconds where
 * migrating takes hundreds. Tests of migrating itself start from {@link createScratchDatabase}.
 */
export async function createMigratedDatabase(): Promise<ScratchDatabase> {
  const template = process.env.TEST_TEMPLATE_DATABASE_URL;
  if (!template) throw new Error('TEST_TEMPLATE_DATABASE_URL is not set: run the tests through jest (jest.config.js sets up the migrated template)');
  const provider = testDatabase();
  if (provider === 'postgresql') return { provider, ...(await createScratchPostgresDatabase(undefined, new URL(template).pathname.slice(1))) };
  const scratch = await createScratchDatabase();
  copyFileSync(template.slice('file:'.length), scratch.file!);
  return scratch;
}
