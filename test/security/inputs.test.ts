import { TEXT_MAX, type ConstituentGroup, type TextKind } from '@tripartite/domain';
import { GqlResponse, errorOf, ok } from '@tripartite/testing';
import { AtGb, G, GbWorld, inDays } from '../governing-body/gb-fixtures';
import { GROUPS, MeetingWorld, Published, Q, allSupport } from '../meetings/meeting-fixtures';
import { Fixture, buildFixture } from './security-world';

const DROP = `'; DROP TABLE comment; --`;
const OR = `' OR 1=1 --`;
const SCRIPT = `<script>alert(1)</script>`;
const PAYLOADS = [DROP, OR, SCRIPT];
/** All three in one value, with a few more characters that break naive quoting. */
const ALL = `${DROP} ${OR} ${SCRIPT} "quoted" \\backslash $1 %s \${x} ' --`;
const PLAIN = 'A plain remark about wages';

const TABLES = [
  'organization',
  'app_user',
  'audit_event',
  'instrument',
  'draft_version',
  'section',
  'guideline',
  'stage_transition',
  'consultation_round',
  'comment',
  'experts_meeting',
  'gb_submission',
];

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      endCell();
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('SQL- and script-looking input is data', () => {
  let w: MeetingWorld;
  let instrumentId: string;
  let versionId: string;
  let roundId: string;
  /** Comment ids with the body they were given. */
  const comments: { id: string; body: string; token: string }[] = [];

  const staff = (query: string, variables: Record<string, unknown> = {}) => w.staff(query, variables);
  const as = (token: string, query: string, variables: Record<string, unknown> = {}) => w.gql(query, variables, token).then(ok);
  const count = async (table: string) => Number((await w.api.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    w = await MeetingWorld.start();
  });
  afterAll(() => w.stop());

  it('keeps organization names and display names byte for byte', async () => {
    for (const [i, text] of PAYLOADS.entries()) {
      const org = ok(
        await w.gql(`mutation($n: String!) { createOrganization(name: $n, group: EMPLOYERS) { id name } }`, { n: text }, w.tokens.admin),
      ).createOrganization;
      expect(org.name).toBe(text);
      const input = { email: `payload${i}@test.org`, displayName: text, password: 'long enough password', roles: ['CONSTITUENT'], organizationId: org.id };
      const user = ok(
        await w.gql(`mutation($i: CreateUserInput!) { createUser(input: $i) { id displayName organization { name } } }`, { i: input }, w.tokens.admin),
      ).createUser;
      expect(user).toMatchObject({ displayName: text, organization: { name: text } });
    }
    const names = (await w.api.db.query<{ name: string }>(`SELECT name FROM organization`)).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(PAYLOADS));
  });

  it('keeps instrument, draft and workflow texts byte for byte', async () => {
    const created = (
      await staff(
        `mutation($r: String!, $t: String!, $s: String) { createInstrument(input: { reference: $r, title: $t, summary: $s }) { id reference title summary versions { id } } }`,
        {
          r: DROP,
          t: ALL,
          s: ALL,
        },
      )
    ).createInstrument;
    expect(created).toMatchObject({ reference: DROP, title: ALL, summary: ALL });
    instrumentId = created.id;
    versionId = created.versions[0].id;
    const sections = [{ number: 'I', heading: ALL, guidelines: PAYLOADS.map((text, i) => ({ number: `1.${i + 1}`, title: text, text })) }];
    const saved = (
      await staff(`mutation($v: ID!, $s: [SectionInput!]!) { saveDraft(versionId: $v, sections: $s) { sections { heading guidelines { title text } } } }`, {
        v: versionId,
        s: sections,
      })
    ).saveDraft;
    expect(saved.sections).toEqual([{ heading: ALL, guidelines: PAYLOADS.map((text) => ({ title: text, text })) }]);
    const published = (
      await staff(`mutation($v: ID!, $c: String) { publishVersion(versionId: $v, changeSummary: $c) { changeSummary } }`, { v: versionId, c: ALL })
    ).publishVersion;
    expect(published.changeSummary).toBe(ALL);

    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    roundId = (await staff(Q.consult, { in: { instrumentId, versionId, closesAt } })).scheduleConsultation.id;
    const moved = await staff(`mutation($i: ID!, $r: String) { advanceStage(instrumentId: $i, to: CONSULTATION, reason: $r) { stageHistory { reason } } }`, {
      i: instrumentId,
      r: ALL,
    });
    expect(moved.advanceStage.stageHistory.at(-1).reason).toBe(ALL);
    const extended = await staff(
      `mutation($r: ID!, $at: DateTime!, $why: String!) { extendConsultation(roundId: $r, closesAt: $at, reason: $why) { extensions { reason } } }`,
      {
        r: roundId,
        at: new Date(Date.now() + 7_200_000).toISOString(),
        why: ALL,
      },
    );
    expect(extended.extendConsultation.extensions).toEqual([{ reason: ALL }]);
    const reread = ok(
      await w.gql(
        `query($i: ID!) { instrument(id: $i) { reference title summary latestPublishedVersion { changeSummary guidelines { title text } } } }`,
        { i: instrumentId },
        w.tokens.observer,
      ),
    ).instrument;
    expect(reread).toEqual({
      reference: DROP,
      title: ALL,
      summary: ALL,
      latestPublishedVersion: { changeSummary: ALL, guidelines: PAYLOADS.map((text) => ({ title: text, text })) },
    });
  });

  it('keeps comment bodies, proposed texts and disposition notes byte for byte', async () => {
    const submit = `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id body proposedText } }`;
    for (const [i, group] of GROUPS.entries()) {
      const token = w.tokens.constituents[group][0];
      const body = PAYLOADS[i];
      const proposedText = PAYLOADS[(i + 1) % PAYLOADS.length];
      const c = (await as(token, submit, { in: { roundId, type: 'TECHNICAL', body, proposedText } })).submitComment;
      expect(c).toMatchObject({ body, proposedText });
      comments.push({ id: c.id, body, token });
    }
    const plain = (await as(w.tokens.constituents.GOVERNMENT[1], submit, { in: { roundId, type: 'GENERAL', body: PLAIN } })).submitComment;
    comments.push({ id: plain.id, body: PLAIN, token: w.tokens.constituents.GOVERNMENT[1] });
    // Formulas for the spreadsheet export below.
    for (const body of ['=1+2', '+1 more', '-1 less', '@SUM(A1)']) {
      const c = (await as(w.tokens.constituents.WORKERS[1], submit, { in: { roundId, type: 'EDITORIAL', body } })).submitComment;
      comments.push({ id: c.id, body, token: w.tokens.constituents.WORKERS[1] });
    }
    const updated = (
      await as(comments[0].token, `mutation($id: ID!, $b: String!) { updateComment(id: $id, input: { body: $b, proposedText: $b }) { body proposedText } }`, {
        id: comments[0].id,
        b: ALL,
      })
    ).updateComment;
    expect(updated).toEqual({ body: ALL, proposedText: ALL });
    comments[0].body = ALL;
    for (const [i, text] of PAYLOADS.entries()) {
      const disposed = (
        await staff(`mutation($c: ID!, $n: String) { setDisposition(commentId: $c, disposition: NOTED, note: $n) { dispositionNote } }`, {
          c: comments[i].id,
          n: text,
        })
      ).setDisposition;
      expect(disposed.dispositionNote).toBe(text);
    }
  });

  it('passes the comment search to SQL as a parameter: no statement is broken and no filter widened', async () => {
    const search = async (text: string) => {
      const data = await staff(
        `query($r: ID!, $s: String) { comments(filter: { roundId: $r, search: $s }, first: 200) { totalCount edges { node { id } } } }`,
        { r: roundId, s: text },
      );
      return data.comments.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    };
    const withPayload = (text: string) => comments.filter((c) => c.body.includes(text)).map((c) => c.id);
    const plainIds = comments.filter((c) => c.body === PLAIN).map((c) => c.id);
    for (const text of [DROP, OR, SCRIPT, `' OR ''='`, `"); SELECT pg_sleep(5); --`, `\\'; DELETE FROM comment; --`]) {
      const started = Date.now();
      const found = await search(text);
      expect({ text, slept: Date.now() - started > 4000 }).toEqual({ text, slept: false });
      // What a real "OR 1=1" would have added: the plain remark, which shares no word with any payload.
      expect({ text, plain: found.filter((id) => plainIds.includes(id)) }).toEqual({ text, plain: [] });
      // PostgreSQL's text parser indexes nothing inside <script> and <style>, so SCRIPT finds nothing.
      if (text !== SCRIPT) for (const id of withPayload(text)) expect({ text, found: found.includes(id) }).toEqual({ text, found: true });
    }
    expect(await search('wages')).toEqual(plainIds);
    expect(await count('comment')).toBe(comments.length);
    // A cursor is data too.
    const res = await w.gql(
      `query($r: ID!, $a: String) { comments(filter: { roundId: $r }, after: $a) { totalCount } }`,
      { r: roundId, a: OR },
      w.tokens.secretariat,
    );
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'after' }] } });
  });

  it('neutralises formulas in the CSV export and leaves the rest as typed', async () => {
    const res = await fetch(`${w.api.url}/exports/rounds/${roundId}/comments.csv`, { headers: { authorization: `Bearer ${w.tokens.secretariat}` } });
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\ufeff/, ''));
    const bodies = rows.slice(1).map((r) => r[5]);
    expect(bodies).toEqual(expect.arrayContaining([`'=1+2`, `'+1 more`, `'-1 less`, `'@SUM(A1)`, ALL, OR, SCRIPT, PLAIN]));
    // No cell of any row starts a formula.
    expect(
      rows
        .slice(1)
        .flat()
        .filter((cell) => /^[=+\-@\t\r]/.test(cell)),
    ).toEqual([]);
  });

  it('keeps meeting texts byte for byte, and the Governing Body paper shows them as text, never as HTML', async () => {
    await w.advance(instrumentId, 'CONSOLIDATION', 'Closed for the meeting');
    for (const c of comments.slice(PAYLOADS.length)) await staff(`mutation($c: ID!) { setDisposition(commentId: $c, disposition: NOTED) { id } }`, { c: c.id });
    const meeting = await w.schedule({ instrumentId, versionId, guidelines: [] }, { title: ALL, venue: SCRIPT });
    expect(meeting).toMatchObject({ title: ALL, venue: SCRIPT });
    await staff(Q.assignModerator, { m: meeting.id, u: w.people.moderator.id });
    for (const g of GROUPS) ok(await w.addParticipant(meeting.id, w.people.constituents[g][0].id, g, 'SPOKESPERSON'));
    await w.advance(instrumentId, 'EXPERTS_MEETING');
    await w.mod(Q.openMeeting, { m: meeting.id });
    const [first, second, third] = meeting.agenda.map((i: { id: string }) => i.id);

    // Positions with statements, a reservation among them (the paper quotes it).
    await w.mod(Q.openItem, { i: first });
    const statements: Record<ConstituentGroup, [string, string]> = {
      GOVERNMENT: ['SUPPORT', DROP],
      EMPLOYERS: ['RESERVATION', SCRIPT],
      WORKERS: ['SUPPORT', OR],
    };
    let item: any;
    for (const [g, [p, s]] of Object.entries(statements)) item = (await w.mod(Q.position, { i: first, g, p, s })).recordPosition;
    expect(item.positions.map((p: any) => p.statement)).toEqual([DROP, SCRIPT, OR]);
    await w.mod(Q.closeItem, { i: first, s: 'ADOPTED' });

    // An amendment adopted: its text becomes the item's final text.
    await w.mod(Q.openItem, { i: second });
    const amendment = (await w.mod(Q.propose, { i: second, g: 'WORKERS', t: ALL })).proposeAmendment;
    expect(amendment.text).toBe(ALL);
    for (const g of GROUPS) await w.mod(Q.amendmentPosition, { a: amendment.id, g, p: 'SUPPORT' });
    await w.mod(Q.decide, { a: amendment.id, s: 'ACCEPTED' });
    expect((await w.mod(Q.closeItem, { i: second, s: 'ADOPTED_AS_AMENDED' })).closeAgendaItem.finalText).toBe(ALL);

    await w.mod(Q.openItem, { i: third });
    for (const [g, p] of Object.entries(allSupport)) await w.mod(Q.position, { i: third, g, p });
    await w.mod(Q.closeItem, { i: third, s: 'ADOPTED' });
    await w.mod(Q.closeMeeting, { m: meeting.id });
    await staff(Q.adoptReport, { m: meeting.id });
    await w.advance(instrumentId, 'GB_SUBMISSION');

    const session = (await staff(G.createSession, { n: 700 + (process.pid % 200), s: inDays(60), e: inDays(64), d: null })).createGoverningBodySession;
    const prepared = (await staff(G.prepare, { in: { instrumentId, sessionId: session.id, symbol: OR, agendaItemTitle: SCRIPT, pointForDecision: ALL } }))
      .prepareSubmission;
    expect(prepared).toMatchObject({ symbol: OR, agendaItemTitle: SCRIPT, pointForDecision: ALL });

    const paper = async () => (await staff(G.document, { i: instrumentId, f: 'HTML' })).instrument.submission.document as string;
    const expectInert = (html: string) => {
      expect(html).not.toMatch(/<script|<a\s|<img|<iframe|\son\w+=|javascript:/i);
      // The values are there, as text.
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    };
    expectInert(await paper());
    ok(await w.gql(G.submit, { id: prepared.id }, w.tokens.secretariat));
    expectInert(await paper());
    const decided = (await staff(G.decide, { id: prepared.id, d: 'APPROVED_WITH_AMENDMENTS', t: ALL })).recordGoverningBodyDecision;
    expect(decided.decisionText).toBe(ALL);
  });

  it('answers hostile ids, emails and NUL characters as ordinary bad input, and every table is still there', async () => {
    expect(errorOf(await w.gql(`query($i: ID!) { instrument(id: $i) { id } }`, { i: OR }, w.tokens.secretariat)).code).toBe('NOT_FOUND');
    expect(errorOf(await w.gql(`query($i: ID!) { meeting(id: $i) { id } }`, { i: DROP }, w.tokens.secretariat)).code).toBe('NOT_FOUND');
    const login = await w.gql(`mutation($e: String!) { login(email: $e, password: "whatever it is") { accessToken } }`, { e: `admin@test.org' OR 1=1 --` });
    expect(errorOf(login).code).toBe('UNAUTHENTICATED');

    // PostgreSQL text cannot hold U+0000: refused, naming the argument, with nothing written (it used to be a 500).
    const before = await count('instrument');
    const nul = (res: GqlResponse) => errorOf(res).extensions?.fields;
    expect(
      nul(await w.gql(`mutation($t: String!) { createInstrument(input: { reference: "NUL/1", title: $t }) { id } }`, { t: 'a\u0000b' }, w.tokens.secretariat)),
    ).toEqual([{ field: 'input.title', message: 'may not contain control characters' }]);
    expect(nul(await w.gql(`mutation { createInstrument(input: { reference: "NUL/2", title: "a\\u0000b" }) { id } }`, {}, w.tokens.secretariat))).toEqual([
      { field: 'input.title', message: 'may not contain control characters' },
    ]);
    expect(
      nul(
        await w.gql(
          `query($r: ID!, $s: String) { comments(filter: { roundId: $r, search: $s }) { totalCount } }`,
          { r: roundId, s: '\u0000' },
          w.tokens.secretariat,
        ),
      ),
    ).toEqual([{ field: 'filter.search', message: 'may not contain control characters' }]);
    expect(await count('instrument')).toBe(before);

    const missing = await w.api.db.query<{ name: string }>(`SELECT t AS name FROM unnest($1::text[]) t WHERE to_regclass(t) IS NULL`, [TABLES]);
    expect(missing).toEqual([]);
    expect(await count('comment')).toBe(comments.length);
  });
});

describe('dates outside 2000 to 2200 and texts over their limit', () => {
  let w: MeetingWorld;
  let f: Fixture;
  /** An instrument in CONSOLIDATION (its round closed): rounds and meetings may be scheduled on it. */
  let c: Published;
  /** In GB_SUBMISSION with no paper yet, and a session to submit it to. */
  let gb: AtGb & { sessionId: string };
  const count = async () => Number((await w.api.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event`))[0].n);

  beforeAll(async () => {
    w = await MeetingWorld.start();
    f = await buildFixture(w);
    c = await w.consolidating(1);
    const world = new GbWorld(w);
    const at = await world.atGbSubmission(1);
    const session = await w.staff(G.createSession, { n: 992, s: inDays(80), e: inDays(84), d: null });
    gb = { ...at, sessionId: session.createGoverningBodySession.id };
  }, 120_000);
  afterAll(() => w.stop());

  const over = (kind: TextKind) => 'x'.repeat(TEXT_MAX[kind] + 1);
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  /** What a typing slip or a hostile client sends; JavaScript's Date holds each of them. */
  const BAD_DATES = ['0001-01-01T00:00:00Z', '1999-12-31T23:59:59.999Z', '2201-01-01T00:00:00Z', '+020260-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', 0];

  interface Row {
    name: string;
    /** Who sends it (default: the secretariat). */
    as?: () => string;
    document: string;
    variables: (bad: unknown) => Record<string, unknown>;
    field: string;
    bad: unknown[];
    message?: RegExp;
  }

  const SCHEDULE_CONSULTATION = `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`;
  const EXTEND = `mutation($r: ID!, $at: DateTime!, $why: String!) { extendConsultation(roundId: $r, closesAt: $at, reason: $why) { id } }`;
  const SESSION = `mutation($n: Int!, $s: DateTime!, $e: DateTime!, $d: DateTime) { createGoverningBodySession(number: $n, startsAt: $s, endsAt: $e, documentDeadline: $d) { id } }`;
  const meetingInput = (extra: Record<string, unknown>) => ({
    in: {
      instrumentId: c.instrumentId,
      versionId: c.versionId,
      title: 'A meeting',
      venue: 'Geneva',
      startsAt: '2031-03-02T08:00:00Z',
      endsAt: '2031-03-06T17:00:00Z',
      ...extra,
    },
  });
  const session = (extra: Record<string, unknown>) => ({ n: 990, s: future(60), e: future(64), d: null, ...extra });
  const constituent = () => w.tokens.constituents.GOVERNMENT[0];

  const rows = (): Row[] => [
    // Dates.
    {
      name: 'scheduleConsultation closesAt',
      document: SCHEDULE_CONSULTATION,
      variables: (at) => ({ in: { instrumentId: c.instrumentId, versionId: c.versionId, closesAt: at } }),
      field: 'closesAt',
      bad: BAD_DATES,
    },
    {
      name: 'scheduleConsultation closesAt in the past',
      document: SCHEDULE_CONSULTATION,
      variables: (at) => ({ in: { instrumentId: c.instrumentId, versionId: c.versionId, closesAt: at } }),
      field: 'closesAt',
      bad: ['2020-01-01T00:00:00Z'],
      message: /in the future/,
    },
    {
      name: 'extendConsultation closesAt',
      document: EXTEND,
      variables: (at) => ({ r: f.consultation.roundId, at, why: 'More time' }),
      field: 'closesAt',
      bad: BAD_DATES,
    },
    { name: 'scheduleMeeting startsAt', document: Q.schedule, variables: (at) => meetingInput({ startsAt: at }), field: 'startsAt', bad: BAD_DATES },
    { name: 'scheduleMeeting endsAt', document: Q.schedule, variables: (at) => meetingInput({ endsAt: at }), field: 'endsAt', bad: BAD_DATES },
    {
      name: 'scheduleMeeting endsAt before startsAt',
      document: Q.schedule,
      variables: (at) => meetingInput({ endsAt: at }),
      field: 'endsAt',
      bad: ['2031-03-01T00:00:00Z'],
    },
    { name: 'createGoverningBodySession startsAt', document: SESSION, variables: (at) => session({ s: at }), field: 'startsAt', bad: BAD_DATES },
    { name: 'createGoverningBodySession endsAt', document: SESSION, variables: (at) => session({ e: at }), field: 'endsAt', bad: BAD_DATES },
    {
      name: 'createGoverningBodySession documentDeadline',
      document: SESSION,
      variables: (at) => session({ d: at }),
      field: 'documentDeadline',
      bad: BAD_DATES,
    },
    {
      name: 'createGoverningBodySession starting in the past',
      document: SESSION,
      variables: (at) => session({ s: at, e: future(3) }),
      field: 'startsAt',
      bad: [new Date(Date.now() - 60_000).toISOString(), '2020-05-01T08:00:00Z'],
      message: /in the future/,
    },
    {
      name: 'createGoverningBodySession deadline after its start',
      document: SESSION,
      variables: (d) => session({ d }),
      field: 'documentDeadline',
      bad: [future(61)],
    },
    // Texts.
    {
      name: 'advanceStage reason',
      document: `mutation($i: ID!, $r: String) { advanceStage(instrumentId: $i, to: CONSOLIDATION, reason: $r) { id } }`,
      variables: (r) => ({ i: f.consultation.instrumentId, r }),
      field: 'reason',
      bad: [over('reason')],
    },
    {
      name: 'extendConsultation reason',
      document: EXTEND,
      variables: (why) => ({ r: f.consultation.roundId, at: future(3), why }),
      field: 'reason',
      bad: [over('reason'), '   '],
    },
    {
      name: 'submitComment body',
      as: constituent,
      document: `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`,
      variables: (body) => ({ in: { roundId: f.consultation.roundId, type: 'GENERAL', body } }),
      field: 'body',
      bad: [over('prose'), ' \n '],
    },
    {
      name: 'submitComment proposedText',
      as: constituent,
      document: `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`,
      variables: (proposedText) => ({ in: { roundId: f.consultation.roundId, type: 'GENERAL', body: 'A remark', proposedText } }),
      field: 'proposedText',
      bad: [over('prose')],
    },
    {
      name: 'submitComment idempotencyKey',
      as: constituent,
      document: `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`,
      variables: (idempotencyKey) => ({ in: { roundId: f.consultation.roundId, type: 'GENERAL', body: 'A remark', idempotencyKey } }),
      field: 'idempotencyKey',
      bad: [over('key')],
    },
    {
      name: 'updateComment body',
      as: constituent,
      document: `mutation($id: ID!, $in: UpdateCommentInput!) { updateComment(id: $id, input: $in) { id } }`,
      variables: (body) => ({ id: f.consultation.comments.GOVERNMENT, in: { body } }),
      field: 'input.body',
      bad: [over('prose')],
    },
    {
      name: 'updateComment proposedText',
      as: constituent,
      document: `mutation($id: ID!, $in: UpdateCommentInput!) { updateComment(id: $id, input: $in) { id } }`,
      variables: (proposedText) => ({ id: f.consultation.comments.GOVERNMENT, in: { proposedText } }),
      field: 'input.proposedText',
      bad: [over('prose')],
    },
    {
      name: 'setDisposition note',
      document: `mutation($c: ID!, $n: String) { setDisposition(commentId: $c, disposition: NOTED, note: $n) { id } }`,
      variables: (n) => ({ c: f.consultation.comments.WORKERS, n }),
      field: 'note',
      bad: [over('prose')],
    },
    { name: 'scheduleMeeting title', document: Q.schedule, variables: (title) => meetingInput({ title }), field: 'title', bad: [over('name'), '  '] },
    { name: 'scheduleMeeting venue', document: Q.schedule, variables: (venue) => meetingInput({ venue }), field: 'venue', bad: [over('name')] },
    {
      name: 'recordPosition statement',
      document: `mutation($i: ID!, $s: String) { recordPosition(agendaItemId: $i, group: GOVERNMENT, position: SUPPORT, statement: $s) { id } }`,
      variables: (s) => ({ i: f.meeting.items[0], s }),
      field: 'statement',
      bad: [over('prose')],
    },
    {
      name: 'proposeAmendment text',
      document: `mutation($i: ID!, $t: String!) { proposeAmendment(agendaItemId: $i, proposedBy: EMPLOYERS, text: $t) { id } }`,
      variables: (t) => ({ i: f.meeting.items[0], t }),
      field: 'text',
      bad: [over('prose'), ''],
    },
    {
      name: 'closeAgendaItem finalText',
      document: `mutation($i: ID!, $t: String) { closeAgendaItem(agendaItemId: $i, status: ADOPTED, finalText: $t) { id } }`,
      variables: (t) => ({ i: f.meeting.items[0], t }),
      field: 'finalText',
      bad: [over('prose')],
    },
    {
      name: 'createInstrument summary',
      document: `mutation($s: String) { createInstrument(input: { reference: "LIM/1", title: "Limits", summary: $s }) { id } }`,
      variables: (s) => ({ s }),
      field: 'summary',
      bad: [over('summary')],
    },
    {
      name: 'createInstrument title',
      document: `mutation($t: String!) { createInstrument(input: { reference: "LIM/2", title: $t }) { id } }`,
      variables: (t) => ({ t }),
      field: 'title',
      bad: [over('title')],
    },
    {
      name: 'createInstrument reference',
      document: `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Limits" }) { id } }`,
      variables: (r) => ({ r }),
      field: 'reference',
      bad: [over('code')],
    },
    {
      name: 'saveDraft guideline text',
      document: `mutation($v: ID!, $s: [SectionInput!]!) { saveDraft(versionId: $v, sections: $s) { id } }`,
      variables: (text) => ({ v: f.draft.versionId, s: [{ number: 'I', heading: 'Voice', guidelines: [{ number: '1.1', text }] }] }),
      field: 'sections[0].guidelines[0].text',
      bad: [over('prose')],
    },
    {
      name: 'publishVersion changeSummary',
      document: `mutation($v: ID!, $c: String) { publishVersion(versionId: $v, changeSummary: $c) { id } }`,
      variables: (cs) => ({ v: f.draft.versionId, c: cs }),
      field: 'changeSummary',
      bad: [over('summary')],
    },
    {
      name: 'prepareSubmission symbol',
      document: G.prepare,
      variables: (symbol) => ({
        in: { instrumentId: gb.instrumentId, sessionId: gb.sessionId, symbol, agendaItemTitle: 'Outcome', pointForDecision: 'Approve.' },
      }),
      field: 'symbol',
      bad: [over('code'), 'GB.1/\nINS'],
    },
    {
      name: 'prepareSubmission agendaItemTitle',
      document: G.prepare,
      variables: (agendaItemTitle) => ({
        in: { instrumentId: gb.instrumentId, sessionId: gb.sessionId, symbol: 'GB.1/LIM', agendaItemTitle, pointForDecision: 'Approve.' },
      }),
      field: 'agendaItemTitle',
      bad: [over('title')],
    },
    {
      name: 'prepareSubmission pointForDecision',
      document: G.prepare,
      variables: (pointForDecision) => ({
        in: { instrumentId: gb.instrumentId, sessionId: gb.sessionId, symbol: 'GB.1/LIM', agendaItemTitle: 'Outcome', pointForDecision },
      }),
      field: 'pointForDecision',
      bad: [over('point')],
    },
    {
      name: 'recordGoverningBodyDecision text',
      document: `mutation($s: ID!, $t: String) { recordGoverningBodyDecision(submissionId: $s, decision: APPROVED, text: $t) { id } }`,
      variables: (t) => ({ s: f.gb.submissionId, t }),
      field: 'text',
      bad: [over('prose')],
    },
    {
      name: 'comments filter search',
      document: `query($r: ID!, $s: String) { comments(filter: { roundId: $r, search: $s }) { totalCount } }`,
      variables: (s) => ({ r: f.consultation.roundId, s }),
      field: 'filter.search',
      bad: [over('search')],
    },
  ];

  it('answer BAD_USER_INPUT naming the one field at fault, never INTERNAL_SERVER_ERROR, and write nothing', async () => {
    const seen: { name: string; bad: string; code: string; fields: string[]; messages: string[] }[] = [];
    const wanted: typeof seen = [];
    for (const row of rows()) {
      for (const bad of row.bad) {
        const before = await count();
        const res = await w.gql(row.document, row.variables(bad), row.as?.() ?? w.tokens.secretariat);
        const error = res.errors ? errorOf(res) : null;
        const fields = (error?.extensions?.fields ?? []) as { field: string; message: string }[];
        const label = typeof bad === 'string' && bad.length > 40 ? `${bad.length} characters` : JSON.stringify(bad);
        seen.push({ name: row.name, bad: label, code: error?.code ?? 'none', fields: fields.map((x) => x.field), messages: [] });
        wanted.push({ name: row.name, bad: label, code: 'BAD_USER_INPUT', fields: [row.field], messages: [] });
        if (row.message)
          expect({ name: row.name, messages: fields.map((x) => x.message) }).toEqual({ name: row.name, messages: [expect.stringMatching(row.message)] });
        expect({ name: row.name, bad: label, audited: (await count()) - before }).toEqual({ name: row.name, bad: label, audited: 0 });
      }
    }
    expect(seen).toEqual(wanted);
  }, 120_000);

  it('accept both ends of the range', async () => {
    const first = ok(await w.gql(SESSION, { n: 991, s: future(30), e: '2200-12-31T23:59:59.999Z', d: null }, w.tokens.secretariat)).createGoverningBodySession;
    expect(first.id).toBeTruthy();
    const meeting = ok(
      await w.gql(Q.schedule, meetingInput({ startsAt: '2000-01-01T00:00:00Z', endsAt: '2200-12-31T23:59:59Z' }), w.tokens.secretariat),
    ).scheduleMeeting;
    expect(meeting).toMatchObject({ startsAt: '2000-01-01T00:00:00.000Z', endsAt: '2200-12-31T23:59:59.000Z' });
  });
});
