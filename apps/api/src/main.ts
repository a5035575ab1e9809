import 'reflect-metadata';
import { appConfig, ConfigError } from '@tripartite/config';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const config = appConfig();
  const app = await createApi();
  await app.listen(config.PORT, '0.0.0.0');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`api failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
