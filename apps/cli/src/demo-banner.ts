import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@tripartite/database';
import { InstrumentReferencesReadModel } from '@tripartite/drafting';
import { InstrumentMeetingsReadModel } from '@tripartite/meetings';
import { DEMO_GB_PAPER } from './seed/demo-governing-body';
import { DEMO_INSTRUMENTS } from './seed/demo-instruments';
import { DEMO_ORGANIZATIONS, DEMO_STAFF } from './seed/demo-people';

/** Where the seeded pages are (null: not in this database, e.g. one seeded by an older demo). */
export interface DemoPlaces {
  meetingInSession: string | null;
  paperInstrument: string | null;
  commentsInstrument: string | null;
}

/** Asks drafting and meetings, through their read models, on a connection of its own. */
export async function findDemoPlaces(databaseUrl: string): Promise<DemoPlaces> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    const { care, heat, mflm } = DEMO_INSTRUMENTS;
    const ids = await new InstrumentReferencesReadModel(dataSource).idsByReference([care.reference, heat.reference, mflm.reference]);
    const careId = ids.get(care.reference);
    return {
      meetingInSession: careId ? await new InstrumentMeetingsReadModel(dataSource).latestInStatus(careId, 'IN_SESSION') : null,
      paperInstrument: ids.get(heat.reference) ?? null,
      commentsInstrument: ids.get(mflm.reference) ?? null,
    };
  } finally {
    await dataSource.destroy();
  }
}

export interface BannerOptions {
  port: number;
  password: string;
  smtp: boolean;
  bold?: (text: string) => string;
}

/** The lines the demo prints once the api and worker are ready: each page worth opening, as whom, and the accounts. */
export function demoBanner(places: DemoPlaces, options: BannerOptions): string[] {
  const bold = options.bold ?? ((t: string) => t);
  const base = `http://localhost:${options.port}`;
  const pages: [string, string, string][] = [
    ['Web client', `${base}/`, ''],
    ['GraphQL', `${base}/graphql`, ''],
  ];
  if (places.meetingInSession) {
    pages.push(['Meeting board', `${base}/meetings/${places.meetingInSession}/board`, `${DEMO_INSTRUMENTS.care.reference}, in session; any account`]);
    pages.push(['Moderator console', `${base}/meetings/${places.meetingInSession}/moderate`, 'as moderator@tripartite.demo']);
  }
  pages.push(['Secretariat desk', `${base}/desk`, 'as secretariat@tripartite.demo']);
  if (places.commentsInstrument)
    pages.push(['Comments to dispose of', `${base}/desk/instruments/${places.commentsInstrument}`, DEMO_INSTRUMENTS.mflm.reference]);
  if (places.paperInstrument) {
    pages.push([
      'Paper for the Governing Body',
      `${base}/desk/instruments/${places.paperInstrument}`,
      `${DEMO_INSTRUMENTS.heat.reference}, ${DEMO_GB_PAPER.symbol}`,
    ]);
  }
  pages.push(['Consultation rounds', `${base}/rounds`, `as a constituent, e.g. ${DEMO_ORGANIZATIONS[0].user.email}`]);

  const labelWidth = Math.max(...pages.map(([label]) => label.length));
  const urlWidth = Math.max(...pages.map(([, url]) => url.length));
  const accounts: [string, string][] = [
    ...DEMO_STAFF.map((s): [string, string] => [s.email, s.roles.join(', ')]),
    ...DEMO_ORGANIZATIONS.map((o): [string, string] => [o.user.email, `CONSTITUENT, ${o.name}`]),
  ];
  const emailWidth = Math.max(...accounts.map(([email]) => email.length));
  return [
    '',
    bold('Tripartite demo is running'),
    ...pages.map(([label, url, note]) => `  ${label.padEnd(labelWidth)}  ${note ? `${url.padEnd(urlWidth)}  ${note}` : url}`),
    '',
    bold(`Demo accounts (password: ${options.password})`),
    ...accounts.map(([email, what]) => `  ${email.padEnd(emailWidth)}  ${what}`),
    '',
    options.smtp
      ? 'E-mails go to SMTP_URL.'
      : "E-mails: SMTP_URL is not set, so notifications stay in-app (on each account's home page). To see the e-mails, run Mailpit (docker run -p 1025:1025 -p 8025:8025 axllent/mailpit) and start the demo with SMTP_URL=smtp://127.0.0.1:1025; they appear at http://localhost:8025.",
    'Press Ctrl-C to stop.',
    '',
  ];
}
