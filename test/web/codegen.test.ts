// The client's operations are checked against the api's schema when types are generated (npm run build):
// a contract change that breaks one fails the build, naming the field.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', '.bin', 'graphql-codegen');
const SCHEMA = readFileSync(join(ROOT, 'apps', 'api', 'schema.graphql'), 'utf8');

/** Runs the generator of `npm run build` on the client's operations against `schema`, into a scratch folder. */
function generate(schema: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tt-codegen-'));
  try {
    writeFileSync(join(dir, 'schema.graphql'), schema);
    const config = {
      schema: join(dir, 'schema.graphql'),
      documents: [join(ROOT, 'apps/web/src/**/*.{ts,tsx}'), `!${join(ROOT, 'apps/web/src/gql/**')}`],
      generates: {
        [join(dir, 'gql') + '/']: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: { scalars: { DateTime: 'string' }, enumsAsTypes: true },
        },
      },
      verbose: true,
    };
    writeFileSync(join(dir, 'codegen.json'), JSON.stringify(config));
    // As npm runs it: with NODE_ENV=test (jest's) the generator would print nothing.
    const env = { ...process.env };
    delete env.NODE_ENV;
    const run = spawnSync(CLI, ['--config', join(dir, 'codegen.json')], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    return { status: run.status, output: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('generated client types', () => {
  it('generate from the committed schema', () => {
    expect(generate(SCHEMA)).toEqual({ status: 0, output: expect.any(String) });
  }, 60_000);

  it('fail, naming the field, when the schema loses a field an operation uses', () => {
    // The sign-in page asks login for expiresAt.
    const broken = SCHEMA.replace(/type AuthPayload \{([^}]*)\}/, (_m, body: string) => `type AuthPayload {${body.replace(/\n\s*expiresAt: DateTime!/, '')}}`);
    expect(broken).not.toEqual(SCHEMA);
    const run = generate(broken);
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/Cannot query field "expiresAt" on type "AuthPayload"/);
    expect(run.output).toContain('apps/web/src/pages/SignInPage.tsx');
  }, 60_000);
});
