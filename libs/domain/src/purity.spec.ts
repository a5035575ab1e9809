import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import * as domain from './index';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('libs/domain', () => {
  it('imports nothing but its own files (no Nest, TypeORM, GraphQL or any package)', () => {
    const files = sources(__dirname);
    let total = 0;
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/(?:from\s+|require\(\s*|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
      total += specifiers.length;
      for (const s of specifiers) expect({ file, s, relative: s.startsWith('.') }).toEqual({ file, s, relative: true });
    }
    expect(total).toBeGreaterThan(10);
  });

  it('exports its API through index', () => {
    for (const name of [
      'STAGES',
      'CONSTITUENT_GROUPS',
      'TRANSITIONS',
      'validateTransitionTable',
      'assertValidTransitionTable',
      'movesFrom',
      'evaluateMove',
      'nextStages',
      'isEarlyClose',
      'tallyConsensus',
      'weighVote',
      'validateVoteCounts',
      'VOTING_ROLES',
      'tallyItem',
      'closeItemBlockers',
      'amendmentAcceptBlockers',
      'reminderTimes',
      'roundCloseJobId',
      'reminderJobId',
      'defaultDocumentDeadline',
      'TEXT_MAX',
      'checkText',
      'checkInstant',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
