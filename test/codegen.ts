// GraphQL Code Generator for the tests' documents: every operation written with `graphql(...)` from
// test/gql is checked against the api's schema and typed (result and variables), so a renamed field
// breaks `npm run lint` and the build rather than failing at run time (Vendure's generated e2e types).
// Documents meant to be wrong (the abuse and input suites) stay plain strings.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { join } from 'node:path';

const here = (path: string) => join(__dirname, path);

const config: CodegenConfig = {
  schema: here('../apps/api/schema.graphql'),
  documents: [here('**/*.ts'), `!${here('gql/**')}`, `!${here('web/**')}`],
  ignoreNoDocuments: false,
  generates: {
    [here('gql/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string' },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
  verbose: true,
};

export default config;
