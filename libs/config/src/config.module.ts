import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

let cached: AppConfig | undefined;

/** The process's config; loaded once. Tests may reset it after changing process.env. */
export function appConfig(): AppConfig {
  if (!cached) {
    cached = loadConfig();
    if (!cached.JWT_SECRET) {
      new Logger('Config').warn('JWT_SECRET is not set: using the development secret (never in production)');
    }
    if (cached.usesDevAuditKey) {
      new Logger('Config').warn('AUDIT_SIGNING_KEY is not set: audit checkpoints use the development key, which anyone can forge with (never in production)');
    }
  }
  return cached;
}

export function resetAppConfig(): void {
  cached = undefined;
}

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: appConfig }],
  exports: [AppConfig],
})
export class ConfigModule {}
