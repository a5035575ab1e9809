// npm run docs:config: rewrites the README's settings table from the descriptions in libs/config.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSettingsTable } from '@tripartite/config';

const readme = join(__dirname, '..', '..', '..', '..', 'README.md');
const before = readFileSync(readme, 'utf8');
const after = withSettingsTable(before);
if (after !== before) writeFileSync(readme, after);
process.stdout.write(after === before ? 'README.md: the settings table is up to date\n' : 'README.md: settings table rewritten\n');
