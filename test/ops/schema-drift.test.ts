import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { PG_SERVER, databaseUrl, runId } from '../support';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/**
 * The entities are the one description of the schema the code reads, and the migrations are written by hand:
 * on a freshly migrated database TypeORM must find nothing to change (its --check exits 1 and prints the
 * statements it would run when an entity and the migrations disagree).
 */
describe('schema drift', () => {
  // Migrated here, not cloned from the run's template: TypeORM keys what it knows of generated columns
  // (typeorm_metadata) by the database's name, which a clone does not share.
  const name = `tt_${runId()}_drift_${process.pid}`;
  const db = { url: databaseUrl(name) };

  beforeAll(async () => {
    await run(process.execPath, [join(ROOT, 'dist', 'apps', 'cli', 'src', 'migrate.js')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    });
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: `${PG_SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
  });

  it('the entities describe exactly the migrated schema', async () => {
    const outcome = await run(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typeorm', 'cli.js'),
        'migration:generate',
        '--dataSource',
        join(ROOT, 'dist', 'libs', 'database', 'src', 'data-source.js'),
        '--dryrun',
        '--check',
        join(ROOT, 'dist', 'drift-probe'),
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'error' }, maxBuffer: 16 * 1024 * 1024 },
    ).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: `${error.stdout}\n${error.stderr}` }),
    );
    // On failure the message is TypeORM's own: the statements that would make the database match the entities.
    expect({ code: outcome.code, drift: outcome.code === 0 ? '' : outcome.stdout }).toEqual({ code: 0, drift: '' });
    expect(outcome.stdout).toMatch(/No changes in database schema were found/);
  });
});
