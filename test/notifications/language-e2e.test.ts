import type { Language } from '@tripartite/domain';
import { formatInstant } from '@tripartite/notifications';
import { ok } from '@tripartite/testing';
import { ConsultationWorld } from '../api/consultation-fixtures';
import { emit } from './notification-fixtures';
import { CaughtMail, TestSmtp, WorkerHandle, notificationsSettled, startSmtp, startWorker, waitFor } from './e2e-support';

// One notification, each recipient in their own language: the built worker renders each email (and the fan-out each
// in-app text) in the language the recipient has at that moment, through a local SMTP server.
describe('notification emails in the recipient’s language (real worker, real SMTP)', () => {
  let w: ConsultationWorld;
  let worker: WorkerHandle | undefined;
  let smtp: TestSmtp;
  const mails: CaughtMail[] = [];

  beforeAll(async () => {
    smtp = await startSmtp({}, mails);
    w = await ConsultationWorld.start();
    worker = await startWorker(w.api, { SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await worker?.proc.kill();
    await w?.stop();
    await smtp?.stop();
  });

  it('a French user, a Spanish one (by their organization’s default) and English ones get the same reminder, subject and body in their language, dates in their locale', async () => {
    const { p, round } = await w.openRound({ groups: ['EMPLOYERS', 'WORKERS'] });
    const french = w.people.constituents.WORKERS[0];
    const spanish = w.people.constituents.EMPLOYERS[0];
    const english = [w.people.constituents.WORKERS[1], w.people.constituents.EMPLOYERS[1]];
    // The French user chose for themself; the Spanish one never chose, and their organization speaks Spanish.
    expect(ok(await w.gql(`mutation { setMyLanguage(language: FR) { language } }`, {}, w.tokens.constituents.WORKERS[0])).setMyLanguage.language).toBe('FR');
    ok(
      await w.gql(
        `mutation($o: ID!) { setOrganizationDefaultLanguage(organizationId: $o, language: ES) { id } }`,
        { o: w.people.organizations.EMPLOYERS[0] },
        w.tokens.admin,
      ),
    );
    expect(ok(await w.gql(`{ me { language } }`, {}, w.tokens.constituents.EMPLOYERS[0])).me.language).toBe('ES');

    const eventId = await emit(w.api.app, { kind: 'consultation.reminder', data: { roundId: round.id } });
    const mailsOf = () => mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);
    await waitFor('the four emails', async () => (mailsOf().length >= 4 ? true : undefined), 20_000);
    await notificationsSettled(w.api);
    const to = (email: string) => {
      const got = mailsOf().filter((m) => m.to.includes(email));
      expect({ email, count: got.length }).toEqual({ email, count: 1 });
      return got[0].mail;
    };
    const [{ reference }] = await w.api.db.query<{ reference: string }>(`SELECT reference FROM instrument WHERE id = $1`, [p.instrumentId]);
    const closesAt = new Date(round.closesAt);
    const times = (language: Language) => formatInstant(closesAt, 'Europe/Zurich', language);

    const fr = to(french.email);
    expect(fr.subject).toBe(`[${reference}] Rappel : commentaires sur ${reference} (commentaires attendus avant le ${times('FR').utc})`);
    expect(fr.text).toContain(`Bonjour ${french.email.split('@')[0]},`);
    expect(fr.text).toContain(`Votre organisation n'a pas encore soumis de commentaire dans le cadre de la consultation (cycle ${round.number})`);
    expect(fr.text).toContain(`Date limite des commentaires :\n  ${times('FR').utc}\n  ${times('FR').local}`);
    expect(fr.html).toEqual(expect.stringContaining('<html lang="fr">'));
    expect(times('FR').utc).toMatch(/^\p{Ll}+\. \d{1,2} \p{Ll}+ \d{4} à \d\d:\d\d UTC$/u);

    const es = to(spanish.email);
    expect(es.subject).toBe(`[${reference}] Recordatorio: comentarios sobre ${reference} (comentarios hasta el ${times('ES').utc})`);
    expect(es.text).toContain(`Hola, ${spanish.email.split('@')[0]}:`);
    expect(es.text).toContain(`Su organización aún no ha presentado ningún comentario en la consulta (ronda ${round.number})`);
    expect(es.text).toContain(`Plazo para comentarios:\n  ${times('ES').utc}\n  ${times('ES').local}`);
    expect(times('ES').utc).toMatch(/^\p{Ll}+, \d{1,2} de \p{Ll}+ de \d{4}, \d\d:\d\d UTC$/u);

    for (const person of english) {
      const en = to(person.email);
      expect(en.subject).toBe(`[${reference}] Reminder: comments on ${reference} (comments due ${times('EN').utc})`);
      expect(en.text).toContain(`Your organization has not submitted a comment in round ${round.number} of the consultation`);
      expect(en.text).toContain(`Comments due:\n  ${times('EN').utc}\n  ${times('EN').local}`);
    }

    // In-app too, each in their language.
    const titles = await w.api.db.query<{ user_id: string; title: string }>(`SELECT user_id, title FROM notification WHERE event_id = $1`, [eventId]);
    const titleOf = (userId: string) => titles.find((t) => t.user_id === userId)?.title;
    expect(titleOf(french.id)).toBe(`Rappel : commentaires sur ${reference}`);
    expect(titleOf(spanish.id)).toBe(`Recordatorio: comentarios sobre ${reference}`);
    for (const person of english) expect(titleOf(person.id)).toBe(`Reminder: comments on ${reference}`);

    // A new choice holds for the next email.
    ok(await w.gql(`mutation { setMyLanguage(language: ES) { id } }`, {}, w.tokens.constituents.WORKERS[0]));
    const next = await emit(w.api.app, { kind: 'consultation.reminder', data: { roundId: round.id } });
    await waitFor(
      'the next email',
      async () => (mails.some((m) => m.mail.headers.get('x-tripartite-event') === next && m.to.includes(french.email)) ? true : undefined),
      20_000,
    );
    const again = mails.find((m) => m.mail.headers.get('x-tripartite-event') === next && m.to.includes(french.email))!.mail;
    expect(again.subject).toBe(`[${reference}] Recordatorio: comentarios sobre ${reference} (comentarios hasta el ${times('ES').utc})`);
    await notificationsSettled(w.api);
  }, 60_000);
});
