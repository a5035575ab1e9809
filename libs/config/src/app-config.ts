import { plainToInstance, Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

export const DEV_JWT_SECRET = 'tripartite-development-secret-do-not-use-in-production';

/** Every setting of both apps, read from the environment once and validated. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tripartite';

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt({ message: 'must be a port number' })
  @Min(0, { message: 'must be a port number' })
  @Max(65535, { message: 'must be a port number' })
  PORT = 3000;

  @Transform(toInt)
  @IsInt({ message: 'must be a port number' })
  @Min(0, { message: 'must be a port number' })
  @Max(65535, { message: 'must be a port number' })
  WORKER_HEALTH_PORT = 3001;

  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.JWT_SECRET !== undefined)
  @IsDefined({ message: 'is required when NODE_ENV=production' })
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Matches(/^\d+[smhd]?$/, { message: 'must be a duration like 900s, 15m, 1h or 1d' })
  JWT_TTL = '1h';

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true }, { message: 'must be an smtp:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_FROM = 'Tripartite <no-reply@tripartite.local>';

  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may hold only letters, digits, _ and -' })
  QUEUE_PREFIX = 'tripartite';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined)
  @IsDefined({ message: 'is required with ADMIN_PASSWORD' })
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @ValidateIf((c: AppConfig) => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined)
  @IsDefined({ message: 'is required with ADMIN_EMAIL' })
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  DEMO_PASSWORD = 'tripartite-demo';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_EMAIL = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_ATTEMPTS_PER_CLIENT = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_CLIENT_WINDOW_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DEPTH = 12;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COST = 50000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_FIRST = 200;

  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = ['http://localhost:3000', 'http://127.0.0.1:3000'];

  @IsString()
  TRUST_PROXY = 'loopback';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SHUTDOWN_TIMEOUT_MS = 10000;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_SWEEP_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  RECONCILE_INTERVAL_MS = 60000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** The signing secret: JWT_SECRET, or outside production a fixed development value. */
  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  get jwtTtlSeconds(): number {
    const m = /^(\d+)([smhd]?)$/.exec(this.JWT_TTL)!;
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    return Number(m[1]) * unit;
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, unknown> = {};
  for (const key of [...known, 'JWT_SECRET', 'SMTP_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
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
