import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, loadConfig } from './app-config';
import { TABLE_END, TABLE_START, settingsTable } from './config-table';
import { settingDocs } from './describe';

describe('the settings table', () => {
  it('describes every setting the class has, once', () => {
    const described = settingDocs(AppConfig).map((d) => d.name);
    expect(new Set(described).size).toBe(described.length);
    expect(described).toEqual(expect.arrayContaining(Object.keys(new AppConfig())));
    for (const d of settingDocs(AppConfig)) expect(d.description.length).toBeGreaterThan(10);
  });

  it('reads exactly the described settings from the environment, those without a default included', () => {
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(40), WORKER_CONCURRENCY_EMAILS: '3' })).toMatchObject({
      JWT_SECRET: 'x'.repeat(40),
      WORKER_CONCURRENCY_EMAILS: 3,
    });
    expect(loadConfig({ SOMETHING_ELSE: '1' } as NodeJS.ProcessEnv)).not.toHaveProperty('SOMETHING_ELSE');
  });

  it('is the one in the README (run `npm run docs:config` after changing a setting)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end + TABLE_END.length)).toBe(settingsTable());
  });

  it('shows a default in words where the class has none, and lists joined', () => {
    const table = settingsTable();
    expect(table).toContain('| `JWT_SECRET` | required in production');
    expect(table).toContain('| `REMINDER_OFFSETS` | `7d,1d` |');
    expect(table).toContain('| `SMTP_URL` | unset |');
  });
});
