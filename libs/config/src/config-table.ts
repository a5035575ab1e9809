import { AppConfig } from './app-config';
import { settingDocs } from './describe';

export const TABLE_START = '<!-- settings: generated from libs/config by `npm run docs:config`; edit the descriptions there -->';
export const TABLE_END = '<!-- end of settings -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function defaultOf(config: AppConfig, name: string, defaultText: string | undefined): string {
  if (defaultText) return defaultText;
  const value = (config as unknown as Record<string, unknown>)[name];
  if (value === undefined) return 'unset';
  return `\`${Array.isArray(value) ? value.join(',') : String(value)}\``;
}

/** The README's table of settings, between its markers: one row per described setting, in the class's order. */
export function settingsTable(): string {
  const config = new AppConfig();
  const rows = settingDocs(AppConfig).map((d) => `| \`${d.name}\` | ${cell(defaultOf(config, d.name, d.defaultText))} | ${cell(d.description)} |`);
  return [TABLE_START, '', '| variable | default | what it does |', '|---|---|---|', ...rows, '', TABLE_END].join('\n');
}

/** The text with its settings table replaced by the generated one; throws when the markers are missing. */
export function withSettingsTable(text: string): string {
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('the settings table markers are missing');
  return text.slice(0, start) + settingsTable() + text.slice(end + TABLE_END.length);
}
