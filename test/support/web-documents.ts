import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The GraphQL documents of the web client: every `graphql(\`...\`)` in apps/web/src (codegen's own input). */
export function webDocuments(root = join(__dirname, '..', '..', 'apps', 'web', 'src')): { file: string; source: string }[] {
  const found: { file: string; source: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'gql') walk(path);
      } else if (/\.tsx?$/.test(name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/graphql\(\s*`([^`]*)`\s*\)/g)) found.push({ file: path, source: m[1] });
      }
    }
  };
  walk(root);
  return found;
}
