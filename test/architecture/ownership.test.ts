import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// The shape issue 14 asks for, read from the sources: every table has one entity, in the library that owns it;
// SQL lives only in a capability's repositories and read models; and a capability's SQL names only its own tables.
const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.tsx?$/.test(name) && !/\.(spec|test)\.tsx?$/.test(name) ? [path] : [];
  });
}

const rel = (path: string) => relative(ROOT, path).split(sep).join('/');
const libOf = (path: string) => rel(path).split('/')[1];
const MIGRATIONS = join(ROOT, 'libs', 'database', 'src', 'migrations');

/** Tables the migrations create (TypeORM's own aside). */
function migratedTables(): string[] {
  const names = new Set<string>();
  for (const file of files(MIGRATIONS)) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)"?/g)) names.add(name);
  }
  names.delete('typeorm_metadata');
  return [...names].sort();
}

/** table -> the library whose entity describes it. */
function owners(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const file of files(join(ROOT, 'libs')).filter((f) => f.endsWith('.entity.ts'))) {
    for (const [, table] of readFileSync(file, 'utf8').matchAll(/@Entity\('([a-z_]+)'/g)) map.set(table, [...(map.get(table) ?? []), libOf(file)]);
  }
  return map;
}

/** Where a capability's SQL may live. */
const SQL_HOME = /\/(repositories\/[^/]+|[^/]+\.repository|read-models\/[^/]+|[^/]+\.read-model)\.ts$/;
/** Infrastructure that is SQL by nature: the connection, transactions and migrations. */
const SQL_INFRASTRUCTURE = [/^libs\/database\//];
const RUNS_SQL = /\.(query|createQueryBuilder)\(|\bmanager\.(find|findOne|save|insert|update|delete|count)\w*\(/;

const sources = () => [...files(join(ROOT, 'libs')), ...files(join(ROOT, 'apps'))].filter((f) => !rel(f).startsWith('apps/web/'));

describe('table ownership', () => {
  it('every table the migrations create has exactly one entity', () => {
    const map = owners();
    const problems = migratedTables().flatMap((t) => {
      const libs = map.get(t) ?? [];
      return libs.length === 1 ? [] : [`${t}: ${libs.length ? `described in ${libs.join(', ')}` : 'no entity'}`];
    });
    expect(problems).toEqual([]);
  });

  it('SQL runs only in repositories and read models', () => {
    const offenders = sources()
      .filter((f) => !SQL_HOME.test(rel(f)) && !SQL_INFRASTRUCTURE.some((p) => p.test(rel(f))))
      .filter((f) => RUNS_SQL.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("a capability's SQL names only its own tables", () => {
    const map = owners();
    const tables = [...map.keys()].join('|');
    const reference = new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+"?(${tables})"?\\b`, 'g');
    const offences: string[] = [];
    for (const file of files(join(ROOT, 'libs')).filter((f) => !SQL_INFRASTRUCTURE.some((p) => p.test(rel(f))))) {
      const lib = libOf(file);
      for (const [, table] of readFileSync(file, 'utf8').matchAll(reference)) {
        const owner = map.get(table)?.[0];
        if (owner && owner !== lib) offences.push(`${rel(file)}: ${table} (${owner}'s)`);
      }
    }
    expect([...new Set(offences)]).toEqual([]);
  });
});
