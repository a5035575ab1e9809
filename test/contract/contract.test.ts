import { readFileSync, writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLSchema, buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { startApi } from '@tripartite/testing';
import { SCHEMA_FILE } from '../../apps/api/src/graphql/graphql.options';
import { PENDING_FILE, contractText } from './contract-file';
import { Gap, contractGaps, parsePending, parentOf, prunedPending } from './list-missing';

const PRUNE = 'CONTRACT_PRUNE_PENDING=1 npx jest test/contract';

/** Boots the API, which rewrites apps/api/schema.graphql outside production, and reads the file back. */
async function generatedSchema(): Promise<string> {
  const api = await startApi();
  let expected: string;
  try {
    expected = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
  } finally {
    await api.close();
  }
  // Test files booting the API in parallel rewrite the same file: wait out a write in progress.
  for (let attempt = 0; ; attempt++) {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    if (text.trimEnd().endsWith(expected.trimEnd())) return text;
    if (attempt >= 30) throw new Error(`${SCHEMA_FILE} is not the schema the API generates`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const describeGaps = (gaps: Gap[]) => gaps.map((g) => `  ${g.item}  ${g.problem}`).join('\n');

describe('the GraphQL contract', () => {
  let contract: GraphQLSchema;
  let gaps: Gap[];
  let pending: string[];

  beforeAll(async () => {
    contract = buildSchema(contractText());
    const ours = buildSchema(await generatedSchema());
    gaps = contractGaps(contract, ours);
    pending = parsePending(readFileSync(PENDING_FILE, 'utf8'));
    if (process.env.CONTRACT_PRUNE_PENDING === '1') {
      const next = prunedPending(pending, gaps);
      writeFileSync(PENDING_FILE, next.length ? `${next.join('\n')}\n` : '');
      pending = next;
    }
  }, 60_000);

  it('is a subset of apps/api/schema.graphql, except the items in test/contract/pending.txt', () => {
    const listed = new Set(pending);
    const unexpected = gaps.filter((g) => !listed.has(g.item));
    if (unexpected.length) {
      throw new Error(
        `The generated schema breaks the contract (names, types, nullability, arguments and defaults must match):\n${describeGaps(unexpected)}\n` +
          `Fix the code; when a pending type or field was only partly implemented, run \`${PRUNE}\` to narrow its entry.`,
      );
    }
  });

  it('lists in pending.txt only what is still missing, so the list only shrinks', () => {
    const missing = new Set(gaps.map((g) => g.item));
    const done = pending.filter((item) => !missing.has(item));
    if (done.length) {
      const reason = (item: string) => {
        const parent = parentOf(item);
        return parent && missing.has(parent) ? `list ${parent} instead: the whole of it is missing` : 'exists now';
      };
      throw new Error(`Remove from test/contract/pending.txt (or run \`${PRUNE}\`):\n${done.map((item) => `  ${item}  ${reason(item)}`).join('\n')}`);
    }
    expect(new Set(pending).size).toBe(pending.length);
  });
});
