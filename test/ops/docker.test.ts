import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const dockerfile = read('docker/Dockerfile');
const compose = read('docker/compose.yml');
const dockerignore = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts;

/** The source file a built entry point comes from (dist/x/y.js -> x/y.ts), which must exist. */
const sourceOf = (distPath: string) => distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');

/** The lines of one service in compose.yml (two-space indented keys under `services:`). */
function service(name: string): string {
  const section = compose.slice(compose.indexOf('\nservices:\n'));
  const start = section.indexOf(`\n  ${name}:\n`);
  if (start < 0) throw new Error(`compose.yml has no service ${name}`);
  const rest = section.slice(start + 1);
  const end = rest.slice(1).search(/\n {2}[\w-]+:\n|\n\S/);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

/** The docker compose CLI, when this machine has the plugin (the docker client alone may lack it). */
const composeCli = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;

describe('docker/Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1], name: m[2] }));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds in stages, with a runtime stage of production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    // Each stage starts from Node 20 (the engines field) or from an earlier stage.
    stages.forEach((s, i) => expect(s.image.startsWith('node:20-') || stages.slice(0, i).some((p) => p.name === s.image)).toBe(true));
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run build\b/m);
    expect(scripts.build).toContain('tsc');
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('runs as the non-root user node', () => {
    const users = [...runtime.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe('node');
    expect(runtime.indexOf('USER node')).toBeLessThan(runtime.indexOf('\nCMD '));
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const sources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((m) => m[1].trim().split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      expect(existsSync(join(ROOT, src))).toBe(true);
      expect(dockerignore).not.toContain(src);
    }
    // The build's own project file comes along with apps/.
    expect(scripts.build).toContain('apps/tsconfig.build.json');
  });

  it('starts the API by default, at the entry point npm run start:api uses', () => {
    const cmd = JSON.parse(/^CMD\s+(\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(cmd).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(scripts['start:api']).toBe(`node ${cmd[1]}`);
    expect(existsSync(join(ROOT, sourceOf(cmd[1])))).toBe(true);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, git and test artefacts out of the build context', () => {
    for (const entry of ['**/node_modules', 'dist', '.git', 'coverage', 'test', '.env']) expect(dockerignore).toContain(entry);
    for (const needed of ['apps', 'libs', 'package.json', 'package-lock.json', 'tsconfig.base.json']) expect(dockerignore).not.toContain(needed);
  });
});

describe('docker/compose.yml', () => {
  it('has postgres 15, redis 7 without persistence, mailpit, migrate, api and worker', () => {
    expect(service('postgres')).toMatch(/image: postgres:15\n/);
    expect(service('redis')).toMatch(/image: redis:7\n/);
    expect(service('redis')).toContain('"--save", ""');
    expect(service('redis')).toContain('"--appendonly", "no"');
    expect(service('mailpit')).toMatch(/image: axllent\/mailpit\n/);
    expect(compose).toContain('SMTP_URL: smtp://mailpit:1025');
    for (const app of ['migrate', 'api', 'worker']) expect(service(app)).toContain('<<: *app');
  });

  it('builds the one image from the repository root', () => {
    const app = compose.slice(compose.indexOf('x-app:'), compose.indexOf('\nservices:'));
    const context = /context: (\S+)/.exec(app)![1];
    const file = /dockerfile: (\S+)/.exec(app)![1];
    expect(resolve(ROOT, 'docker', context)).toBe(resolve(ROOT));
    expect(existsSync(join(ROOT, 'docker', context, file))).toBe(true);
    expect(app).toContain('image: tripartite:local');
  });

  it('runs the worker and the migrations from entry points that the build produces', () => {
    const command = (name: string) => JSON.parse(/command: (\[.*\])/.exec(service(name))![1]) as string[];
    expect(command('worker')).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(scripts['start:worker']).toBe('node dist/apps/worker/src/main.js');
    expect(command('migrate')).toEqual(['node', 'dist/apps/cli/src/migrate.js']);
    for (const name of ['worker', 'migrate']) expect(existsSync(join(ROOT, sourceOf(command(name)[1])))).toBe(true);
    expect(service('api')).not.toContain('command:');
  });

  it('starts the apps after the migrations succeed and their services are healthy', () => {
    expect(service('migrate')).toMatch(/postgres:\n\s+condition: service_healthy/);
    for (const app of ['api', 'worker']) {
      expect(service(app)).toMatch(/migrate:\n\s+condition: service_completed_successfully/);
      expect(service(app)).toMatch(/redis:\n\s+condition: service_healthy/);
    }
    for (const dependency of ['postgres', 'redis', 'mailpit']) expect(service(dependency)).toContain('healthcheck:');
  });

  it('checks each app on its own readiness endpoint', () => {
    expect(service('api')).toContain(`fetch('http://127.0.0.1:3000/health/ready')`);
    expect(service('api')).toContain('PORT: "3000"');
    expect(service('worker')).toContain(`fetch('http://127.0.0.1:3001/health/ready')`);
    expect(service('worker')).toContain('WORKER_HEALTH_PORT: "3001"');
  });

  it('refuses to start without a JWT_SECRET, and gives the worker time to drain', () => {
    expect(compose).toMatch(/JWT_SECRET: \$\{JWT_SECRET:\?[^}]+\}/);
    // The checkpoint signing key goes to the worker only; the api verifies with the public key.
    expect(service('worker')).toMatch(/AUDIT_SIGNING_KEY: \$\{AUDIT_SIGNING_KEY:\?[^}]+\}/);
    expect(service('api')).toMatch(/AUDIT_VERIFY_KEY: \$\{AUDIT_VERIFY_KEY:\?[^}]+\}/);
    expect(service('api')).not.toContain('AUDIT_SIGNING_KEY');
    expect(compose).toContain('NODE_ENV: production');
    const grace = Number(/stop_grace_period: (\d+)s/.exec(service('worker'))![1]) * 1000;
    const drain = Number(/SHUTDOWN_TIMEOUT_MS: "(\d+)"/.exec(service('worker'))![1]);
    expect(grace).toBeGreaterThan(drain + 2000);
  });

  // Only where the docker compose plugin is installed (here the docker client may come without it).
  if (composeCli) {
    it('is valid for docker compose, and demands JWT_SECRET and the audit checkpoint keys', () => {
      const keys = { AUDIT_SIGNING_KEY: 'a-private-key', AUDIT_VERIFY_KEY: 'a-public-key' };
      const config = (env: Record<string, string | undefined>) =>
        spawnSync('docker', ['compose', '-f', 'docker/compose.yml', 'config', '-q'], { cwd: ROOT, env: { ...process.env, ...keys, ...env }, encoding: 'utf8' });
      const valid = config({ JWT_SECRET: 'a-test-secret-that-is-long-enough-1234' });
      expect(valid.stderr).toBe('');
      expect(valid.status).toBe(0);
      const missing = config({ JWT_SECRET: undefined });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('set JWT_SECRET');
      for (const key of Object.keys(keys)) {
        const withoutKey = config({ JWT_SECRET: 'a-test-secret-that-is-long-enough-1234', [key]: undefined });
        expect(withoutKey.status).not.toBe(0);
        expect(withoutKey.stderr).toContain(`set ${key}`);
      }
    });
  }
});
