import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the operations in tests/graphql/*.graphql, checked against the emitted schema.graphql.
 * A schema change that breaks one of these client operations fails codegen (or the type check) before any test runs.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['tests/graphql/**/*.graphql'],
  generates: {
    'tests/graphql/generated/operations.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        scalars: { DateTimeISO: 'string', ID: 'string' },
        useTypeImports: true,
      },
    },
  },
  hooks: {},
};

export default config;
