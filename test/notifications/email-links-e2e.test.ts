import { ok } from '@tripartite/testing';
import { ConsultationWorld } from '../api/consultation-fixtures';
import { emit } from './notification-fixtures';
import { CaughtMail, TestSmtp, WorkerHandle, notificationsSettled, startSmtp, startWorker, waitFor } from './e2e-support';

const APP_URL = 'https://consult.example.org';

// With APP_URL set, each email links to the page it is about, as the reader's role sees it (built worker, real SMTP).
describe('notification emails link to their page (real worker, real SMTP)', () => {
  let w: ConsultationWorld;
  let worker: WorkerHandle | undefined;
  let smtp: TestSmtp;
  const mails: CaughtMail[] = [];

  beforeAll(async () => {
    smtp = await startSmtp({}, mails);
    w = await ConsultationWorld.start();
    worker = await startWorker(w.api, { SMTP_URL: smtp.url, APP_URL });
  }, 60_000);
  afterAll(async () => {
    await worker?.proc.kill();
    await w?.stop();
    await smtp?.stop();
  });

  it('a constituent gets the round, the secretariat the instrument on its desk, in both parts and the reader’s language', async () => {
    const { p, round } = await w.openRound({ groups: ['WORKERS'] });
    const french = w.people.constituents.WORKERS[0];
    ok(await w.gql(`mutation { setMyLanguage(language: FR) { language } }`, {}, w.tokens.constituents.WORKERS[0]));
    const eventId = await emit(w.api.app, { kind: 'consultation.closed', data: { roundId: round.id } });
    const mailsOf = () => mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);
    const expected = [...w.people.constituents.WORKERS.map((u) => u.email), w.people.secretariat.email];
    await waitFor('the emails', async () => (mailsOf().length >= expected.length ? true : undefined), 20_000);
    await notificationsSettled(w.api);
    const to = (email: string) => mailsOf().find((m) => m.to.includes(email))!.mail;

    const roundUrl = `${APP_URL}/rounds/${round.id}`;
    const fr = to(french.email);
    expect(fr.text).toContain(`Ouvrir dans l’application : ${roundUrl}`);
    expect(fr.html).toEqual(expect.stringContaining(`<a href="${roundUrl}">${roundUrl}</a>`));
    const en = to(w.people.constituents.WORKERS[1].email);
    expect(en.text).toContain(`Open it in the application: ${roundUrl}`);

    const deskUrl = `${APP_URL}/desk/instruments/${p.instrumentId}`;
    const desk = to(w.people.secretariat.email);
    expect(desk.text).toContain(`Open it in the application: ${deskUrl}`);
    expect(desk.html).toEqual(expect.stringContaining(`<a href="${deskUrl}">${deskUrl}</a>`));
    expect(desk.text).not.toContain('/rounds/');
  }, 60_000);
});
