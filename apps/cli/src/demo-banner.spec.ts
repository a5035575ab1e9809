import { demoBanner } from './demo-banner';

const PLACES = { meetingInSession: 'm-1', paperInstrument: 'i-heat', commentsInstrument: 'i-mflm' };

describe('demoBanner', () => {
  it("names every seeded page with its URL: the meeting's board and console, the desk, the comments, the GB paper, the rounds", () => {
    const text = demoBanner(PLACES, { port: 3100, password: 'tripartite-demo', smtp: false }).join('\n');
    for (const [label, url] of [
      ['Web client', 'http://localhost:3100/'],
      ['Meeting board', 'http://localhost:3100/meetings/m-1/board'],
      ['Moderator console', 'http://localhost:3100/meetings/m-1/moderate'],
      ['Secretariat desk', 'http://localhost:3100/desk'],
      ['Comments to dispose of', 'http://localhost:3100/desk/instruments/i-mflm'],
      ['Paper for the Governing Body', 'http://localhost:3100/desk/instruments/i-heat'],
      ['Consultation rounds', 'http://localhost:3100/rounds'],
    ]) {
      expect(text).toMatch(new RegExp(`^ {2}${label} +${url.replace(/[/.]/g, '\\$&')}( |$)`, 'm'));
    }
    expect(text).toMatch(/moderate +as moderator@tripartite\.demo$/m);
    expect(text).toContain('GB.356/INS/4');
    expect(text).toContain('Demo accounts (password: tripartite-demo)');
    expect(text).toMatch(/^ {2}gov\.br@tripartite\.demo +CONSTITUENT, Government of Brazil$/m);
  });

  it('leaves out the pages a database seeded by an older demo does not have', () => {
    const text = demoBanner({ meetingInSession: null, paperInstrument: null, commentsInstrument: 'i-mflm' }, { port: 3000, password: 'p', smtp: false }).join(
      '\n',
    );
    expect(text).not.toContain('/meetings/');
    expect(text).not.toContain('Paper for the Governing Body');
    expect(text).toContain('http://localhost:3000/desk/instruments/i-mflm');
  });

  it('says where e-mails go: nowhere but in-app without SMTP_URL, with how to see them', () => {
    const off = demoBanner(PLACES, { port: 3000, password: 'p', smtp: false }).join('\n');
    expect(off).toMatch(/SMTP_URL is not set, so notifications stay in-app/);
    expect(off).toContain('SMTP_URL=smtp://127.0.0.1:1025');
    const on = demoBanner(PLACES, { port: 3000, password: 'p', smtp: true }).join('\n');
    expect(on).not.toContain('SMTP_URL is not set');
  });
});
