import { generateKeyPairSync } from 'node:crypto';
import { AppConfig, ConfigError, DEV_JWT_SECRET, loadConfig } from './app-config';
import { DEV_AUDIT_SIGNING_KEY, publicDer } from './ed25519-keys';

const SECRET = 'x'.repeat(32);

/** The ConfigError loadConfig throws for this environment (fails the test if it returns). */
function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

function rsaPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
}

function edPem(half: 'privateKey' | 'publicKey'): string {
  const key = generateKeyPairSync('ed25519')[half];
  return key.export({ format: 'pem', type: half === 'privateKey' ? 'pkcs8' : 'spki' }) as string;
}

describe('audit checkpoint keys', () => {
  it('outside production, with no key, sign and verify with the development key', () => {
    const config = loadConfig({});
    expect(config.usesDevAuditKey).toBe(true);
    expect(publicDer(config.auditSigningKey!)).toEqual(publicDer(loadConfig({ AUDIT_SIGNING_KEY: DEV_AUDIT_SIGNING_KEY }).auditSigningKey!));
    expect(config.auditVerifyKeys.map(publicDer)).toEqual([publicDer(config.auditSigningKey!)]);
    expect(config.auditCheckpointIntervalMs).toBe(15 * 60_000);
  });

  it('in production never fall back to the development key', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET });
    expect(config.usesDevAuditKey).toBe(false);
    expect(config.auditSigningKey).toBeNull();
    expect(config.auditVerifyKeys).toEqual([]);
  });

  it('read a signing key as PEM (also with its line breaks written \\n) or base64 DER, and derive the verifying key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const der = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
    for (const text of [pem, pem.replace(/\n/g, '\\n'), der]) {
      const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_SIGNING_KEY: text });
      expect(publicDer(config.auditSigningKey!)).toEqual(publicDer(publicKey));
      expect(config.auditVerifyKeys.map(publicDer)).toEqual([publicDer(publicKey)]);
    }
  });

  it('verify with the given public keys only (several, for rotation), without needing the private key', () => {
    const a = generateKeyPairSync('ed25519').publicKey;
    const b = generateKeyPairSync('ed25519').publicKey;
    const text = [a.export({ format: 'pem', type: 'spki' }), (b.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64')].join(',');
    for (const env of [{ NODE_ENV: 'production', JWT_SECRET: SECRET }, {}]) {
      const config = loadConfig({ ...env, AUDIT_VERIFY_KEY: text });
      expect(config.usesDevAuditKey).toBe(false);
      expect(config.auditSigningKey).toBeNull();
      expect(config.auditVerifyKeys.map(publicDer)).toEqual([publicDer(a), publicDer(b)]);
    }
  });

  it('never echo a key in an error', () => {
    const { message } = errorFor({ AUDIT_VERIFY_KEY: edPem('privateKey') });
    expect(message).not.toMatch(/BEGIN|PRIVATE/);
  });
});

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tripartite',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      JWT_TTL: '1h',
      DEMO_PASSWORD: 'tripartite-demo',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'auto',
    });
    expect(config.JWT_SECRET).toBeUndefined();
    expect(config.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(config.jwtTtlSeconds).toBe(3600);
    expect(config.isProduction).toBe(false);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', JWT_SECRET: '' }).PORT).toBe(3000);
  });

  it('reads good values, converting numbers and durations', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      DATABASE_URL: 'postgresql://app:pw@db:5432/tri',
      REDIS_URL: 'rediss://cache:6380/2',
      PORT: '8080',
      JWT_TTL: '15m',
      SMTP_URL: 'smtp://mailpit:1025',
      QUEUE_PREFIX: 'tri_prod-1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'root@example.org',
      ADMIN_PASSWORD: 'a long enough password',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.PORT).toBe(8080);
    expect(config.jwtTtlSeconds).toBe(900);
    expect(config.jwtSecret).toBe(SECRET);
    expect(config.isProduction).toBe(true);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@127.0.0.1/tripartite' }, /postgres/],
    ['DATABASE_URL', { DATABASE_URL: '127.0.0.1:5432' }, /postgres/],
    ['REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }, /redis/],
    ['PORT', { PORT: 'abc' }, /port number/],
    ['PORT', { PORT: '70000' }, /port number/],
    ['PORT', { PORT: '-1' }, /port number/],
    ['WORKER_HEALTH_PORT', { WORKER_HEALTH_PORT: '3001x' }, /port number/],
    ['JWT_TTL', { JWT_TTL: 'forever' }, /duration/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /one of/],
    ['LOG_FORMAT', { LOG_FORMAT: 'yaml' }, /one of/],
    ['NODE_ENV', { NODE_ENV: 'staging' }, /one of/],
    ['QUEUE_PREFIX', { QUEUE_PREFIX: 'tri:prod' }, /letters, digits/],
    ['JWT_SECRET', { NODE_ENV: 'production' }, /required when NODE_ENV=production/],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }, /at least 32 characters/],
    ['JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: 'too-short' }, /at least 32 characters/],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'root@example.org' }, /required with ADMIN_EMAIL/],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'root@example.org', ADMIN_PASSWORD: 'short' }, /at least 12 characters/],
    ['ADMIN_EMAIL', { ADMIN_PASSWORD: 'a long enough password' }, /required with ADMIN_PASSWORD/],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'root', ADMIN_PASSWORD: 'a long enough password' }, /email/],
    ['SMTP_URL', { SMTP_URL: 'http://mailpit:1025' }, /smtp/],
    ['LOGIN_MAX_FAILURES_PER_EMAIL', { LOGIN_MAX_FAILURES_PER_EMAIL: '0' }, /./],
    ['SHUTDOWN_TIMEOUT_MS', { SHUTDOWN_TIMEOUT_MS: 'soon' }, /./],
    ['AUDIT_SIGNING_KEY', { AUDIT_SIGNING_KEY: 'bm90IGEga2V5' }, /Ed25519 private key/],
    ['AUDIT_SIGNING_KEY', { AUDIT_SIGNING_KEY: rsaPem() }, /Ed25519 private key/],
    ['AUDIT_VERIFY_KEY', { AUDIT_VERIFY_KEY: 'bm90IGEga2V5' }, /Ed25519 public keys/],
    ['AUDIT_VERIFY_KEY', { AUDIT_VERIFY_KEY: edPem('privateKey') }, /Ed25519 public keys/],
    ['AUDIT_VERIFY_KEY', { AUDIT_SIGNING_KEY: DEV_AUDIT_SIGNING_KEY, AUDIT_VERIFY_KEY: edPem('publicKey') }, /must include the public key of the signing key/],
    ['AUDIT_CHECKPOINT_INTERVAL', { AUDIT_CHECKPOINT_INTERVAL: 'often' }, /duration/],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }, /never true/],
    ['TRUST_PROXY', { TRUST_PROXY: 'proxy.internal' }, /addresses or subnets/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }, /addresses or subnets/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.1, 300.1.1.1' }, /addresses or subnets/],
    ['SESSION_IDLE_TTL', { SESSION_IDLE_TTL: 'a while' }, /duration/],
    ['SESSION_MAX_TTL', { SESSION_MAX_TTL: '-1d' }, /duration/],
    ['SESSION_CACHE_MS', { SESSION_CACHE_MS: '600000' }, /./],
    ['LOGIN_GLOBAL_FAILURES_PER_EMAIL', { LOGIN_GLOBAL_FAILURES_PER_EMAIL: '0' }, /./],
  ])('refuses a bad %s in one line naming it: %j', (variable, env, what) => {
    const { message } = errorFor(env);
    expect(message).not.toContain('\n');
    expect(message).toMatch(new RegExp(`\\b${variable}\\b`));
    expect(message).toMatch(what);
    // Names the variable once, and only that one.
    expect(message.split(variable)).toHaveLength(2);
  });

  it('trusts no proxy by default, and takes hop counts and lists of proxies as express does', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8 , 192.168.1.1, fd00::/8, 172.16.0.0/255.240.0.0, uniquelocal ' }).trustProxy).toBe(
      '10.0.0.0/8,192.168.1.1,fd00::/8,172.16.0.0/255.240.0.0,uniquelocal',
    );
  });

  it('reads session lifetimes as durations (idle 8 h, at most 7 days by default)', () => {
    expect(loadConfig({})).toMatchObject({ sessionIdleSeconds: 8 * 3600, sessionMaxSeconds: 7 * 86400, SESSION_CACHE_MS: 5000 });
    expect(loadConfig({ SESSION_IDLE_TTL: '30m', SESSION_MAX_TTL: '12h' })).toMatchObject({ sessionIdleSeconds: 1800, sessionMaxSeconds: 43200 });
  });

  it('never echoes a secret value in its message', () => {
    const { message } = errorFor({ JWT_SECRET: 'hunter2-but-short' });
    expect(message).not.toContain('hunter2');
  });

  it('reports the first bad variable when several are bad', () => {
    const { message } = errorFor({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(message).toMatch(/^Invalid configuration: (PORT|LOG_LEVEL) /);
  });
});
