import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contractText } from './contract-file';

describe('finding the contract', () => {
  let dir: string;
  let files: { copy: string; shared: string };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'contract-'));
    files = { copy: path.join(dir, 'copy.graphql'), shared: path.join(dir, 'shared.graphql') };
    writeFileSync(files.copy, 'type Query { a: Int }\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the repository copy when nothing is beside the repository (a plain clone)', () => {
    expect(contractText(files, {})).toBe('type Query { a: Int }\n');
  });

  it('uses the copy when the shared contract is the same file', () => {
    writeFileSync(files.shared, 'type Query { a: Int }\n');
    expect(contractText(files, {})).toBe('type Query { a: Int }\n');
  });

  it('fails when the shared contract changed and the copy was not brought up to it', () => {
    writeFileSync(files.shared, 'type Query { a: Int b: Int }\n');
    expect(() => contractText(files, {})).toThrow(/differs from .*copy\.graphql/);
  });

  it('reads CONTRACT_SCHEMA when it is set', () => {
    const other = path.join(dir, 'other.graphql');
    writeFileSync(other, 'type Query { c: Int }\n');
    expect(contractText(files, { CONTRACT_SCHEMA: other })).toBe('type Query { c: Int }\n');
  });
});
