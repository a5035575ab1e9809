import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';
import type { KeyObject } from 'node:crypto';
import { DEV_AUDIT_SIGNING_KEY, parseEd25519PrivateKey, parseEd25519PublicKeys, parses, publicDer } from './ed25519-keys';
import { isIP } from 'node:net';
import { Describe, settingDocs } from './describe';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s", "15m", "1h", "7d" in milliseconds (a bare number is seconds). */
export function durationMs(value: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!m) throw new ConfigError(`Invalid duration ${value}`);
  return Number(m[1]) * UNIT_MS[(m[2] || 's') as keyof typeof UNIT_MS];
}

/** A retry schedule's entry: a duration that may also be in milliseconds ("300ms"). */
export function scheduleEntryMs(value: string): number {
  const m = /^(\d+)ms$/.exec(value.trim());
  return m ? Number(m[1]) : durationMs(value);
}

/** Settings that are gone, and what replaced them: set, they stop the process rather than be ignored. */
const REPLACED: Record<string, string> = {
  WEBHOOK_MAX_ATTEMPTS: 'WEBHOOK_RETRY_SCHEDULE (one entry per try)',
  WEBHOOK_BACKOFF_MS: 'WEBHOOK_RETRY_SCHEDULE',
};
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One item of TRUST_PROXY as express's `trust proxy` (proxy-addr) takes it: a name, an address, or a subnet. */
function isProxyItem(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address, range, ...rest] = item.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

/** `false`/`off`, a hop count, or a comma-separated list of proxies; never `true` (any X-Forwarded-For believed). */
export function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (v === 'false' || v === 'off' || /^\d{1,2}$/.test(v)) return true;
  const items = v.split(',').map((s) => s.trim());
  return items.length > 0 && items.every(isProxyItem);
}

export const DEV_JWT_SECRET = 'tripartite-development-secret-do-not-use-in-production';

const IsEd25519PrivateKey = () =>
  ValidateBy({
    name: 'isEd25519PrivateKey',
    validator: {
      validate: (value) => parses(parseEd25519PrivateKey, value),
      defaultMessage: () => 'must be an Ed25519 private key: PEM, or base64 of its PKCS#8 DER',
    },
  });

/** Public keys that parse and, when the process also has the signing key, include its public half. */
const IsEd25519PublicKeys = () =>
  ValidateBy({
    name: 'isEd25519PublicKeys',
    validator: {
      validate: (value, args) => {
        if (!parses(parseEd25519PublicKeys, value)) return false;
        const signing = (args?.object as AppConfig).AUDIT_SIGNING_KEY;
        if (!signing || !parses(parseEd25519PrivateKey, signing)) return true;
        const own = publicDer(parseEd25519PrivateKey(signing));
        return parseEd25519PublicKeys(value as string).some((k) => publicDer(k).equals(own));
      },
      defaultMessage: (args) =>
        parses(parseEd25519PublicKeys, args?.value)
          ? 'must include the public key of the signing key'
          : 'must be Ed25519 public keys, comma-separated: PEM, or base64 of their SPKI DER',
    },
  });

/** Every setting of both apps, read from the environment once and validated; each one described (the README's table is generated from them). */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  @Describe(
    "`production` turns on the production rules (JWT_SECRET and the worker's AUDIT_SIGNING_KEY required, webhooks kept off private addresses, no GraphQL suggestions); `test` for the test suites",
  )
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  @Describe('PostgreSQL; the database is created if missing by `migrate` and `demo`')
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tripartite';

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// URL' })
  @Describe('Redis: queues, live events across instances, sign-in counters, session changes')
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt({ message: 'must be a port number' })
  @Min(0, { message: 'must be a port number' })
  @Max(65535, { message: 'must be a port number' })
  @Describe("The api's HTTP port (GraphQL, the web client, health, metrics)")
  PORT = 3000;

  @Transform(toInt)
  @IsInt({ message: 'must be a port number' })
  @Min(0, { message: 'must be a port number' })
  @Max(65535, { message: 'must be a port number' })
  @Describe("The worker's HTTP port (health and metrics only)")
  WORKER_HEALTH_PORT = 3001;

  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsDefined({ message: 'is required when NODE_ENV=production' })
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  @Describe('Signs access tokens (at least 32 characters)', 'required in production; a development value with a warning otherwise')
  JWT_SECRET?: string;

  @Matches(/^\d+[smhd]?$/, { message: 'must be a duration like 900s, 15m, 1h or 1d' })
  @Describe("An access token's life; the session outlives it (see Sessions)")
  JWT_TTL = '1h';

  @Matches(/^\d+[smhd]?$/, { message: 'must be a duration like 30m, 8h or 1d' })
  @Describe('A session ends when nobody has refreshed it for this long (an open tab refreshes once per token: keep it well above JWT_TTL)')
  SESSION_IDLE_TTL = '8h';

  @Matches(/^\d+[smhd]?$/, { message: 'must be a duration like 12h or 7d' })
  @Describe('A session ends this long after sign-in, however active')
  SESSION_MAX_TTL = '7d';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  @Describe(
    'How long an api instance reuses what it read of a session (0 to 60000); changes reach every instance at once through Redis, this bounds the delay only when such a message is lost',
  )
  SESSION_CACHE_MS = 5000;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  @Describe(
    'When set (at least 16 characters), `GET /metrics` answers only `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open (keep it off the public network)',
  )
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true }, { message: 'must be an smtp:// URL' })
  @Describe('Where emails go (`smtp://` or `smtps://`); unset, they are recorded as not sent')
  SMTP_URL?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { message: 'must be an http:// or https:// URL' })
  @Describe(
    "The web client's public address (e.g. `https://consult.example.org`): each email links to the page it is about and its footer to `<APP_URL>/settings`, and carries a one-click `List-Unsubscribe` (`<APP_URL>/email/unsubscribe`, RFC 8058); unset, no links and no List-Unsubscribe, the footer says where the settings page is in words",
  )
  APP_URL?: string;

  @IsOptional()
  @IsString()
  @Describe('The From of every email')
  SMTP_FROM = 'Tripartite <no-reply@tripartite.local>';

  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may hold only letters, digits, _ and -' })
  @Describe('Prefix of every Redis key of the queues (letters, digits, `_`, `-`)')
  QUEUE_PREFIX = 'tripartite';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  @Describe('`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`')
  LOG_LEVEL = 'info';

  @IsIn(['auto', 'json', 'pretty'])
  @Describe(
    '`json` (one object a line, for collectors), `pretty` (a short line for a person: `12:04:31.250 WARN  EmailSender: ...`), or `auto`: pretty when stdout is a terminal outside production',
  )
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined)
  @IsDefined({ message: 'is required with ADMIN_PASSWORD' })
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  @Describe('With ADMIN_PASSWORD: the first admin, created on start if none exists')
  ADMIN_EMAIL?: string;

  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined)
  @IsDefined({ message: 'is required with ADMIN_EMAIL' })
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @Describe('With ADMIN_EMAIL (at least 12 characters)')
  ADMIN_PASSWORD?: string;

  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @Describe('The password of every demo account (`npm run demo`, `seed:demo`)')
  DEMO_PASSWORD = 'tripartite-demo';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('Failed sign-ins for one email from one client before that client is refused for that email for LOGIN_FAILURE_WINDOW_SECONDS')
  LOGIN_MAX_FAILURES_PER_EMAIL = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('The window of LOGIN_MAX_FAILURES_PER_EMAIL')
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe(
    'Failed sign-ins for one email from all clients before every client that has failed for it is refused for LOGIN_GLOBAL_FAILURE_WINDOW_SECONDS; a client that has not failed for it still gets in with the right password',
  )
  LOGIN_GLOBAL_FAILURES_PER_EMAIL = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('The window of LOGIN_GLOBAL_FAILURES_PER_EMAIL')
  LOGIN_GLOBAL_FAILURE_WINDOW_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('Sign-in attempts per client, whatever the email, per LOGIN_CLIENT_WINDOW_SECONDS')
  LOGIN_MAX_ATTEMPTS_PER_CLIENT = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('The window of LOGIN_MAX_ATTEMPTS_PER_CLIENT')
  LOGIN_CLIENT_WINDOW_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('The deepest GraphQL selection accepted (also fixed: at most 100 aliases and 50,000 characters per document, 1 MB per request body)')
  GRAPHQL_MAX_DEPTH = 12;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Describe(
    'No GraphQL request runs longer: its statements are cancelled (`statement_timeout`), its transaction rolls back, no field runs after it (QUERY_TOO_COMPLEX with `kind: "time"`)',
  )
  REQUEST_TIMEOUT_MS = 10000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('The highest price of a GraphQL document, each list counted at its real bound; dearer ones are refused before any SQL')
  GRAPHQL_MAX_COST = 200000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('The largest page (`first`) a list accepts')
  GRAPHQL_MAX_FIRST = 200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe(
    'Queries priced at this cost or more run at most GRAPHQL_HEAVY_CONCURRENCY at a time per api instance; the others wait their turn (at most 100 waiting, then RATE_LIMITED)',
  )
  GRAPHQL_HEAVY_COST = 20000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('How many heavy queries (GRAPHQL_HEAVY_COST) run at a time per api instance')
  GRAPHQL_HEAVY_CONCURRENCY = 2;

  @Transform(toList)
  @IsString({ each: true })
  @Describe("Origins allowed to call the api from a browser, comma-separated (also the WebSocket Origin allowlist; the api's own origin is always allowed)")
  CORS_ORIGINS: string[] = ['http://localhost:3000', 'http://127.0.0.1:3000'];

  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: isTrustProxy,
      defaultMessage: () => "must be false, a hop count, or the proxies' addresses or subnets (never true: anyone could claim any address)",
    },
  })
  @Describe(
    "Which peers may tell the client's address in X-Forwarded-For (express's `trust proxy`): `false` (the socket's peer is the client), a hop count, or the proxies' addresses or subnets (`10.0.0.5`, `10.0.0.0/8`, `loopback`, comma-separated); `true` is refused: anyone could claim any address",
  )
  TRUST_PROXY = 'false';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('How long a stopping worker lets running jobs finish before it exits')
  SHUTDOWN_TIMEOUT_MS = 10000;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Describe("How often the worker's outbox relay looks for rows a missed notification left behind")
  OUTBOX_SWEEP_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Describe('How often the worker re-derives every pending deadline and reminder job from the database')
  RECONCILE_INTERVAL_MS = 60000;

  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Zurich' })
  @Describe('Deadlines in emails are shown in UTC and in this IANA zone')
  SECRETARIAT_TIME_ZONE = 'Europe/Zurich';

  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'must be true or false' })
  @Describe(
    'In production a webhook may not reach a private, loopback, link-local or other non-public address (checked at registration and on each connection; NAT64, 6to4, Teredo and mapped IPv6 forms are judged by their IPv4 address) unless this is `true`; outside production it always may',
  )
  WEBHOOK_ALLOW_PRIVATE = false;

  @Transform(toList)
  @Matches(/^\d+(ms|[smhd])$/, { each: true, message: 'must be durations like 0s,5s,5m,30m,2h (ms, s, m, h, d)' })
  @ArrayMinSize(1, { message: 'must name at least one try' })
  @ArrayMaxSize(50, { message: 'must name at most 50 tries' })
  @Describe(
    'When each try of a webhook delivery is made: the first entry after the event, each next one after the try before it failed (less up to 20 % at random); dead-lettered when the last fails. Units `ms`, `s`, `m`, `h`, `d`; at most 50 entries. The Standard Webhooks schedule; replaces WEBHOOK_MAX_ATTEMPTS and WEBHOOK_BACKOFF_MS, which stop the process when set',
  )
  WEBHOOK_RETRY_SCHEDULE: string[] = ['0s', '5s', '5m', '30m', '2h', '5h', '10h', '10h'];

  @Matches(/^\d+[smhd]$/, { message: 'must be a duration like 24h or 90m' })
  @Describe('An owed email is retried for this long after it was first owed (or re-sent); then it is DEAD')
  EMAIL_RETRY_FOR = '24h';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('First wait after a failed email try; each next doubles (with jitter) up to EMAIL_BACKOFF_MAX_MS')
  EMAIL_BACKOFF_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Describe('The longest wait between two email tries')
  EMAIL_BACKOFF_MAX_MS = 3_600_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Describe('How long a webhook receiver has to answer a delivery')
  WEBHOOK_TIMEOUT_MS = 10000;

  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Describe("A job whose worker died is retried once its lock expires (BullMQ's stalled-job check)")
  JOB_LOCK_DURATION_MS = 30000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Describe('How often the worker checks for stalled jobs')
  JOB_STALLED_INTERVAL_MS = 30000;

  @Transform(toList)
  @Matches(/^\d+[smhd]$/, { each: true, message: 'must be durations like 7d,1d or 90m' })
  @Describe("Before a round's deadline, when organizations that have not commented are reminded (comma-separated durations)")
  REMINDER_OFFSETS: string[] = ['7d', '1d'];

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  @Describe("A Governing Body session's papers are due this many days before it opens, unless the session says otherwise")
  GB_DOCUMENT_DEADLINE_DAYS = 15;

  @Matches(/^\d+[smhd]$/, { message: 'must be a duration like 1d or 12h' })
  @Describe('How long before a meeting opens its participants and moderators are reminded')
  MEETING_REMINDER_OFFSET = '1d';

  @Matches(/^\d+[smhd]$/, { message: 'must be a duration like 7d' })
  @Describe("How long before a GB session's document deadline the secretariat is reminded")
  GB_REMINDER_OFFSET = '7d';

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  @Describe('Jobs of the `deadlines` queue (round closes, reminders) one worker runs at a time')
  WORKER_CONCURRENCY_DEADLINES = 5;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  @Describe('Jobs of the `notifications` queue (fan-outs) one worker runs at a time')
  WORKER_CONCURRENCY_NOTIFICATIONS = 5;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  @Describe('Emails one worker sends at a time')
  WORKER_CONCURRENCY_EMAILS = 5;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  @Describe('Webhook deliveries one worker makes at a time (mostly waiting on receivers, up to WEBHOOK_TIMEOUT_MS each)')
  WORKER_CONCURRENCY_WEBHOOKS = 10;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  @Describe('Jobs of the `maintenance` queue (audit sealing and checkpoints, the deadline reconcile) one worker runs at a time')
  WORKER_CONCURRENCY_MAINTENANCE = 5;

  @IsOptional()
  @IsEd25519PrivateKey()
  @Describe(
    'Ed25519 private key (PEM, or base64 of its PKCS#8 DER) the worker signs audit checkpoints with; in the environment only, never in the database. Give it to the worker only',
    'required for the worker in production; a development key with a warning otherwise',
  )
  AUDIT_SIGNING_KEY?: string;

  @IsOptional()
  @IsEd25519PublicKeys()
  @Describe(
    'Public keys checkpoints are verified with (PEM, or base64 of the SPKI DER; comma-separated while rotating). For the api and `audit:verify`',
    'derived from AUDIT_SIGNING_KEY',
  )
  AUDIT_VERIFY_KEY?: string;

  @Matches(/^\d+[smhd]$/, { message: 'must be a duration like 15m or 1h' })
  @Describe('No audit event stays without a signed checkpoint much longer than this (checked every minute, or this if shorter)')
  AUDIT_CHECKPOINT_INTERVAL = '15m';

  get auditCheckpointIntervalMs(): number {
    return durationMs(this.AUDIT_CHECKPOINT_INTERVAL);
  }

  /** True when checkpoints are signed and verified with the development key (no key given, outside production). */
  get usesDevAuditKey(): boolean {
    return !this.isProduction && !this.AUDIT_SIGNING_KEY && !this.AUDIT_VERIFY_KEY;
  }

  /** The checkpoint signing key: AUDIT_SIGNING_KEY, or the development key when usesDevAuditKey; else null (this process cannot sign). */
  get auditSigningKey(): KeyObject | null {
    if (this.AUDIT_SIGNING_KEY) return parseEd25519PrivateKey(this.AUDIT_SIGNING_KEY);
    return this.usesDevAuditKey ? parseEd25519PrivateKey(DEV_AUDIT_SIGNING_KEY) : null;
  }

  /** The keys checkpoints are verified with: AUDIT_VERIFY_KEY, else the public half of the signing key. */
  get auditVerifyKeys(): KeyObject[] {
    if (this.AUDIT_VERIFY_KEY) return parseEd25519PublicKeys(this.AUDIT_VERIFY_KEY);
    const signing = this.auditSigningKey;
    return signing ? parseEd25519PublicKeys(publicDer(signing).toString('base64')) : [];
  }

  get webhookRetryScheduleMs(): number[] {
    return this.WEBHOOK_RETRY_SCHEDULE.map(scheduleEntryMs);
  }

  get emailRetryForMs(): number {
    return durationMs(this.EMAIL_RETRY_FOR);
  }

  get reminderOffsetsMs(): number[] {
    return this.REMINDER_OFFSETS.map(durationMs);
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** The signing secret: JWT_SECRET, or outside production a fixed development value. */
  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  get jwtTtlSeconds(): number {
    return durationMs(this.JWT_TTL) / 1000;
  }

  get sessionIdleSeconds(): number {
    return durationMs(this.SESSION_IDLE_TTL) / 1000;
  }

  get sessionMaxSeconds(): number {
    return durationMs(this.SESSION_MAX_TTL) / 1000;
  }

  /** TRUST_PROXY as express's `trust proxy` setting takes it. */
  get trustProxy(): false | number | string {
    const v = this.TRUST_PROXY.trim();
    if (v === 'false' || v === 'off') return false;
    if (/^\d+$/.test(v)) return Number(v);
    return v
      .split(',')
      .map((s) => s.trim())
      .join(',');
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  for (const [gone, by] of Object.entries(REPLACED)) {
    if (env[gone] !== undefined && env[gone] !== '') throw new ConfigError(`Invalid configuration: ${gone} is no longer read; use ${by}`);
  }
  const input: Record<string, unknown> = {};
  for (const { name: key } of settingDocs(AppConfig)) {
    if (env[key] !== undefined && env[key] !== '') input[key] = env[key];
  }
  const config = plainToInstance(AppConfig, input);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const first = errors[0];
    // A missing value says so, rather than failing the checks of its form.
    const message = first.constraints?.isDefined ?? Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const bare = message.startsWith(first.property) ? message.slice(first.property.length).trim() : message;
    throw new ConfigError(`Invalid configuration: ${first.property} ${bare}`);
  }
  return config;
}
