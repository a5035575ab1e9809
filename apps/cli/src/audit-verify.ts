import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditSealer, AuditVerifier } from '@tripartite/audit';
import { loadConfig } from '@tripartite/config';
import { dataSourceOptions } from '@tripartite/database';

/** npm run audit:verify: seals what is finished, recomputes the chain, exits 1 when it is broken. */
async function main(): Promise<number> {
  const ds = new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
  await ds.initialize();
  try {
    await new AuditSealer(ds).seal();
    const result = await new AuditVerifier(ds).verify();
    process.stdout.write(
      result.valid
        ? `Audit chain valid: ${result.checked} events checked\n`
        : `Audit chain BROKEN at sequence ${result.firstBrokenSequence} (${result.checked} events valid before it)\n`,
    );
    return result.valid ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`audit:verify failed: ${error.message}\n`);
    process.exit(2);
  },
);
