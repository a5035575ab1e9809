import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePending } from './list-missing';

/** The repository's copy of the binding contract: a plain clone has nothing beside it. */
export const CONTRACT_COPY = path.join(__dirname, 'contract.graphql');

/** ../shared beside the repository, where the CEO's copy lives when it is checked out. */
const SHARED_CONTRACT = path.resolve(__dirname, '..', '..', '..', 'shared', 'contract', 'schema.graphql');

/**
 * The contract's text: CONTRACT_SCHEMA when set, else the copy kept here. When ../shared holds the
 * contract too, the two must be the same file, so a change there that was not copied in fails the suite.
 */
export function contractText(files = { copy: CONTRACT_COPY, shared: SHARED_CONTRACT }, env = process.env): string {
  if (env.CONTRACT_SCHEMA) return readFileSync(env.CONTRACT_SCHEMA, 'utf8');
  const copy = readFileSync(files.copy, 'utf8');
  if (existsSync(files.shared)) {
    const shared = readFileSync(files.shared, 'utf8');
    if (shared !== copy) {
      throw new Error(`${files.shared} differs from ${files.copy}: copy the contract in (cp ${files.shared} ${files.copy}) and build what it adds`);
    }
  }
  return copy;
}

export const PENDING_FILE = path.join(__dirname, 'pending.txt');

/** Root operations the contract names that pending.txt lists as not built yet, as "mutation:logout". */
export function pendingOperations(): string[] {
  const roots: Record<string, string> = { Query: 'query', Mutation: 'mutation', Subscription: 'subscription' };
  return parsePending(readFileSync(PENDING_FILE, 'utf8')).flatMap((item) => {
    const m = /^(Query|Mutation|Subscription)\.(\w+)$/.exec(item);
    return m ? [`${roots[m[1]]}:${m[2]}`] : [];
  });
}
