/**
 * Jest's global setup: one database migrated as `npm start` migrates, for each run, which every test app and domain
 * world then copies (`createMigratedDatabase`) instead of migrating a database of its own: copying takes a few
 * milliseconds where migrating took 150–300. The tests of migrating itself still start from empty databases.
 */
import { existsSync } from 'node:fs';
import { applyMigrations } from '../../src/db/migrator';
import { createScratchDatabase } from './scratch-database';

export default async function globalSetup(): Promise<void> {
  const template = await createScratchDatabase('portal_template');
  await applyMigrations(template.url);
  // A copy of the SQLite file alone must hold everything: nothing may be left in a write-ahead log beside it.
  if (template.file && existsSync(`${template.file}-wal`)) {
    throw new Error('the migrated SQLite template left a -wal file; copying the database file alone would lose it');
  }
  // Workers start after this and inherit the environment; the teardown gets the handle through the global.
  process.env.TEST_TEMPLATE_DATABASE_URL = template.url;
  (globalThis as { portalTemplate?: typeof template }).portalTemplate = template;
}
