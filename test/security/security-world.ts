// One fixture world for the authorization matrix: something of every kind the contract names, built
// through the API as its users would, each subject in the state that makes its access decision matter.
import type { ConstituentGroup } from '@tripartite/domain';
import { ok } from '@tripartite/testing';
import { MARKDOWN } from '../api/consultation-fixtures';
import { G, inDays } from '../governing-body/gb-fixtures';
import { GROUPS, MeetingWorld, Q, allSupport, draftMarkdown } from '../meetings/meeting-fixtures';

/** The callers of the matrix, in the order of its columns. */
export const CALLERS = ['anonymous', 'ADMIN', 'SECRETARIAT', 'OBSERVER', 'MODERATOR', 'OTHER_MODERATOR', 'GOVERNMENT', 'EMPLOYERS', 'WORKERS'] as const;
export type Caller = (typeof CALLERS)[number];

const COMMENT = `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`;
const DISPOSE = `mutation($c: ID!) { setDisposition(commentId: $c, disposition: NOTED) { id } }`;
const REGISTER_WEBHOOK = `mutation { registerWebhook(url: "https://hooks.example.org/tripartite", events: ["*"], secret: "a webhook secret long enough") { id } }`;

export interface Fixture {
  /** Access tokens by caller (anonymous: none). */
  tokens: Record<Caller, string | null>;
  /** User ids by caller (anonymous: none). */
  userIds: Record<Caller, string | null>;
  /** In CONSULTATION: version 1 published, round open (AFTER_CLOSE), one comment per group from the group's caller. */
  consultation: {
    instrumentId: string;
    versionId: string;
    guidelineId: string;
    /** The section of guidelineId. */
    sectionId: string;
    roundId: string;
    transitionId: string;
    comments: Record<ConstituentGroup, string>;
    withdrawable: string;
  };
  /** In DRAFTING with nothing published: the Office's working paper. */
  draft: { instrumentId: string; versionId: string };
  /** In EXPERTS_MEETING: a meeting IN_SESSION moderated by MODERATOR, item 1 under discussion with an amendment. */
  meeting: {
    instrumentId: string;
    meetingId: string;
    items: string[];
    amendmentId: string;
    closedRoundId: string;
    closedCommentId: string;
    /** A board link of the meeting (revokeBoardLink's subject) and its token. */
    boardLinkId: string;
    boardToken: string;
  };
  /** In GB_SUBMISSION: its meeting (moderated by OTHER_MODERATOR) adopted; a session and a DRAFT paper. */
  gb: { instrumentId: string; meetingId: string; sessionId: string; submissionId: string; participantId: string };
  /** One in-app notification per signed-in caller. */
  notifications: Record<Exclude<Caller, 'anonymous'>, string>;
  deadLetterId: string;
  /** An active webhook, and another for the deleteWebhook row. */
  webhookId: string;
  spareWebhookId: string;
  /** The id of an email the worker gave up on (DEAD). */
  deadEmailId: string;
  /** An observer nobody else's row needs: what the admin mutations on users act on. */
  spareUserId: string;
  /** An organization the admin rows on organizations act on (nothing else depends on its settings). */
  spareOrganizationId: string;
  /** A new session of the caller (anonymous: none), for rows that end the caller's session. */
  signIn(caller: Caller): Promise<string | null>;
}

let references = 0;
const reference = (what: string) => `SEC/${what}/${process.pid}/${++references}`;

/** Builds the world on a MeetingWorld's API and cast. The groups' callers are the first constituent of each group; the second ones sit in the meetings. */
export async function buildFixture(w: MeetingWorld): Promise<Fixture> {
  const staff = <T = any>(query: string, variables: Record<string, unknown> = {}) => w.staff<T>(query, variables);
  const as = (token: string) => (query: string, variables: Record<string, unknown>) => w.gql(query, variables, token).then(ok);

  const published = async (markdown: string) => {
    const created = (await staff(Q.create, { r: reference('instrument') })).createInstrument;
    const versionId = created.versions[0].id;
    await staff(Q.import, { v: versionId, md: markdown });
    const version = (await staff(Q.publish, { v: versionId })).publishVersion;
    return { instrumentId: created.id as string, versionId: versionId as string, guidelines: version.guidelines as { id: string }[] };
  };
  const openRound = async (p: { instrumentId: string; versionId: string }) => {
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const round = (await staff(Q.consult, { in: { instrumentId: p.instrumentId, versionId: p.versionId, closesAt } })).scheduleConsultation;
    await w.advance(p.instrumentId, 'CONSULTATION');
    return round.id as string;
  };
  const comment = async (group: ConstituentGroup, roundId: string, guidelineId: string | null, body: string) =>
    (await as(w.tokens.constituents[group][0])(COMMENT, { in: { roundId, guidelineId, type: 'TECHNICAL', body } })).submitComment.id as string;
  /** A meeting on the instrument (in CONSOLIDATION) with the moderator, the groups' second constituents, and the instrument moved on. */
  const meetingOn = async (p: { instrumentId: string; versionId: string }, moderatorId: string) => {
    const meeting = await w.schedule({ instrumentId: p.instrumentId, versionId: p.versionId, guidelines: [] });
    await staff(Q.assignModerator, { m: meeting.id, u: moderatorId });
    const participantIds: string[] = [];
    for (const g of GROUPS)
      participantIds.push(ok<any>(await w.addParticipant(meeting.id, w.people.constituents[g][1].id, g, 'SPOKESPERSON')).addParticipant.id);
    await w.advance(p.instrumentId, 'EXPERTS_MEETING');
    await staff(Q.openMeeting, { m: meeting.id });
    return { meetingId: meeting.id as string, items: meeting.agenda.map((i: { id: string }) => i.id) as string[], participantIds };
  };

  // Consultation: an open round with a comment from each group.
  const a = await published(MARKDOWN);
  const roundId = await openRound(a);
  const comments = {} as Record<ConstituentGroup, string>;
  for (const g of GROUPS) comments[g] = await comment(g, roundId, a.guidelines[0].id, `Remark of the ${g.toLowerCase()} group on guideline 1.1`);
  const withdrawable = await comment('GOVERNMENT', roundId, null, 'A general remark the government may withdraw');
  const [{ id: transitionId }] = await w.api.db.query<{ id: string }>(`SELECT id FROM stage_transition WHERE instrument_id = $1`, [a.instrumentId]);

  // Drafting: nothing published.
  const d = (await staff(Q.create, { r: reference('draft') })).createInstrument;
  await staff(Q.import, { v: d.versions[0].id, md: MARKDOWN });

  // Meeting: a round closed early with a comment (disposed), then a meeting in session.
  const m = await published(draftMarkdown(2));
  const closedRoundId = await openRound(m);
  const closedCommentId = await comment('GOVERNMENT', closedRoundId, null, 'A remark made before the meeting');
  await w.advance(m.instrumentId, 'CONSOLIDATION', 'Closed early for the security suite');
  await staff(DISPOSE, { c: closedCommentId });
  const meeting = await meetingOn(m, w.people.moderator.id);
  await staff(Q.openItem, { i: meeting.items[0] });
  const amendmentId = (await staff(Q.propose, { i: meeting.items[0], g: 'WORKERS', t: 'Amended wording of guideline 1.1.' })).proposeAmendment.id;
  const boardLink = (await staff(`mutation($m: ID!) { createBoardLink(meetingId: $m, label: "Room 1") { token link { id } } }`, { m: meeting.meetingId }))
    .createBoardLink;

  // Governing Body: another meeting (the other moderator's) concluded, the instrument in GB_SUBMISSION, a DRAFT paper.
  const g = await published(draftMarkdown(1));
  await openRound(g);
  await w.advance(g.instrumentId, 'CONSOLIDATION', 'Closed early for the security suite');
  const gbMeeting = await meetingOn(g, w.people.otherModerator.id);
  for (const item of gbMeeting.items) {
    await staff(Q.openItem, { i: item });
    for (const [group, p] of Object.entries(allSupport)) await staff(Q.position, { i: item, g: group, p });
    await staff(Q.closeItem, { i: item, s: 'ADOPTED' });
  }
  await staff(Q.closeMeeting, { m: gbMeeting.meetingId });
  await staff(Q.adoptReport, { m: gbMeeting.meetingId });
  await w.advance(g.instrumentId, 'GB_SUBMISSION');
  const session = (await staff(G.createSession, { n: 300 + (process.pid % 600), s: inDays(60), e: inDays(64), d: null })).createGoverningBodySession;
  const submission = (
    await staff(G.prepare, {
      in: {
        instrumentId: g.instrumentId,
        sessionId: session.id,
        symbol: reference('GB'),
        agendaItemTitle: 'Outcome of the meeting',
        pointForDecision: 'The Governing Body approves.',
      },
    })
  ).prepareSubmission;

  const people = w.people;
  const userIds: Fixture['userIds'] = {
    anonymous: null,
    ADMIN: people.admin.id,
    SECRETARIAT: people.secretariat.id,
    OBSERVER: people.observer.id,
    MODERATOR: people.moderator.id,
    OTHER_MODERATOR: people.otherModerator.id,
    GOVERNMENT: people.constituents.GOVERNMENT[0].id,
    EMPLOYERS: people.constituents.EMPLOYERS[0].id,
    WORKERS: people.constituents.WORKERS[0].id,
  };
  const t = w.tokens;
  const tokens: Fixture['tokens'] = {
    anonymous: null,
    ADMIN: t.admin,
    SECRETARIAT: t.secretariat,
    OBSERVER: t.observer,
    MODERATOR: t.moderator,
    OTHER_MODERATOR: t.otherModerator,
    GOVERNMENT: t.constituents.GOVERNMENT[0],
    EMPLOYERS: t.constituents.EMPLOYERS[0],
    WORKERS: t.constituents.WORKERS[0],
  };

  // What the worker's fan-out would have written: one in-app notification per caller.
  const [event] = await w.api.db.query<{ id: string }>(
    `INSERT INTO notification_event (kind, instrument_id, data) VALUES ('consultation.opened', $1, '{}') RETURNING id`,
    [a.instrumentId],
  );
  const notifications = {} as Fixture['notifications'];
  for (const caller of CALLERS) {
    if (caller === 'anonymous') continue;
    const [row] = await w.api.db.query<{ id: string }>(
      `INSERT INTO notification (event_id, user_id, kind, title, body, instrument_id) VALUES ($1, $2, 'consultation.opened', 'Consultation opened', 'Comments are welcome.', $3) RETURNING id`,
      [event.id, userIds[caller], a.instrumentId],
    );
    notifications[caller] = row.id;
  }

  // A delivery that failed for good, as the worker would have dead-lettered it.
  const webhookId = ok(await w.gql(REGISTER_WEBHOOK, {}, t.admin)).registerWebhook.id;
  const deliveryId = '11111111-1111-4111-8111-111111111111';
  await w.api.db.query(`INSERT INTO webhook_delivery (id, webhook_id, event_id, payload, status, attempts) VALUES ($1, $2, $3, '{}', 'DEAD', 8)`, [
    deliveryId,
    webhookId,
    event.id,
  ]);
  const [letter] = await w.api.db.query<{ id: string }>(
    `INSERT INTO webhook_dead_letter (delivery_id, webhook_id, kind, attempts, last_status) VALUES ($1, $2, 'consultation.opened', 8, 500) RETURNING id`,
    [deliveryId, webhookId],
  );
  const spareWebhookId = ok(await w.gql(REGISTER_WEBHOOK, {}, t.admin)).registerWebhook.id;
  // An email given up on, as the worker would have left it after EMAIL_RETRY_FOR.
  await w.api.db.query(
    `UPDATE notification SET email_status = 'DEAD', email_owed_since = clock_timestamp() - interval '25 hours', email_attempts = 30, email_last_error = 'ECONNREFUSED'
      WHERE id = $1`,
    [notifications.ADMIN],
  );

  const spareUserId = ok(
    await w.gql(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      { i: { email: `spare-${process.pid}@test.org`, displayName: 'Spare observer', password: 'long enough password', roles: ['OBSERVER'] } },
      t.admin,
    ),
  ).createUser.id as string;
  const emails: Record<Caller, string | null> = {
    anonymous: null,
    ADMIN: people.admin.email,
    SECRETARIAT: people.secretariat.email,
    OBSERVER: people.observer.email,
    MODERATOR: people.moderator.email,
    OTHER_MODERATOR: people.otherModerator.email,
    GOVERNMENT: people.constituents.GOVERNMENT[0].email,
    EMPLOYERS: people.constituents.EMPLOYERS[0].email,
    WORKERS: people.constituents.WORKERS[0].email,
  };

  const sectionId = (await staff(`query($v: ID!) { version: instrument(id: $v) { versions { sections { id } } } }`, { v: a.instrumentId })).version.versions[0]
    .sections[0].id as string;

  return {
    spareUserId,
    spareOrganizationId: people.organizations.EMPLOYERS[1],
    signIn: async (caller) => (emails[caller] ? w.api.login(emails[caller]) : null),
    tokens,
    userIds,
    consultation: {
      instrumentId: a.instrumentId,
      versionId: a.versionId,
      guidelineId: a.guidelines[0].id,
      sectionId,
      roundId,
      transitionId,
      comments,
      withdrawable,
    },
    draft: { instrumentId: d.id, versionId: d.versions[0].id },
    meeting: {
      instrumentId: m.instrumentId,
      meetingId: meeting.meetingId,
      items: meeting.items,
      amendmentId,
      closedRoundId,
      closedCommentId,
      boardLinkId: boardLink.link.id,
      boardToken: boardLink.token,
    },
    gb: {
      instrumentId: g.instrumentId,
      meetingId: gbMeeting.meetingId,
      sessionId: session.id,
      submissionId: submission.id,
      participantId: gbMeeting.participantIds[0],
    },
    notifications,
    deadLetterId: letter.id,
    webhookId,
    spareWebhookId,
    deadEmailId: notifications.ADMIN,
  };
}
