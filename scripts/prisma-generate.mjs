// Generates the Prisma clients (SQLite and PostgreSQL) without network access.
// Prisma's CLI downloads its native schema engine before `generate`, even though generate never runs it;
// PRISMA_SCHEMA_ENGINE_BINARY (documented) skips that download when it names an existing file.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sqliteSchema = join(root, 'prisma/schema.prisma');
const pgSchema = join(root, 'prisma/postgresql/schema.prisma');

// PostgreSQL's schema is derived from the SQLite one so the two can never drift apart.
const header = '// GENERATED from ../schema.prisma by scripts/prisma-generate.mjs: edit that file instead.\n';
const derived =
  header +
  readFileSync(sqliteSchema, 'utf8')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output        = "../src/db/generated/sqlite"', 'output        = "../../src/db/generated/postgresql"');
mkdirSync(dirname(pgSchema), { recursive: true });
writeFileSync(pgSchema, derived);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const prismaCli = join(root, 'node_modules/prisma/build/index.js');
for (const schema of [sqliteSchema, pgSchema]) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { env, stdio: ['ignore', 'ignore', 'inherit'], cwd: root });
}
