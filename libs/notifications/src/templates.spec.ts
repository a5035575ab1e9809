import { LANGUAGES } from '@tripartite/domain';
import type { EventContext } from './event-context';
import { NOTIFICATION_KINDS, NotificationKind } from './kinds';
import { MESSAGES, missingKeys } from './messages';
import { excerpt } from './event-context';
import { formatInstant, renderEmail, renderMessage } from './templates';

const closesAt = new Date('2025-06-30T17:00:00.000Z');

function context(kind: NotificationKind, over: Partial<EventContext> = {}, data: EventContext['event']['data'] = {}): EventContext {
  return {
    event: { id: 'e1', kind, instrumentId: 'i1', subjectId: null, data, occurredAt: new Date(), fannedOutAt: null },
    instrument: { reference: 'MFLM/2025', title: 'Labour migration framework' },
    deadline: closesAt,
    previousDeadline: null,
    roundNumber: 2,
    disposition: null,
    roundId: 'r1',
    meetingId: null,
    comment: null,
    extensionReason: null,
    ...over,
  };
}

describe('formatInstant', () => {
  it('shows an instant in UTC and in the given zone, with the zone named', () => {
    expect(formatInstant(closesAt, 'Europe/Zurich')).toEqual({
      utc: 'Mon, 30 June 2025 at 17:00 UTC',
      local: 'Mon, 30 June 2025 at 19:00 CEST (Europe/Zurich)',
    });
  });

  it('follows the zone across midnight and in winter', () => {
    expect(formatInstant(new Date('2025-01-15T23:30:00Z'), 'Europe/Zurich').local).toBe('Thu, 16 January 2025 at 00:30 CET (Europe/Zurich)');
  });
});

describe('renderMessage', () => {
  it('has a title and a plain-words body for every kind', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const m = renderMessage(context(kind, {}, { from: 'CONSULTATION', to: 'CONSOLIDATION', decision: 'APPROVED' }), 'Europe/Zurich');
      expect(m.title).toContain('MFLM/2025');
      expect(m.body.length).toBeGreaterThan(20);
      expect(m.body).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('gives the deadline of a reminder in UTC and in the secretariat zone', () => {
    const m = renderMessage(context('consultation.reminder'), 'Europe/Zurich');
    expect(m.title).toBe('Reminder: comments on MFLM/2025');
    expect(m.body).toContain('has not submitted a comment in round 2 of the consultation on MFLM/2025 "Labour migration framework"');
    expect(m.body).toContain('Mon, 30 June 2025 at 17:00 UTC (Mon, 30 June 2025 at 19:00 CEST (Europe/Zurich))');
  });

  it('says where an extended deadline moved from and to', () => {
    const m = renderMessage(context('consultation.extended', { previousDeadline: new Date('2025-06-23T17:00:00Z') }), 'UTC');
    expect(m.body).toMatch(/extended from Mon, 23 June 2025 at 17:00 UTC .* to Mon, 30 June 2025 at 17:00 UTC/);
  });

  it('names stages and dispositions in words', () => {
    expect(renderMessage(context('stage.changed', { deadline: null }, { from: 'CONSOLIDATION', to: 'EXPERTS_MEETING' }), 'UTC').body).toBe(
      `MFLM/2025 "Labour migration framework" moved from consolidation to the experts' meeting.`,
    );
    expect(renderMessage(context('comment.disposed', { disposition: 'PARTIALLY_ACCEPTED' }), 'UTC').body).toContain(': partially accepted.');
  });

  it('still reads when the instrument is unknown', () => {
    expect(renderMessage(context('gb.deadline', { instrument: null }), 'UTC').title).toBe('Governing Body papers due');
  });
});

describe('renderEmail', () => {
  it('puts the reference and the deadline in the subject, and both times in both parts', () => {
    const ctx = context('consultation.opened');
    const email = renderEmail(ctx, renderMessage(ctx, 'Europe/Zurich'), 'Ana', 'Europe/Zurich');
    expect(email.subject).toBe('[MFLM/2025] Consultation open: MFLM/2025 (comments due Mon, 30 June 2025 at 17:00 UTC)');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Mon, 30 June 2025 at 17:00 UTC');
      expect(part).toContain('Mon, 30 June 2025 at 19:00 CEST (Europe/Zurich)');
    }
    expect(email.text).not.toContain('<');
  });

  it('escapes every user-supplied value in the HTML part', () => {
    const ctx = context('consultation.opened', { instrument: { reference: 'X<1>', title: '<img src=x onerror="alert(1)">' } });
    const email = renderEmail(ctx, renderMessage(ctx, 'UTC'), `<b>Mallory</b> & "co"`, 'UTC');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<b>Mallory');
    expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(email.html).toContain('&lt;b&gt;Mallory&lt;/b&gt; &amp; &quot;co&quot;');
    expect(email.text).toContain('<img src=x onerror="alert(1)">');
  });

  it('keeps the subject on one line', () => {
    const ctx = context('stage.changed', { instrument: { reference: 'A\r\nBcc: x@y', title: 't' }, deadline: null }, { from: 'DRAFTING', to: 'CONSULTATION' });
    expect(renderEmail(ctx, renderMessage(ctx, 'UTC'), 'n', 'UTC').subject).not.toMatch(/[\r\n]/);
  });
});

describe('in three languages', () => {
  const kindsData = { from: 'CONSULTATION', to: 'CONSOLIDATION', decision: 'APPROVED', sequence: 41 };

  /** Every key of a resource, plural suffixes included. */
  const keysOf = (tree: object, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v as object, `${prefix}${k}.`)));

  it('every key exists in English, French and Spanish, and every plural has each form its language needs', () => {
    const english = keysOf(MESSAGES.en).sort();
    for (const code of ['fr', 'es'] as const) expect({ code, keys: keysOf(MESSAGES[code]).sort() }).toEqual({ code, keys: english });
    for (const [code, resource] of Object.entries(MESSAGES)) {
      const keys = keysOf(resource);
      const plurals = new Set(keys.filter((k) => /_(one|other|many|few|two|zero)$/.test(k)).map((k) => k.replace(/_[a-z]+$/, '')));
      for (const base of plurals)
        for (const category of new Intl.PluralRules(code).resolvedOptions().pluralCategories) expect(keys).toContain(`${base}_${category}`);
      // No text is left empty or untranslated placeholder-wise: the same {{values}} in every language.
      for (const key of keys) {
        const text = key.split('.').reduce<any>((node, part) => node[part], resource) as string;
        const english = key.split('.').reduce<any>((node, part) => node[part], MESSAGES.en) as string;
        expect({ code, key, empty: text.trim() === '' && english.trim() !== '' }).toEqual({ code, key, empty: false });
        const values = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect({ code, key, values: values(text) }).toEqual({ code, key, values: values(english) });
      }
    }
  });

  it.each(LANGUAGES)('every kind renders in %s with no missing key, both parts of its email too', (language) => {
    missingKeys.clear();
    for (const kind of NOTIFICATION_KINDS) {
      for (const ctx of [context(kind, {}, kindsData), context(kind, { instrument: null, deadline: null, roundNumber: null }, {})]) {
        const m = renderMessage(ctx, 'Europe/Zurich', language);
        const email = renderEmail(ctx, m, 'Ana', 'Europe/Zurich', language);
        for (const part of [m.title, m.body, email.subject, email.text, email.html]) {
          expect(part).not.toMatch(/undefined|null|\[object|\{\{/);
        }
      }
    }
    expect([...missingKeys]).toEqual([]);
  });

  it('gives the same notification in French and Spanish, as the Organization writes them, with dates in their locale', () => {
    const ctx = context('consultation.opened');
    const fr = renderMessage(ctx, 'Europe/Zurich', 'FR');
    expect(fr).toEqual({
      title: 'Consultation ouverte : MFLM/2025',
      body:
        'La consultation (cycle 2) sur MFLM/2025 « Labour migration framework » est ouverte aux commentaires. ' +
        'Les commentaires sont attendus avant le lun. 30 juin 2025 à 17:00 UTC (lun. 30 juin 2025 à 19:00 UTC+2 (Europe/Zurich)).',
    });
    const frEmail = renderEmail(ctx, fr, 'Amélie', 'Europe/Zurich', 'FR');
    expect(frEmail.subject).toBe('[MFLM/2025] Consultation ouverte : MFLM/2025 (commentaires attendus avant le lun. 30 juin 2025 à 17:00 UTC)');
    expect(frEmail.text).toMatch(/^Bonjour Amélie,\n\nLa consultation/);
    expect(frEmail.text).toContain('Date limite des commentaires :\n  lun. 30 juin 2025 à 17:00 UTC\n  lun. 30 juin 2025 à 19:00 UTC+2 (Europe/Zurich)');
    expect(frEmail.html).toContain('<html lang="fr">');
    expect(frEmail.html).toContain('« Labour migration framework »');

    const es = renderMessage(ctx, 'Europe/Zurich', 'ES');
    expect(es.title).toBe('Se ha abierto la consulta: MFLM/2025');
    expect(es.body).toBe(
      'La consulta (ronda 2) sobre MFLM/2025 «Labour migration framework» está abierta a comentarios. ' +
        'Comentarios hasta el lun, 30 de junio de 2025, 17:00 UTC (lun, 30 de junio de 2025, 19:00 CEST (Europe/Zurich)).',
    );
    const esEmail = renderEmail(ctx, es, 'Lucía', 'Europe/Zurich', 'ES');
    expect(esEmail.subject).toBe('[MFLM/2025] Se ha abierto la consulta: MFLM/2025 (comentarios hasta el lun, 30 de junio de 2025, 17:00 UTC)');
    expect(esEmail.text).toMatch(/^Hola, Lucía:\n\n/);
  });

  it('translates the words for stages, dispositions and decisions, with the ILO terms', () => {
    const stage = context('stage.changed', { deadline: null }, { from: 'EXPERTS_MEETING', to: 'GB_SUBMISSION' });
    expect(renderMessage(stage, 'UTC', 'FR').body).toBe(
      "MFLM/2025 « Labour migration framework » est passé de l’étape « réunion tripartite d'experts » à l’étape « soumission au Conseil d'administration ».",
    );
    expect(renderMessage(stage, 'UTC', 'ES').body).toBe(
      'MFLM/2025 «Labour migration framework» pasó de la etapa «reunión tripartita de expertos» a la etapa «presentación al Consejo de Administración».',
    );
    const disposed = context('comment.disposed', { disposition: 'PARTIALLY_ACCEPTED' });
    expect(renderMessage(disposed, 'UTC', 'FR').body).toMatch(/ : partiellement accepté\.$/);
    expect(renderMessage(disposed, 'UTC', 'ES').body).toMatch(/: aceptado parcialmente\.$/);
    const decided = context('gb.decided', { deadline: null }, { decision: 'REFERRED_BACK' });
    expect(renderMessage(decided, 'UTC', 'FR').title).toBe("Décision du Conseil d'administration sur MFLM/2025");
    expect(renderMessage(decided, 'UTC', 'ES').body).toMatch(/Consejo de Administración .*: devuelto para nuevo examen\.$/);
    expect(renderMessage(context('meeting.reminder'), 'UTC', 'ES').body).toContain('reunión tripartita de expertos');
  });

  it('counts the days left of a reminder with the plural of each language', () => {
    const at = (days: number) =>
      context('consultation.reminder', { event: { ...context('consultation.reminder').event, occurredAt: new Date(closesAt.getTime() - days * 86_400_000) } });
    expect(renderMessage(at(1), 'UTC', 'EN').body).toMatch(/ The deadline is 1 day away\.$/);
    expect(renderMessage(at(7), 'UTC', 'EN').body).toMatch(/ The deadline is 7 days away\.$/);
    expect(renderMessage(at(1), 'UTC', 'FR').body).toMatch(/ La date limite est dans 1 jour\.$/);
    expect(renderMessage(at(7), 'UTC', 'FR').body).toMatch(/ La date limite est dans 7 jours\.$/);
    expect(renderMessage(at(1), 'UTC', 'ES').body).toMatch(/ Queda 1 día de plazo\.$/);
    expect(renderMessage(at(7), 'UTC', 'ES').body).toMatch(/ Quedan 7 días de plazo\.$/);
    // Under a day: no count.
    expect(renderMessage(at(0.5), 'UTC', 'FR').body).toMatch(/UTC\)\)\.$/);
  });

  it('keeps values as given: none is read as a template, and the HTML part escapes them in every language', () => {
    const ctx = context('consultation.opened', { instrument: { reference: '{{due}}', title: '<img src=x onerror="alert(1)"> $t(due)' } });
    for (const language of LANGUAGES) {
      const m = renderMessage(ctx, 'UTC', language);
      expect(m.title).toContain('{{due}}');
      expect(m.body).toContain('<img src=x onerror="alert(1)"> $t(due)');
      const email = renderEmail(ctx, m, `<b>Mallory</b> & "co"`, 'UTC', language);
      expect(email.html).not.toContain('<img');
      expect(email.html).not.toContain('<b>Mallory');
      expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
      expect(email.html).toContain('&lt;b&gt;Mallory&lt;/b&gt; &amp; &quot;co&quot;');
    }
  });

  it('formats instants in each locale, UTC and the secretariat zone', () => {
    expect(formatInstant(closesAt, 'Europe/Zurich', 'FR')).toEqual({
      utc: 'lun. 30 juin 2025 à 17:00 UTC',
      local: 'lun. 30 juin 2025 à 19:00 UTC+2 (Europe/Zurich)',
    });
    expect(formatInstant(closesAt, 'Europe/Zurich', 'ES')).toEqual({
      utc: 'lun, 30 de junio de 2025, 17:00 UTC',
      local: 'lun, 30 de junio de 2025, 19:00 CEST (Europe/Zurich)',
    });
    expect(formatInstant(closesAt, 'Europe/Zurich')).toEqual(formatInstant(closesAt, 'Europe/Zurich', 'EN'));
  });
});

describe('the footer of an email', () => {
  const message = { title: 'T', body: 'B' };

  it('links the settings page when the public address is known (APP_URL), in every language', () => {
    for (const language of LANGUAGES) {
      const email = renderEmail(context('consultation.opened'), message, 'Ana', 'UTC', language, 'https://consult.example.org/');
      expect(email.text).toContain('https://consult.example.org/settings');
      expect(email.text).toContain('consultation.opened');
      expect(email.html).toContain('<a href="https://consult.example.org/settings">https://consult.example.org/settings</a>');
    }
  });

  it('says where the settings page is in words without it', () => {
    const email = renderEmail(context('consultation.opened'), message, 'Ana', 'UTC', 'EN');
    expect(email.text).toContain('on the Settings page of the application');
    expect(email.html).not.toContain('<a ');
    expect(renderEmail(context('consultation.opened'), message, 'Ana', 'UTC', 'FR').text).toContain('la page Paramètres');
    expect(renderEmail(context('consultation.opened'), message, 'Ana', 'UTC', 'ES').text).toContain('la página Configuración');
  });
});

describe('the link to the page an email is about', () => {
  const message = { title: 'T', body: 'B' };

  it('is below the body in both parts, escaped in the HTML one, in every language', () => {
    for (const language of LANGUAGES) {
      const url = 'https://consult.example.org/rounds/r1?a=1&b=2';
      const email = renderEmail(context('consultation.opened'), message, 'Ana', 'UTC', language, 'https://consult.example.org', url);
      expect(email.text).toContain(url);
      expect(email.text.indexOf(url)).toBeGreaterThan(email.text.indexOf('B'));
      const escaped = 'https://consult.example.org/rounds/r1?a=1&amp;b=2';
      expect(email.html).toContain(`<a href="${escaped}">${escaped}</a>`);
    }
  });

  it('is absent without one', () => {
    const email = renderEmail(context('consultation.opened'), message, 'Ana', 'UTC', 'EN');
    expect(email.text).not.toContain('Open it in the application');
    expect(email.html).not.toContain('<a ');
  });
});

describe('what a disposition and an extension say in full', () => {
  const comment = { guideline: '4.2', excerpt: 'Add "fair recruitment" & fees', note: 'Merged into 4.3.' };

  it('names the comment (guideline or general), quotes it, gives the disposition and its note, in every language', () => {
    const en = renderMessage(context('comment.disposed', { disposition: 'PARTIALLY_ACCEPTED', comment }), 'UTC').body;
    expect(en).toBe(
      `The secretariat has recorded its disposition of your organization's comment on guideline 4.2 on MFLM/2025 "Labour migration framework": partially accepted. Note of the secretariat: Merged into 4.3. Your comment: "Add "fair recruitment" & fees"`,
    );
    expect(renderMessage(context('comment.disposed', { disposition: 'NOTED', comment: { ...comment, guideline: null, note: null } }), 'UTC').body).toMatch(
      /comment \(general comment\) on .*: noted\. Your comment:/,
    );
    const fr = renderMessage(context('comment.disposed', { disposition: 'ACCEPTED', comment }), 'UTC', 'FR').body;
    expect(fr).toContain('relatif à la ligne directrice 4.2');
    expect(fr).toContain('Note du secrétariat : Merged into 4.3.');
    expect(fr).toContain('Votre commentaire : « Add');
    const es = renderMessage(context('comment.disposed', { disposition: 'ACCEPTED', comment }), 'UTC', 'ES').body;
    expect(es).toContain('relativo a la directriz 4.2');
    expect(es).toContain('Nota de la Secretaría: Merged into 4.3.');
    const html = renderEmail(context('comment.disposed', { comment }), renderMessage(context('comment.disposed', { comment }), 'UTC'), 'Ana', 'UTC').html;
    expect(html).toContain('&quot;fair recruitment&quot; &amp; fees');
  });

  it('gives the reason of an extension and the new deadline', () => {
    const ctx = context('consultation.extended', { previousDeadline: new Date('2025-06-23T17:00:00Z'), extensionReason: 'Many asked for time' });
    expect(renderMessage(ctx, 'UTC').body).toMatch(/to Mon, 30 June 2025 at 17:00 UTC .*\. Reason: Many asked for time$/);
    expect(renderMessage(ctx, 'UTC', 'FR').body).toContain('Motif : Many asked for time');
    expect(renderMessage(ctx, 'UTC', 'ES').body).toContain('Motivo: Many asked for time');
  });

  it('bounds an excerpt at a word, with an ellipsis', () => {
    expect(excerpt('short  text\n', 300)).toBe('short text');
    const long = excerpt('word '.repeat(200), 300);
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long).toMatch(/word…$/);
  });
});
