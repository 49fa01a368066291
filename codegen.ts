import type { CodegenConfig } from '@graphql-codegen/cli';

/** Scalars and conventions shared by every client of the API generated here. */
const common = {
  enumsAsTypes: true,
  avoidOptionals: { field: true, inputValue: false, object: false },
  // SafeInt (Money.amount) is a whole number within 2^53, so a plain JavaScript number holds it exactly.
  scalars: { DateTimeISO: 'string', ID: 'string', SafeInt: 'number' },
  useTypeImports: true,
};

/**
 * Typed documents for the GraphQL operations of the API's clients, checked against the emitted schema.graphql:
 * the tests' operations (tests/graphql) and the customer payment page's (beside each screen in web/src). A schema
 * change that breaks one of them fails codegen (or the type check) before any test runs.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'tests/graphql/generated/operations.ts': {
      documents: ['tests/graphql/**/*.graphql'],
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: common,
    },
    // The page ships its documents as plain strings: no GraphQL library in the browser bundle.
    'web/src/graphql/generated.ts': {
      documents: ['web/src/**/*.graphql'],
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: { ...common, documentMode: 'string', onlyOperationTypes: true },
    },
  },
  hooks: {},
};

export default config;
