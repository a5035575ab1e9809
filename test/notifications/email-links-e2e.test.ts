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

  /** A header as sent (mailparser folds List-* headers into objects). */
  const header = (m: CaughtMail, name: string): string | undefined =>
    m.mail.headerLines
      .find((h) => h.key === name)
      ?.line.replace(/^[^:]+:\s*/, '')
      .replace(/\r?\n\s+/g, ' ');

  it('every email is Auto-Submitted and has a one-click List-Unsubscribe for its kind; one POST turns that kind off, a forged token is refused', async () => {
    const { round } = await w.openRound({ groups: ['EMPLOYERS'] });
    const [leaving, staying] = w.people.constituents.EMPLOYERS;
    const send = async () => {
      const eventId = await emit(w.api.app, { kind: 'consultation.reminder', data: { roundId: round.id } });
      await waitFor(
        'the reminder emails',
        async () => (mails.some((m) => m.mail.headers.get('x-tripartite-event') === eventId && m.to.includes(staying.email)) ? true : undefined),
        20_000,
      );
      await notificationsSettled(w.api);
      return mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);
    };
    const first = await send();
    expect(first.flatMap((m) => m.to).sort()).toEqual([leaving.email, staying.email].sort());
    for (const m of first) {
      expect(header(m, 'auto-submitted')).toBe('auto-generated');
      expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(header(m, 'list-unsubscribe')).toMatch(new RegExp(`^<${APP_URL}/email/unsubscribe\\?token=[A-Za-z0-9_%.-]+>$`));
    }
    const link = header(
      first.find((m) => m.to.includes(leaving.email))!,
      'list-unsubscribe',
    )!.slice(1, -1);
    const local = link.replace(APP_URL, w.api.url);
    const optOut = async (userId: string) => (await w.api.db.query<{ o: string[] }>(`SELECT email_opt_out AS o FROM app_user WHERE id = $1`, [userId]))[0].o;

    // The page speaks the person's language: theirs, once they chose French.
    await w.api.db.query(`UPDATE app_user SET language = 'FR' WHERE id = $1`, [leaving.id]);

    // GET shows the button and changes nothing.
    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-language')).toBe('fr');
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<form method="post"');
    expect(html).toContain('Se désabonner');
    expect(html).toContain('« consultation.reminder »');
    expect(await optOut(leaving.id)).toEqual([]);
    const forgedPage = await fetch(`${w.api.url}/email/unsubscribe?token=nonsense`);
    expect(forgedPage.status).toBe(400);
    expect(await forgedPage.text()).toContain('This unsubscribe link is not valid.');

    // A forged token (another kind, the same signature) and garbage are refused.
    const token = new URL(link).searchParams.get('token')!;
    const forged = `${Buffer.from(`${leaving.id}.comment.disposed`).toString('base64url')}.${token.split('.')[1]}`;
    for (const bad of [forged, 'nonsense', '']) {
      const res = await fetch(`${w.api.url}/email/unsubscribe?token=${encodeURIComponent(bad)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect(await optOut(leaving.id)).toEqual([]);

    // The mail client's one click: a form POST, no cookie, no CSRF header.
    const res = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('Les courriels « consultation.reminder » sont désactivés.\n');
    expect(await optOut(leaving.id)).toEqual(['consultation.reminder']);
    const [audit] = await w.api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'user.email-preferences-changed'`,
      [leaving.id],
    );
    expect(audit.n).toBe(1);
    // Again: already off, nothing more changes.
    const again = await fetch(local, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('Les courriels « consultation.reminder » étaient déjà désactivés.\n');

    // The next email of that kind goes to the other constituent only; the one who left still gets it in-app.
    const second = await send();
    expect(second.flatMap((m) => m.to)).toEqual([staying.email]);
  }, 60_000);
});
