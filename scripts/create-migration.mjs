// `npm run migration:create -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql and the same
// under prisma/postgresql/migrations/, holding the SQL that takes the existing migrations to prisma/schema.prisma.
// The logic is createMigration() in src/db/migrator.ts. No TypeScript runner is installed, so the npm script
// builds first (as `npm run migrate` does) and this file runs the compiled module.
// Replaying the PostgreSQL migrations needs a server for a scratch database: SHADOW_DATABASE_URL=postgresql://…
// (DATABASE_URL is used when it is PostgreSQL).
import { createRequire } from 'node:module';
import { relative } from 'node:path';

const require = createRequire(import.meta.url);
const { createMigration } = require('../dist/src/db/migrator.js');

const name = process.argv.slice(2).join('_');
if (!name) {
  console.error('Usage: npm run migration:create -- <name>   e.g. npm run migration:create -- add_invoice_notes');
  process.exit(2);
}

try {
  const { created } = await createMigration(name);
  if (created.length === 0) {
    console.log('Nothing to do: the migrations already match prisma/schema.prisma.');
  } else {
    console.log(`Created:\n${created.map((folder) => `  ${relative(process.cwd(), folder)}/migration.sql`).join('\n')}`);
    console.log('Review the SQL before committing it.');
  }
} catch (error) {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
