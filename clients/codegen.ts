import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the front ends: every operation in clients/documents/*.graphql, validated against the
 * committed schema.gql, becomes a TypedDocumentNode with its result and variables types in
 * clients/generated/. Run from the repository root: `npm run client:generate` writes the files,
 * `npm run client:check` fails when they are stale or a document does not validate.
 */
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['clients/documents/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'clients/generated/': {
      preset: 'client',
      // Fragment fields are read directly from the result (no useFragment unmasking step).
      presetConfig: { fragmentMasking: false },
      config: {
        // Every custom scalar must be mapped: a new scalar fails generation until it is listed here.
        strictScalars: true,
        scalars: {
          DateTime: 'string',
          Date: 'string',
          JSON: 'unknown',
        },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
      },
    },
  },
};

export default config;
