// Every write raises exactly one domain event (issue 14): every mutation of the schema is driven here, once at
// least and successfully, through the lifecycle of one instrument (drafting, consultation, meeting, Governing
// Body) and the administration around it, over HTTP against the real API; a recorder subscribed to every event
// of the bus lists what each call raised, and the tables below say where a call raises other than one, and which
// events only the worker raises.
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { DOMAIN_EVENT_NAMES, DomainEventName, EventBus } from '@tripartite/events';
import { People, TestApi, seedPeople, startApi } from '@tripartite/testing';

/**
 * Calls that raise other than exactly one event, by design: `mutation` for every call of it, `mutation(label)` for
 * one call. Keep it to what the code does: each audit row is one event (the audit subscriber writes them), so a
 * call that audits two writes raises two; each entry says why.
 */
const EXCEPTIONS: Record<string, { events: number; why: string }> = {
  // The stage move, and the consultation's reaction to it in the same transaction (audited on its own today):
  // the move to CONSULTATION opens the scheduled round (round.opened), the early move out of it closes the round
  // (round.closed).
  'advanceStage(CONSULTATION)': { events: 2, why: 'stage.changed, and the round it opens' },
  'advanceStage(CONSOLIDATION)': { events: 2, why: 'stage.changed, and the round it closes early' },
  // The decision, and the stage move it makes through the workflow (REFERRED_BACK: to CONSOLIDATION).
  recordGoverningBodyDecision: { events: 2, why: 'the decision, and the stage.changed it makes' },
  // Writes that audit nothing today: a sign-in starts a session (auth_session, auth_refresh_token), a sign-out
  // ends it (auth_session.revoked_at), and marking one's own notifications read sets notification.read_at.
  login: { events: 0, why: 'starts a session, not audited' },
  logout: { events: 0, why: 'ends the session, not audited' },
  markNotificationsRead: { events: 0, why: "the caller's own read marks, not audited" },
};

/**
 * Catalogue events no mutation raises: the worker's jobs raise them, or an endpoint outside GraphQL. Each entry
 * names the test that covers it. The worker's writes today: a round's close at its deadline (stage.changed and
 * round.closed as the system, raised here too by advanceStage) in test/jobs/deadlines.test.ts; the reminders of a
 * round, a meeting and a GB document deadline in test/jobs/reminders.test.ts and test/jobs/reminder-reconcile.test.ts.
 * List an event here once it is in the catalogue and only a job or such an endpoint raises it.
 */
const SYSTEM_EVENTS: Partial<Record<DomainEventName, string>> = {
  // POST /auth/refresh with a refresh token already rotated (its session ends).
  'session.refreshTokenReused': 'test/api/sessions.test.ts, test/medium/auth.test.ts',
};

const MARKDOWN = `# Domain events

## I. Voice

1.1 Everyone concerned should be heard before a rule is adopted.

1.2 Deadlines are announced in advance and kept.

## II. Fairness

2.1 No recruitment fee should be charged to a worker.
`;
const SECRET = 'sixteen-chars-at-least';
const PASSWORD = 'a password of some length';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

interface Call {
  mutation: string;
  /** `mutation` or `mutation(label)`: a call of its own in the table. */
  key: string;
  events: string[];
  /** The audit rows written during the call (their actions), for comparison. */
  audit: string[];
}

describe('domain events: every write raises exactly one', () => {
  let api: TestApi;
  let people: People;
  const tokens = {} as Record<'admin' | 'secretariat' | 'moderator' | 'gov' | 'emp' | 'wrk', string>;
  const raised: string[] = [];
  const calls: Call[] = [];
  let mutations: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
    for (const [name, person] of Object.entries({
      admin: people.admin,
      secretariat: people.secretariat,
      moderator: people.moderator,
      gov: people.constituents.GOVERNMENT[0],
      emp: people.constituents.EMPLOYERS[0],
      wrk: people.constituents.WORKERS[0],
    })) {
      tokens[name as keyof typeof tokens] = await api.login(person.email);
    }
    mutations = Object.keys(api.app.get(GraphQLSchemaHost).schema.getMutationType()?.getFields() ?? {}).sort();
    api.app.get(EventBus).onWrite('all', 'audit', 'domain-events.test', (_tx, e) => void raised.push(e.name));
  });

  afterAll(async () => {
    if (calls.length) console.log(`Domain events: mutation -> events raised (audit rows written)\n${table(calls)}`);
    await api?.close();
  });

  /** Runs one mutation, which must succeed, and records what it raised; its data (the mutation's field). */
  async function write(mutation: string, document: string, variables: Record<string, unknown>, token: string | null, label?: string): Promise<any> {
    const op = parse(document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const root = op?.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '?'));
    if (op?.operation !== 'mutation' || root?.join() !== mutation) throw new Error(`${mutation}: the document calls ${root?.join()}`);
    raised.length = 0;
    // As text: a Date would drop the microseconds.
    const [{ t0 }] = await api.db.query<{ t0: string }>(`SELECT clock_timestamp()::text AS t0`);
    const res = await api.gql(document, variables, token);
    const events = [...raised];
    const audit = await api.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE at >= $1::timestamptz ORDER BY at, id`, [t0]);
    const key = label ? `${mutation}(${label})` : mutation;
    // A refused call (its transaction rolled back) is no call of the table: the drive fails on it.
    if (res.errors?.length || !res.data) throw new Error(`${key} failed: ${JSON.stringify(res.errors)}`);
    calls.push({ mutation, key, events, audit: audit.map((a) => a.action) });
    return res.data[mutation];
  }

  it('drives every write through the lifecycle, each call successful', async () => {
    const { admin, secretariat: sec, moderator: mod, gov, emp, wrk } = tokens;

    // Administration: an organization, a user of it who signs in, sets their email, signs out, and is deactivated.
    const org = await write(
      'createOrganization',
      `mutation($n: String!) { createOrganization(name: $n, group: WORKERS) { id } }`,
      { n: 'Domain events union' },
      admin,
    );
    const user = await write(
      'createUser',
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      { i: { email: 'events.user@test.org', displayName: 'Events User', password: PASSWORD, roles: ['CONSTITUENT'], organizationId: org.id } },
      admin,
    );
    await write(
      'setUserRoles',
      `mutation($u: ID!, $r: [Role!]!) { setUserRoles(userId: $u, roles: $r) { id } }`,
      { u: user.id, r: ['CONSTITUENT', 'OBSERVER'] },
      admin,
    );
    const session = await write(
      'login',
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: 'events.user@test.org', p: PASSWORD },
      null,
    );
    await write(
      'setEmailPreferences',
      `mutation($k: [String!]!) { setEmailPreferences(disabledKinds: $k) { id } }`,
      { k: ['consultation.reminder'] },
      session.accessToken,
    );
    await write('setMyLanguage', `mutation($l: Language!) { setMyLanguage(language: $l) { id language } }`, { l: 'FR' }, session.accessToken);
    await write(
      'setOrganizationDefaultLanguage',
      `mutation($o: ID!, $l: Language) { setOrganizationDefaultLanguage(organizationId: $o, language: $l) { id defaultLanguage } }`,
      { o: org.id, l: 'ES' },
      admin,
    );
    await write(
      'updateOrganization',
      `mutation($o: ID!, $n: String) { updateOrganization(organizationId: $o, name: $n) { id } }`,
      { o: org.id, n: 'Domain events trade union' },
      admin,
    );
    await write(
      'updateUser',
      `mutation($u: ID!, $i: UpdateUserInput!) { updateUser(userId: $u, input: $i) { id } }`,
      { u: user.id, i: { displayName: 'Events User (union)' } },
      admin,
    );
    await write('logout', `mutation { logout }`, {}, session.accessToken);
    await write(
      'deactivateUser',
      `mutation($u: ID!, $r: String!) { deactivateUser(userId: $u, reason: $r) { id } }`,
      { u: user.id, r: 'Left the union' },
      admin,
    );
    await write('reactivateUser', `mutation($u: ID!) { reactivateUser(userId: $u) { id } }`, { u: user.id }, admin);

    // Drafting: an instrument, its first version saved, then imported over, and published.
    const instrument = await write(
      'createInstrument',
      `mutation { createInstrument(input: { reference: "EVENTS/1", title: "Guidelines raising events" }) { id versions { id } } }`,
      {},
      sec,
    );
    const instrumentId: string = instrument.id;
    const v1: string = instrument.versions[0].id;
    await write(
      'saveDraft',
      `mutation($v: ID!, $s: [SectionInput!]!) { saveDraft(versionId: $v, sections: $s) { id } }`,
      { v: v1, s: [{ number: 'I', heading: 'Voice', guidelines: [{ number: '1.1', text: 'Everyone concerned should be heard.' }] }] },
      sec,
    );
    await write(
      'importDraftMarkdown',
      `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`,
      { v: v1, md: MARKDOWN },
      sec,
    );
    const imported = (await api.gql(`query($v: ID!) { draftVersion(id: $v) { guidelines { id revision } } }`, { v: v1 }, sec)).data!.draftVersion;
    await write(
      'updateDraftGuideline',
      `mutation($g: ID!, $r: Int) { updateDraftGuideline(guidelineId: $g, text: "Everyone concerned is heard first.", expectedRevision: $r) { id } }`,
      { g: imported.guidelines[0].id, r: imported.guidelines[0].revision },
      sec,
    );
    const v1Content = await write(
      'publishVersion',
      `mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "for consultation") { id sections { id } guidelines { id } } }`,
      { v: v1 },
      sec,
    );
    // Translations of the published version: one guideline, one heading, then a whole edition.
    await write(
      'setGuidelineTranslation',
      `mutation($g: ID!) { setGuidelineTranslation(guidelineId: $g, language: FR, text: "Toutes les personnes concernées devraient être entendues.") { id } }`,
      { g: v1Content.guidelines[0].id },
      sec,
    );
    await write(
      'setSectionHeadingTranslation',
      `mutation($s: ID!) { setSectionHeadingTranslation(sectionId: $s, language: FR, heading: "Voix") { id } }`,
      { s: v1Content.sections[0].id },
      sec,
    );
    await write(
      'setInstrumentTitleTranslation',
      `mutation($i: ID!) { setInstrumentTitleTranslation(instrumentId: $i, language: FR, title: "Principes qui lèvent des événements") { id } }`,
      { i: instrumentId },
      sec,
    );
    await write(
      'importTranslationMarkdown',
      `mutation($v: ID!, $md: String!) { importTranslationMarkdown(versionId: $v, language: ES, markdown: $md) { id } }`,
      { v: v1, md: '## I. Voz\n\n1.1 Todos deberían ser oídos.\n\n1.2 Los plazos se anuncian.\n\n## II. Equidad\n\n2.1 Sin comisiones.\n' },
      sec,
    );

    // Consultation: a round scheduled and opened by the stage move; comments submitted, updated, withdrawn and
    // disposed of while it is open; its deadline extended; closed early by the move to CONSOLIDATION.
    const advance = (to: string, reason?: string) =>
      write(
        'advanceStage',
        `mutation($i: ID!, $to: Stage!, $reason: String) { advanceStage(instrumentId: $i, to: $to, reason: $reason) { stage } }`,
        { i: instrumentId, to, reason },
        sec,
        to,
      );
    const round = await write(
      'scheduleConsultation',
      `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`,
      { in: { instrumentId, versionId: v1, closesAt: inMs(HOUR) } },
      sec,
    );
    await advance('CONSULTATION');
    // An organization founded once the round is open, invited to it.
    const late = await write(
      'createOrganization',
      `mutation($n: String!) { createOrganization(name: $n, group: EMPLOYERS) { id } }`,
      { n: 'Domain events employers, founded late' },
      admin,
      'during a round',
    );
    await write(
      'inviteOrganizations',
      `mutation($r: ID!, $o: [ID!]!) { inviteOrganizations(roundId: $r, organizationIds: $o) { id } }`,
      { r: round.id, o: [late.id] },
      sec,
    );
    const submit = (token: string, body: string) =>
      write(
        'submitComment',
        `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`,
        { in: { roundId: round.id, type: 'GENERAL', body } },
        token,
      );
    const fromGov = await submit(gov, 'Deadlines should be longer.');
    const fromEmp = await submit(emp, 'The scope is too wide.');
    const fromWrk = await submit(wrk, 'A comment to withdraw.');
    await write(
      'updateComment',
      `mutation($id: ID!, $in: UpdateCommentInput!) { updateComment(id: $id, input: $in) { id } }`,
      { id: fromGov.id, in: { body: 'Deadlines should be announced earlier.' } },
      gov,
    );
    await write('withdrawComment', `mutation($id: ID!) { withdrawComment(id: $id) { id } }`, { id: fromWrk.id }, wrk);
    // Every comment kept needs a disposition before the meeting.
    await write(
      'setDisposition',
      `mutation($c: ID!, $note: String) { setDisposition(commentId: $c, disposition: NOTED, note: $note) { id } }`,
      { c: fromGov.id, note: 'Taken into account' },
      sec,
    );
    const bulk = await write(
      'setDispositions',
      `mutation($r: ID!, $items: [DispositionTargetInput!]!, $note: String) {
        setDispositions(roundId: $r, items: $items, disposition: NOTED, note: $note) { disposed { id } refused { code } }
      }`,
      { r: round.id, items: [{ commentId: fromEmp.id }], note: 'Taken into account' },
      sec,
    );
    expect(bulk.refused).toEqual([]);
    await write(
      'extendConsultation',
      `mutation($r: ID!, $at: DateTime!, $reason: String!) { extendConsultation(roundId: $r, closesAt: $at, reason: $reason) { id } }`,
      { r: round.id, at: inMs(2 * HOUR), reason: 'More time asked for' },
      sec,
    );
    await advance('CONSOLIDATION', 'Closed early: every group has commented');

    // The experts' meeting: scheduled on version 1 (one agenda item per guideline), staffed, opened; item 1 adopted
    // as amended, item 2 by a vote, item 3 by consensus; closed and its report adopted.
    const meeting = await write(
      'scheduleMeeting',
      `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id agenda { id } } }`,
      { in: { instrumentId, versionId: v1, title: 'Meeting of experts', venue: 'Geneva', startsAt: inMs(30 * DAY), endsAt: inMs(34 * DAY) } },
      sec,
    );
    const [item1, item2, item3] = meeting.agenda.map((i: { id: string }) => i.id);
    await write(
      'assignModerator',
      `mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`,
      { m: meeting.id, u: people.moderator.id },
      sec,
    );
    for (const group of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'] as const) {
      await write(
        'addParticipant',
        `mutation($m: ID!, $u: ID!, $g: ConstituentGroup!) { addParticipant(meetingId: $m, userId: $u, group: $g, role: SPOKESPERSON) { id } }`,
        { m: meeting.id, u: people.constituents[group][0].id, g: group },
        sec,
      );
    }
    // A delegate registered, corrected and removed (each with a reason); a moderator unassigned and assigned again.
    const adviser = await write(
      'addParticipant',
      `mutation($m: ID!, $u: ID!) { addParticipant(meetingId: $m, userId: $u, group: GOVERNMENT, role: ADVISER) { id } }`,
      { m: meeting.id, u: people.constituents.GOVERNMENT[1].id },
      sec,
      'second',
    );
    await write(
      'updateParticipant',
      `mutation($p: ID!) { updateParticipant(participantId: $p, group: GOVERNMENT, role: EXPERT, reason: "Registered as an adviser by mistake") { id } }`,
      { p: adviser.id },
      sec,
    );
    await write(
      'removeParticipant',
      `mutation($p: ID!) { removeParticipant(participantId: $p, reason: "Left the delegation") { id } }`,
      { p: adviser.id },
      sec,
    );
    await write(
      'unassignModerator',
      `mutation($m: ID!, $u: ID!) { unassignModerator(meetingId: $m, userId: $u) { id } }`,
      { m: meeting.id, u: people.moderator.id },
      sec,
    );
    await write(
      'assignModerator',
      `mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`,
      { m: meeting.id, u: people.moderator.id },
      sec,
      'again',
    );
    await advance('EXPERTS_MEETING');
    await write('openMeeting', `mutation($m: ID!) { openMeeting(meetingId: $m) { id } }`, { m: meeting.id }, mod);
    const openItem = (i: string) => write('openAgendaItem', `mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { id } }`, { i }, mod);
    const position = (i: string, g: string, p: string) =>
      write(
        'recordPosition',
        `mutation($i: ID!, $g: ConstituentGroup!, $p: Position!) { recordPosition(agendaItemId: $i, group: $g, position: $p) { id } }`,
        { i, g, p },
        mod,
      );
    const closeItem = (i: string, s: string) =>
      write('closeAgendaItem', `mutation($i: ID!, $s: ItemStatus!) { closeAgendaItem(agendaItemId: $i, status: $s) { id } }`, { i, s }, mod, s);

    await openItem(item1);
    await position(item1, 'WORKERS', 'OPPOSE');
    const amendment = await write(
      'proposeAmendment',
      `mutation($i: ID!, $t: String!) { proposeAmendment(agendaItemId: $i, proposedBy: WORKERS, text: $t) { id } }`,
      { i: item1, t: 'Everyone concerned is heard before a rule is adopted.' },
      mod,
    );
    for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) {
      await write(
        'recordAmendmentPosition',
        `mutation($a: ID!, $g: ConstituentGroup!) { recordAmendmentPosition(amendmentId: $a, group: $g, position: SUPPORT) { id } }`,
        { a: amendment.id, g },
        mod,
      );
    }
    await write('decideAmendment', `mutation($a: ID!) { decideAmendment(amendmentId: $a, status: ACCEPTED) { id } }`, { a: amendment.id }, mod);
    await closeItem(item1, 'ADOPTED_AS_AMENDED');

    await openItem(item2);
    await write(
      'recordVote',
      `mutation($i: ID!, $v: [GroupVoteInput!]!) { recordVote(agendaItemId: $i, votes: $v) { id } }`,
      { i: item2, v: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'].map((group) => ({ group, inFavour: 1, against: 0, abstentions: 0 })) },
      mod,
    );
    await closeItem(item2, 'ADOPTED');

    await openItem(item3);
    for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) await position(item3, g, 'SUPPORT');
    await closeItem(item3, 'ADOPTED');

    const boardLink = await write(
      'createBoardLink',
      `mutation($m: ID!) { createBoardLink(meetingId: $m, label: "Room 1") { link { id } } }`,
      { m: meeting.id },
      sec,
    );
    await write('revokeBoardLink', `mutation($l: ID!) { revokeBoardLink(id: $l) { id } }`, { l: boardLink.link.id }, sec);
    await write('closeMeeting', `mutation($m: ID!) { closeMeeting(meetingId: $m) { id } }`, { m: meeting.id }, mod);
    await write('adoptMeetingReport', `mutation($m: ID!) { adoptMeetingReport(meetingId: $m) { id } }`, { m: meeting.id }, sec);
    await advance('GB_SUBMISSION');

    // The Governing Body: a session, the paper prepared and submitted, referred back; the secretariat revises.
    const gbSession = await write(
      'createGoverningBodySession',
      `mutation($s: DateTime!, $e: DateTime!) { createGoverningBodySession(number: 350, startsAt: $s, endsAt: $e) { id } }`,
      { s: inMs(60 * DAY), e: inMs(64 * DAY) },
      sec,
    );
    const paper = await write(
      'prepareSubmission',
      `mutation($in: PrepareSubmissionInput!) { prepareSubmission(input: $in) { id } }`,
      {
        in: {
          instrumentId,
          sessionId: gbSession.id,
          symbol: 'GB.350/4',
          agendaItemTitle: 'Outcome of the meeting of experts',
          pointForDecision: 'The Governing Body approves the guidelines adopted by the meeting.',
        },
      },
      sec,
    );
    await write('submitToGoverningBody', `mutation($s: ID!) { submitToGoverningBody(submissionId: $s) { id } }`, { s: paper.id }, sec);
    await write(
      'recordGoverningBodyDecision',
      `mutation($s: ID!) { recordGoverningBodyDecision(submissionId: $s, decision: REFERRED_BACK) { id } }`,
      { s: paper.id },
      sec,
    );
    await write('createRevision', `mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`, { i: instrumentId }, sec);

    // Notifications. What the worker's fan-out would have written (the worker does not run here): an in-app
    // notification for the secretariat, and one for the admin whose email the worker gave up on (DEAD).
    const [event] = await api.db.query<{ id: string }>(
      `INSERT INTO notification_event (kind, instrument_id, data) VALUES ('gb.decided', $1, '{}') RETURNING id`,
      [instrumentId],
    );
    const notification = async (userId: string) =>
      (
        await api.db.query<{ id: string }>(
          `INSERT INTO notification (event_id, user_id, kind, title, body, instrument_id) VALUES ($1, $2, 'gb.decided', 'Referred back', 'The GB referred it back.', $3) RETURNING id`,
          [event.id, userId, instrumentId],
        )
      )[0].id;
    const forSecretariat = await notification(people.secretariat.id);
    const deadEmail = await notification(people.admin.id);
    await api.db.query(
      `UPDATE notification SET email_status = 'DEAD', email_owed_since = clock_timestamp() - interval '25 hours', email_attempts = 30, email_last_error = 'ECONNREFUSED' WHERE id = $1`,
      [deadEmail],
    );
    await write('markNotificationsRead', `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [forSecretariat] }, sec);
    await write('resendEmails', `mutation($ids: [ID!]!) { resendEmails(ids: $ids) }`, { ids: [deadEmail] }, admin);

    // Webhooks: one registered; a delivery of it the worker dead-lettered (written as the worker would) replayed;
    // the webhook paused, then deleted.
    const webhook = await write(
      'registerWebhook',
      `mutation($u: String!, $s: String!) { registerWebhook(url: $u, events: ["gb.decided"], secret: $s) { id } }`,
      { u: 'http://127.0.0.1:9/hook', s: SECRET },
      admin,
    );
    const [delivery] = await api.db.query<{ id: string }>(
      `INSERT INTO webhook_delivery (id, webhook_id, event_id, payload, status, attempts) VALUES (gen_random_uuid(), $1, $2, '{}', 'DEAD', 8) RETURNING id`,
      [webhook.id, event.id],
    );
    const [letter] = await api.db.query<{ id: string }>(
      `INSERT INTO webhook_dead_letter (delivery_id, webhook_id, kind, attempts, last_status) VALUES ($1, $2, 'gb.decided', 8, 500) RETURNING id`,
      [delivery.id, webhook.id],
    );
    await write('replayWebhookDelivery', `mutation($id: ID!) { replayWebhookDelivery(deadLetterId: $id) }`, { id: letter.id }, admin);
    await write('setWebhookActive', `mutation($w: ID!) { setWebhookActive(webhookId: $w, active: false) { id } }`, { w: webhook.id }, admin);
    await write('setWebhookActive', `mutation($w: ID!) { setWebhookActive(webhookId: $w, active: true) { id } }`, { w: webhook.id }, admin);
    await write('deleteWebhook', `mutation($w: ID!) { deleteWebhook(webhookId: $w) }`, { w: webhook.id }, admin);
  }, 120_000);

  it('has driven every Mutation field of the schema (a new mutation needs its step above)', () => {
    const driven = new Set(calls.map((c) => c.mutation));
    expect({ notDriven: mutations.filter((m) => !driven.has(m)), notInSchema: [...driven].filter((m) => !mutations.includes(m)) }).toEqual({
      notDriven: [],
      notInSchema: [],
    });
  });

  it('raises only events of the catalogue', () => {
    const known = new Set<string>(DOMAIN_EVENT_NAMES);
    expect(calls.flatMap((c) => c.events.filter((e) => !known.has(e)).map((e) => `${c.key}: ${e}`))).toEqual([]);
  });

  it('raises exactly one event per call, except the EXCEPTIONS', () => {
    const wrong = calls
      .map((c) => ({ c, exception: EXCEPTIONS[c.key] ?? EXCEPTIONS[c.mutation] }))
      .filter(({ c, exception }) => c.events.length !== (exception?.events ?? 1))
      .map(
        ({ c, exception }) =>
          `${c.key}: expected ${exception ? `${exception.events} (${exception.why})` : 1}, raised ${c.events.length} [${c.events.join(', ')}]` +
          ` (audit: ${c.audit.join(', ') || 'none'})`,
      );
    expect([...new Set(wrong)]).toEqual([]);
    // An exception no call makes is stale.
    const keys = new Set(calls.flatMap((c) => [c.key, c.mutation]));
    expect(Object.keys(EXCEPTIONS).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('audits exactly the events it raises: no audit row written beside the bus', () => {
    const sorted = (list: string[]) => [...list].sort().join(', ');
    const beside = calls
      .filter((c) => sorted(c.events) !== sorted(c.audit))
      .map((c) => `${c.key}: raised [${c.events.join(', ')}], audited [${c.audit.join(', ')}]`);
    expect([...new Set(beside)]).toEqual([]);
  });

  it('raises every event of the catalogue from some mutation here, or from the worker (SYSTEM_EVENTS)', () => {
    const raisedHere = new Set(calls.flatMap((c) => c.events));
    expect(DOMAIN_EVENT_NAMES.filter((name) => !raisedHere.has(name) && !(name in SYSTEM_EVENTS))).toEqual([]);
  });
});

/** One line per call, repeated calls with the same events folded: key ×n  events  (audit). */
function table(calls: Call[]): string {
  const rows: { key: string; events: string; audit: string; n: number }[] = [];
  for (const c of calls) {
    const events = c.events.join(', ') || '-';
    const audit = c.audit.join(', ') || '-';
    const same = rows.find((r) => r.key === c.key && r.events === events && r.audit === audit);
    if (same) same.n++;
    else rows.push({ key: c.key, events, audit, n: 1 });
  }
  const width = Math.max(...rows.map((r) => r.key.length + (r.n > 1 ? ` x${r.n}`.length : 0)));
  const eventsWidth = Math.max(...rows.map((r) => r.events.length));
  return rows.map((r) => `${`${r.key}${r.n > 1 ? ` x${r.n}` : ''}`.padEnd(width)}  ${r.events.padEnd(eventsWidth)}  (${r.audit})`).join('\n');
}
