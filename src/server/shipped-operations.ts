import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kind, parse } from 'graphql';

/**
 * The names of the GraphQL operations the project ships, so that metrics label those and nothing a client makes up
 * (metrics.ts). Read once at start from where the operations live: the payment page's (`web/src/**\/*.graphql`) and
 * the typed client operations (`tests/graphql/*.graphql`, which the README offers as the API's client documents).
 * These files are the source of the page's generated documents, and every deployment runs from the repository
 * (`npm start` builds there), so the list cannot drift from what is served; a new operation gets its label with no
 * second list to update. Kept in the server layer because only the metrics need it.
 */
export const SHIPPED_OPERATION_FOLDERS = ['web/src', 'tests/graphql'] as const;

/** The repository's root: the nearest folder above this file with a package.json (from src/ or dist/src/ alike). */
function repositoryRoot(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Operation names in every `.graphql` file under the shipped folders of `root`; an empty set when there are none. */
export function shippedOperationNames(root = repositoryRoot()): Set<string> {
  const names = new Set<string>();
  if (!root) return names;
  for (const folder of SHIPPED_OPERATION_FOLDERS) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.graphql'));
    for (const file of files) {
      for (const definition of parse(readFileSync(join(dir, file), 'utf8')).definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.add(definition.name.value);
      }
    }
  }
  return names;
}
