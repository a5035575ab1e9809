import { formatInstant } from '@tripartite/notifications';
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

  it('the disposition email names the guideline, quotes the comment, gives the disposition and its note; the extension email its reason', async () => {
    const { p, round } = await w.openRound({ groups: ['WORKERS'] });
    const [guidelineKey, guidelineId] = Object.entries(p.guidelines)[0] as [string, string];
    const body = `Please add <fair recruitment> & "no fees" ${'to workers '.repeat(60)}`;
    const comment = await w.comment(w.tokens.constituents.WORKERS[1], { roundId: round.id, guidelineId, type: 'TECHNICAL', body });
    const [{ number }] = await w.api.db.query<{ number: string }>(`SELECT number FROM guideline WHERE id = $1`, [guidelineId]);
    expect(guidelineKey).toBeTruthy();

    const newDeadline = new Date(new Date(round.closesAt).getTime() + 7 * 86_400_000).toISOString();
    ok(
      await w.gql(
        `mutation($id: ID!, $at: DateTime!) { extendConsultation(roundId: $id, closesAt: $at, reason: "Several governments asked for a week more") { id } }`,
        { id: round.id, at: newDeadline },
        w.tokens.secretariat,
      ),
    );
    await w.close(p.instrumentId);
    ok(
      await w.gql(
        `mutation($c: ID!) { setDisposition(commentId: $c, disposition: PARTIALLY_ACCEPTED, note: "Taken up in 4.3 & the annex") { id } }`,
        { c: comment.id },
        w.tokens.secretariat,
      ),
    );
    const constituent = w.people.constituents.WORKERS[1].email;
    const mailOf = (kind: string) =>
      mails.find((m) => m.mail.headers.get('x-tripartite-kind') === kind && m.to.includes(constituent) && m.mail.text?.includes(round.id));
    const disposed = (await waitFor('the disposition email', async () => mailOf('comment.disposed'), 30_000)).mail;
    expect(disposed.text).toContain(`comment on guideline ${number} on `);
    expect(disposed.text).toContain(
      ': partially accepted. Note of the secretariat: Taken up in 4.3 & the annex Your comment: "Please add <fair recruitment> & "no fees" to workers',
    );
    // Bounded: an excerpt of the comment, not all of it.
    expect(disposed.text).toMatch(/ to…"\n/);
    expect(disposed.text).not.toContain(body.trim());
    expect(disposed.text).toContain(`${APP_URL}/rounds/${round.id}`);
    expect(disposed.html).toEqual(expect.stringContaining('Please add &lt;fair recruitment&gt; &amp; &quot;no fees&quot;'));

    const extended = (await waitFor('the extension email', async () => mailOf('consultation.extended'), 30_000)).mail;
    expect(extended.text).toContain('Reason: Several governments asked for a week more');
    expect(extended.text).toContain(formatInstant(new Date(newDeadline), 'Europe/Zurich').utc);
    expect(extended.text).toContain(formatInstant(new Date(newDeadline), 'Europe/Zurich').local);
  }, 60_000);
});
