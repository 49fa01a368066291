import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';

/** The repository root (the folder holding package.json and schema.graphql), found upwards from the compiled file. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schema.graphql')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`schema.graphql not found above ${__dirname}`);
  }
}

export const OPERATION_NAME = 'PortalPage';

/** The emitted schema of the real server, which A and B serve too. */
export function schemaSdl(): string {
  return readFileSync(join(repoRoot(), 'schema.graphql'), 'utf8');
}

/**
 * The PortalPage operation from tests/graphql/portal.graphql with the fragments it spreads, as a client sends it.
 * The same text goes to all three servers.
 */
export function portalPageQuery(): string {
  const document = parse(readFileSync(join(repoRoot(), 'tests', 'graphql', 'portal.graphql'), 'utf8'));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === OPERATION_NAME);
  if (!operation) throw new Error(`${OPERATION_NAME} is not in tests/graphql/portal.graphql`);

  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment) throw new Error(`fragment ${spread.name.value} is not defined`);
        if (!used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] });
}

let requestBody: string | undefined;

/** The HTTP request body every server receives. */
export function portalPageRequestBody(): string {
  return (requestBody ??= JSON.stringify({ operationName: OPERATION_NAME, query: portalPageQuery(), variables: {} }));
}
