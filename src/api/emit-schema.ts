import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { buildApiSchema, printApiSchema } from './schema';

/** The schema as shipped: built with the default configuration, so the budgets shown are the defaults. */
export function defaultSchemaSdl(): string {
  return printApiSchema(buildApiSchema(loadConfig({ NODE_ENV: 'test' }).rateLimits));
}

export const SCHEMA_FILE = join(__dirname, '..', '..', ...(__dirname.includes(`${join('dist', 'src')}`) ? ['..'] : []), 'schema.graphql');

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, defaultSchemaSdl());
  process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
}
