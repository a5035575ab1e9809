import 'reflect-metadata';
import { ConfigError, loadConfig } from '@tripartite/config';
import { ensureDatabase, runMigrations } from '@tripartite/database';

/** npm run migrate: creates the database if needed and applies pending migrations (named, unless `brief`: counted). */
export async function migrate(url: string, log: (line: string) => void = console.log, options: { brief?: boolean } = {}): Promise<void> {
  if (await ensureDatabase(url)) log(`Created database ${new URL(url).pathname.slice(1)}`);
  const applied = await runMigrations(url);
  if (!applied.length) log('Database schema is up to date');
  else log(options.brief ? `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}` : `Applied migrations: ${applied.join(', ')}`);
}

if (require.main === module) {
  Promise.resolve()
    .then(() => migrate(loadConfig().DATABASE_URL))
    .catch((error: Error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `migrate failed: ${error.message}\n`);
      process.exit(1);
    });
}
