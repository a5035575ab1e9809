import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditVerification, CheckpointToCheck, parseCheckpointLines, verifyAuditTrail, verifyKeys } from '@tripartite/audit';
import { loadConfig } from '@tripartite/config';
import { dataSourceOptions } from '@tripartite/database';

const USAGE =
  'usage: npm run audit:verify [-- --checkpoint <file>]...  (a file of checkpoint JSON lines: checkpoints, worker log lines or audit.checkpoint webhook bodies)';

class UsageError extends Error {}

/** The checkpoints of each --checkpoint file; any line that holds none is an error, so nothing is skipped unseen. */
function checkpointFiles(files: string[]): CheckpointToCheck[] {
  const found: CheckpointToCheck[] = [];
  const errors: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const parsed = parseCheckpointLines(text);
    errors.push(...parsed.errors.map((e) => `${file} ${e}`));
    found.push(...parsed.checkpoints.map((c) => ({ checkpoint: c.checkpoint, source: `${file} line ${c.line}` })));
    if (!parsed.checkpoints.length && !parsed.errors.length) errors.push(`${file} holds no checkpoint`);
  }
  if (errors.length)
    throw new UsageError(`not a checkpoint file:\n  ${errors.slice(0, 20).join('\n  ')}${errors.length > 20 ? `\n  and ${errors.length - 20} more` : ''}`);
  return found;
}

function report(result: AuditVerification, fromFiles: number): string {
  const lines: string[] = [];
  if (result.firstBrokenSequence !== null) {
    lines.push(`Audit chain BROKEN at sequence ${result.firstBrokenSequence} (${result.checked} events valid before it)`);
  } else if (!result.valid) {
    const what =
      result.firstUnreachedCheckpoint !== null
        ? `no longer reaches checkpoint ${result.firstUnreachedCheckpoint}`
        : 'has checkpoints that fail their signature';
    lines.push(`Audit chain INVALID: ${result.checked} events recompute, but the chain ${what}`);
  } else {
    const latest = result.latestCheckpoint ? `; the latest at sequence ${result.latestCheckpoint.sequence}, signed ${result.latestCheckpoint.at}` : '';
    lines.push(`Audit chain valid: ${result.checked} events checked`);
    lines.push(`Checkpoints: ${result.checkpointsChecked} reached (${result.checkpointsChecked - fromFiles} stored, ${fromFiles} from files)${latest}`);
  }
  for (const problem of result.problems) lines.push(`  - ${problem}`);
  return `${lines.join('\n')}\n`;
}

/**
 * npm run audit:verify: seals what is finished, recomputes the chain, checks that it still reaches every signed
 * checkpoint (those stored, and those of --checkpoint files kept outside the database); exits 1 when it does not.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { checkpoint: { type: 'string', multiple: true } }, strict: true });
  const fromFiles = checkpointFiles(values.checkpoint ?? []);
  const config = loadConfig();
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL));
  await ds.initialize();
  try {
    const result = await verifyAuditTrail(ds, verifyKeys(config.auditVerifyKeys), fromFiles);
    process.stdout.write(report(result, fromFiles.length));
    return result.valid ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`audit:verify failed: ${error.message}\n${usage ? `${USAGE}\n` : ''}`);
    process.exit(2);
  },
);
