/**
 * Jest's global setup: one database migrated as `npm start` migrates, for each run, which every test app and domain
 * world then copies (`createMigratedDatabase`) instead of migrating a database of its own: copying takes a few
 * milliseconds where migrating took 150–300. The tests of migrating itself still start from empty databases.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../src/db/migrator';
import { createScratchPostgresDatabase } from './postgres';

export default async function globalSetup(): Promise<void> {
  const provider = (process.env.TEST_DATABASE || 'sqlite').toLowerCase();
  let template: { url: string; drop(): Promise<void> };
  if (provider === 'postgresql') {
    template = await createScratchPostgresDatabase('portal_template');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'portal-template-'));
    template = { url: `file:${join(dir, 'template.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  await applyMigrations(template.url);
  // A copy of the SQLite file alone must hold everything: nothing may be left in a write-ahead log beside it.
  if (template.url.startsWith('file:') && existsSync(`${template.url.slice('file:'.length)}-wal`)) {
    throw new Error('the migrated SQLite template left a -wal file; copying the database file alone would lose it');
  }
  // Workers start after this and inherit the environment; the teardown gets the handle through the global.
  process.env.TEST_TEMPLATE_DATABASE_URL = template.url;
  (globalThis as { portalTemplate?: typeof template }).portalTemplate = template;
}
