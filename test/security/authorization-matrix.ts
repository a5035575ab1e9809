// Who may call what: every operation of the contract (and the API's additions) against every kind of
// caller, as data. authorization.test.ts runs each cell against the fixture world of security-world.ts.
//
// 'allow' means the access decision let the caller through: the answer is data, or an error of the
// business rules (BAD_USER_INPUT, TRANSITION_BLOCKED, CONFLICT, DEADLINE_PASSED). Anything else is the
// error code the caller must get. NOT_FOUND is what a caller gets for a subject it may not even see.
import type { LiveEventPayloads } from '@tripartite/live';
import { TEST_PASSWORD } from '@tripartite/testing';
import { CALLERS, Caller, Fixture } from './security-world';

export type Expected = 'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
export type OperationKind = 'query' | 'mutation' | 'subscription';

/** A live event to publish: an allowed subscriber proves it is listening by receiving one. */
export type WarmUpEvent = { [E in keyof LiveEventPayloads]: { event: E; subjectId: string; payload: LiveEventPayloads[E] } }[keyof LiveEventPayloads];

export interface MatrixRow {
  /** The root field of the contract's Query, Mutation or Subscription type. */
  operation: string;
  kind: OperationKind;
  /** Which subject, when an operation has several rows. */
  variant?: string;
  document: string;
  variables: (f: Fixture, caller: Caller) => Record<string, unknown>;
  expect: Record<Caller, Expected>;
  /** Subscriptions: events every allowed subscriber of the row may receive. */
  warmUp?: (f: Fixture) => WarmUpEvent[];
  /** Each caller calls with a session of its own for this row (the operation ends the session it is called in). */
  ownSession?: boolean;
}

const A = 'allow';
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const N = 'NOT_FOUND';

/** One expectation per caller, in the order of CALLERS (the columns below). */
function cells(list: Expected[]): Record<Caller, Expected> {
  if (list.length !== CALLERS.length) throw new Error(`a matrix row needs ${CALLERS.length} cells, got ${list.length}`);
  return Object.fromEntries(CALLERS.map((c, i) => [c, list[i]])) as Record<Caller, Expected>;
}

type RowSpec = Omit<MatrixRow, 'expect' | 'variables' | 'kind'> & { variables?: MatrixRow['variables']; expect: Expected[] };
const rows = (kind: OperationKind, specs: RowSpec[]): MatrixRow[] =>
  specs.map((s) => ({ ...s, kind, variables: s.variables ?? (() => ({})), expect: cells(s.expect) }));

const votes = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'].map((group) => ({ group, inFavour: 1, against: 0, abstentions: 0 }));
const sections = [{ number: 'I', heading: 'Voice', guidelines: [{ number: '1.1', text: 'Everyone concerned should be heard.' }] }];

// Columns:                                anon ADMIN SECR OBS  MOD  MOD2 GOV  EMP  WOR
export const QUERIES = rows('query', [
  { operation: 'me', document: `{ me { id } }`, expect: [U, A, A, A, A, A, A, A, A] },
  { operation: 'organizations', document: `{ organizations { id } }`, expect: [U, A, A, A, A, A, A, A, A] },
  { operation: 'instruments', document: `{ instruments { id } }`, expect: [U, A, A, A, A, A, A, A, A] },
  {
    operation: 'instrument',
    variant: 'published',
    document: `query($i: ID!) { instrument(id: $i) { id } }`,
    variables: (f) => ({ i: f.consultation.instrumentId }),
    expect: [U, A, A, A, A, A, A, A, A],
  },
  {
    operation: 'instrument',
    variant: 'unpublished draft',
    document: `query($i: ID!) { instrument(id: $i) { id } }`,
    variables: (f) => ({ i: f.draft.instrumentId }),
    expect: [U, A, A, N, N, N, N, N, N],
  },
  {
    operation: 'versionDiff',
    variant: 'published',
    document: `query($a: ID!, $b: ID!) { versionDiff(fromVersionId: $a, toVersionId: $b) { key } }`,
    variables: (f) => ({ a: f.consultation.versionId, b: f.consultation.versionId }),
    expect: [U, A, A, A, A, A, A, A, A],
  },
  {
    operation: 'versionDiff',
    variant: 'DRAFT version',
    document: `query($a: ID!, $b: ID!) { versionDiff(fromVersionId: $a, toVersionId: $b) { key } }`,
    variables: (f) => ({ a: f.draft.versionId, b: f.draft.versionId }),
    expect: [U, A, A, N, N, N, N, N, N],
  },
  {
    operation: 'draftVersion',
    variant: 'published',
    document: `query($v: ID!) { draftVersion(id: $v) { id } }`,
    variables: (f) => ({ v: f.consultation.versionId }),
    expect: [U, A, A, A, A, A, A, A, A],
  },
  {
    operation: 'draftVersion',
    variant: 'DRAFT version',
    document: `query($v: ID!) { draftVersion(id: $v) { id } }`,
    variables: (f) => ({ v: f.draft.versionId }),
    expect: [U, A, A, N, N, N, N, N, N],
  },
  {
    operation: 'previewDraftMarkdown',
    document: `query($v: ID!) { previewDraftMarkdown(versionId: $v, markdown: "## I. Voice\\n\\n1.1 Everyone concerned should be heard.\\n") { ok } }`,
    variables: (f) => ({ v: f.draft.versionId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'round',
    document: `query($r: ID!) { round(id: $r) { id } }`,
    variables: (f) => ({ r: f.consultation.roundId }),
    expect: [U, A, A, A, A, A, A, A, A],
  },
  {
    operation: 'round',
    variant: 'pendingOrganizations',
    document: `query($r: ID!) { round(id: $r) { pendingOrganizations { id } } }`,
    variables: (f) => ({ r: f.consultation.roundId }),
    expect: [U, A, A, F, F, F, F, F, F],
  },
  {
    operation: 'comments',
    document: `query($r: ID!) { comments(filter: { roundId: $r }) { totalCount } }`,
    variables: (f) => ({ r: f.consultation.roundId }),
    expect: [U, A, A, A, A, A, A, A, A],
  },
  // A closed AFTER_CLOSE round: every caller reads its comment, and only the Office its dispositions' history.
  {
    operation: 'comments',
    variant: 'dispositionHistory',
    document: `query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { dispositionHistory { disposition } } } } }`,
    variables: (f) => ({ r: f.meeting.closedRoundId }),
    expect: [U, A, A, F, F, F, F, F, F],
  },
  {
    operation: 'meetingCandidates',
    document: `query($o: ID) { meetingCandidates(organizationId: $o) { id } }`,
    variables: () => ({ o: null }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'meeting',
    document: `query($m: ID!) { meeting(id: $m) { id } }`,
    variables: (f) => ({ m: f.meeting.meetingId }),
    expect: [U, A, A, A, A, N, N, N, N],
  },
  {
    operation: 'boardLinks',
    document: `query($m: ID!) { boardLinks(meetingId: $m) { id } }`,
    variables: (f) => ({ m: f.meeting.meetingId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    // Readable by whoever may read its meeting.
    operation: 'agendaItem',
    document: `query($i: ID!) { agendaItem(id: $i) { id } }`,
    variables: (f) => ({ i: f.meeting.items[0] }),
    expect: [U, A, A, A, A, N, N, N, N],
  },
  { operation: 'governingBodySessions', document: `{ governingBodySessions { id } }`, expect: [U, A, A, A, A, A, A, A, A] },
  { operation: 'notifications', document: `{ notifications { unreadCount } }`, expect: [U, A, A, A, A, A, A, A, A] },
  { operation: 'auditLog', document: `{ auditLog(first: 5) { edges { cursor } } }`, expect: [U, A, A, F, F, F, F, F, F] },
  { operation: 'verifyAuditChain', document: `{ verifyAuditChain { valid } }`, expect: [U, A, A, F, F, F, F, F, F] },
  // Not in the contract; the API's additions for administrators.
  { operation: 'webhooks', document: `{ webhooks { id } }`, expect: [U, A, F, F, F, F, F, F, F] },
  { operation: 'webhookDeadLetters', document: `{ webhookDeadLetters { id } }`, expect: [U, A, F, F, F, F, F, F, F] },
  { operation: 'undeliveredEmails', document: `{ undeliveredEmails { id recipient { id } } }`, expect: [U, A, F, F, F, F, F, F, F] },
  { operation: 'users', document: `{ users(first: 5) { totalCount edges { node { id } } } }`, expect: [U, A, A, F, F, F, F, F, F] },
  {
    operation: 'webhookDeliveries',
    document: `query($w: ID!) { webhookDeliveries(webhookId: $w) { id } }`,
    variables: (f) => ({ w: f.webhookId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
]);

// Columns:                                   anon ADMIN SECR OBS  MOD  MOD2 GOV  EMP  WOR
export const MUTATIONS = rows('mutation', [
  {
    operation: 'login',
    document: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
    variables: () => ({ e: 'observer@test.org', p: TEST_PASSWORD }),
    expect: [A, A, A, A, A, A, A, A, A],
  },
  // Each caller in a session of its own: the one ended is not the one the other rows use.
  { operation: 'logout', document: `mutation { logout }`, ownSession: true, expect: [U, A, A, A, A, A, A, A, A] },
  {
    operation: 'deactivateUser',
    document: `mutation($u: ID!) { deactivateUser(userId: $u, reason: "Left the delegation") { id active } }`,
    variables: (f) => ({ u: f.spareUserId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'setUserRoles',
    document: `mutation($u: ID!) { setUserRoles(userId: $u, roles: [OBSERVER, MODERATOR]) { id roles } }`,
    variables: (f) => ({ u: f.spareUserId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'updateUser',
    document: `mutation($u: ID!) { updateUser(userId: $u, input: { displayName: "Spare person" }) { id } }`,
    variables: (f) => ({ u: f.spareUserId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'reactivateUser',
    document: `mutation($u: ID!) { reactivateUser(userId: $u) { id active } }`,
    variables: (f) => ({ u: f.spareUserId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'updateOrganization',
    document: `mutation($o: ID!) { updateOrganization(organizationId: $o, name: "Spare organization, renamed") { id } }`,
    variables: (f) => ({ o: f.spareOrganizationId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'createOrganization',
    document: `mutation($n: String!) { createOrganization(name: $n, group: WORKERS) { id } }`,
    variables: (_f, c) => ({ n: `Union registered by ${c}` }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'createUser',
    document: `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    variables: (_f, c) => ({
      i: { email: `made-by-${c.toLowerCase()}@test.org`, displayName: 'New observer', password: 'long enough password', roles: ['OBSERVER'] },
    }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'registerWebhook',
    document: `mutation($u: String!) { registerWebhook(url: $u, events: ["*"], secret: "a webhook secret long enough") { id } }`,
    variables: (_f, c) => ({ u: `https://hooks.example.org/${c.toLowerCase()}` }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'replayWebhookDelivery',
    document: `mutation($d: ID!) { replayWebhookDelivery(deadLetterId: $d) }`,
    variables: (f) => ({ d: f.deadLetterId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'setWebhookActive',
    document: `mutation($w: ID!) { setWebhookActive(webhookId: $w, active: true) { id } }`,
    variables: (f) => ({ w: f.webhookId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'deleteWebhook',
    document: `mutation($w: ID!) { deleteWebhook(webhookId: $w) }`,
    variables: (f) => ({ w: f.spareWebhookId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  {
    operation: 'resendEmails',
    document: `mutation($e: ID!) { resendEmails(ids: [$e]) }`,
    variables: (f) => ({ e: f.deadEmailId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  // The caller's own language: the one it has already (EN), so no row changes another's pages or emails.
  { operation: 'setMyLanguage', document: `mutation { setMyLanguage(language: EN) { id language } }`, expect: [U, A, A, A, A, A, A, A, A] },
  {
    operation: 'setOrganizationDefaultLanguage',
    document: `mutation($o: ID!) { setOrganizationDefaultLanguage(organizationId: $o, language: null) { id defaultLanguage } }`,
    variables: (f) => ({ o: f.spareOrganizationId }),
    expect: [U, A, F, F, F, F, F, F, F],
  },
  { operation: 'setEmailPreferences', document: `mutation { setEmailPreferences(disabledKinds: []) { id } }`, expect: [U, A, A, A, A, A, A, A, A] },
  {
    operation: 'createInstrument',
    document: `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Made in the security suite" }) { id } }`,
    variables: (_f, c) => ({ r: `SEC/new/${c}/${process.pid}` }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'saveDraft',
    document: `mutation($v: ID!, $s: [SectionInput!]!) { saveDraft(versionId: $v, sections: $s) { id } }`,
    variables: (f) => ({ v: f.draft.versionId, s: sections }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'importDraftMarkdown',
    document: `mutation($v: ID!) { importDraftMarkdown(versionId: $v, markdown: "## I. Voice\\n\\n1.1 Everyone concerned should be heard.\\n") { id } }`,
    variables: (f) => ({ v: f.draft.versionId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // A guideline of a published version: the secretariat is let through to BAD_USER_INPUT (VERSION_PUBLISHED).
  {
    operation: 'updateDraftGuideline',
    document: `mutation($g: ID!) { updateDraftGuideline(guidelineId: $g, text: "Everyone should be heard.") { id } }`,
    variables: (f) => ({ g: f.consultation.guidelineId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // Version 1 is published already: the secretariat is let through to BAD_USER_INPUT.
  {
    operation: 'publishVersion',
    document: `mutation($v: ID!) { publishVersion(versionId: $v) { id } }`,
    variables: (f) => ({ v: f.consultation.versionId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'createRevision',
    document: `mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`,
    variables: (f) => ({ i: f.consultation.instrumentId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // Into ES (the fixture's versions are written in EN): the secretariat's translations of a published version.
  {
    operation: 'setGuidelineTranslation',
    document: `mutation($g: ID!) { setGuidelineTranslation(guidelineId: $g, language: ES, text: "Traducción del paso de seguridad.") { id } }`,
    variables: (f) => ({ g: f.consultation.guidelineId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'setSectionHeadingTranslation',
    document: `mutation($s: ID!) { setSectionHeadingTranslation(sectionId: $s, language: ES, heading: "Sección") { id } }`,
    variables: (f) => ({ s: f.consultation.sectionId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'setInstrumentTitleTranslation',
    document: `mutation($i: ID!) { setInstrumentTitleTranslation(instrumentId: $i, language: ES, title: "Directrices") { id } }`,
    variables: (f) => ({ i: f.consultation.instrumentId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // A structure that cannot match: the secretariat is let through to BAD_USER_INPUT.
  {
    operation: 'importTranslationMarkdown',
    document: `mutation($v: ID!) { importTranslationMarkdown(versionId: $v, language: FR, markdown: "## IX. Rien\\n\\n9.9 Rien.\\n") { id } }`,
    variables: (f) => ({ v: f.consultation.versionId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'advanceStage',
    document: `mutation($i: ID!) { advanceStage(instrumentId: $i, to: DECIDED) { id } }`,
    variables: (f) => ({ i: f.consultation.instrumentId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'scheduleConsultation',
    document: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`,
    variables: (f) => ({
      in: { instrumentId: f.consultation.instrumentId, versionId: f.consultation.versionId, closesAt: new Date(Date.now() + 7_200_000).toISOString() },
    }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'extendConsultation',
    document: `mutation($r: ID!, $at: DateTime!) { extendConsultation(roundId: $r, closesAt: $at, reason: "More time") { id } }`,
    variables: (f) => ({ r: f.consultation.roundId, at: new Date(Date.now() + 7_200_000 + Math.floor(Math.random() * 60_000)).toISOString() }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'inviteOrganizations',
    document: `mutation($r: ID!, $o: ID!) { inviteOrganizations(roundId: $r, organizationIds: [$o]) { id } }`,
    variables: (f) => ({ r: f.consultation.roundId, o: f.spareOrganizationId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'submitComment',
    document: `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`,
    variables: (f, c) => ({ in: { roundId: f.consultation.roundId, type: 'GENERAL', body: `A further remark by ${c}` } }),
    expect: [U, F, F, F, F, F, A, A, A],
  },
  // The government's comment: under AFTER_CLOSE the other groups cannot even see it while the round is open.
  {
    operation: 'updateComment',
    document: `mutation($id: ID!) { updateComment(id: $id, input: { body: "Reworded remark" }) { id } }`,
    variables: (f) => ({ id: f.consultation.comments.GOVERNMENT }),
    expect: [U, F, F, F, F, F, A, N, N],
  },
  {
    operation: 'withdrawComment',
    document: `mutation($id: ID!) { withdrawComment(id: $id) { id } }`,
    variables: (f) => ({ id: f.consultation.withdrawable }),
    expect: [U, F, F, F, F, F, A, N, N],
  },
  {
    operation: 'setDisposition',
    document: `mutation($id: ID!) { setDisposition(commentId: $id, disposition: NOTED, note: "Taken into account") { id } }`,
    variables: (f) => ({ id: f.consultation.comments.GOVERNMENT }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'setDispositions',
    document: `mutation($r: ID!, $id: ID!) { setDispositions(roundId: $r, items: [{ commentId: $id }], disposition: NOTED, note: "Taken into account") { disposed { id } } }`,
    variables: (f) => ({ r: f.consultation.roundId, id: f.consultation.comments.GOVERNMENT }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'scheduleMeeting',
    document: `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id } }`,
    variables: (f) => ({
      in: {
        instrumentId: f.consultation.instrumentId,
        versionId: f.consultation.versionId,
        title: 'Another meeting',
        startsAt: '2031-03-02T08:00:00Z',
        endsAt: '2031-03-03T17:00:00Z',
      },
    }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // The observer is added as an observer: nothing it could not read before.
  {
    operation: 'addParticipant',
    document: `mutation($m: ID!, $u: ID!) { addParticipant(meetingId: $m, userId: $u, group: GOVERNMENT, role: OBSERVER) { id } }`,
    variables: (f) => ({ m: f.meeting.meetingId, u: f.userIds.OBSERVER }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'assignModerator',
    document: `mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`,
    variables: (f) => ({ m: f.meeting.meetingId, u: f.userIds.MODERATOR }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // On the GB meeting, whose report is adopted: the secretariat is let through to the roster rule's refusal, nothing changes.
  {
    operation: 'updateParticipant',
    document: `mutation($p: ID!) { updateParticipant(participantId: $p, group: GOVERNMENT, role: EXPERT, reason: "A correction") { id } }`,
    variables: (f) => ({ p: f.gb.participantId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'removeParticipant',
    document: `mutation($p: ID!) { removeParticipant(participantId: $p, reason: "Left the delegation") { id } }`,
    variables: (f) => ({ p: f.gb.participantId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'unassignModerator',
    document: `mutation($m: ID!, $u: ID!) { unassignModerator(meetingId: $m, userId: $u) { id } }`,
    variables: (f) => ({ m: f.gb.meetingId, u: f.userIds.OTHER_MODERATOR }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'openMeeting',
    document: `mutation($m: ID!) { openMeeting(meetingId: $m) { id } }`,
    variables: (f) => ({ m: f.meeting.meetingId }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'openAgendaItem',
    document: `mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { id } }`,
    variables: (f) => ({ i: f.meeting.items[0] }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'recordPosition',
    document: `mutation($i: ID!) { recordPosition(agendaItemId: $i, group: GOVERNMENT, position: SUPPORT, statement: "We support it") { id } }`,
    variables: (f) => ({ i: f.meeting.items[0] }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'proposeAmendment',
    document: `mutation($i: ID!) { proposeAmendment(agendaItemId: $i, proposedBy: EMPLOYERS, text: "Other wording.") { id } }`,
    variables: (f) => ({ i: f.meeting.items[0] }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'recordAmendmentPosition',
    document: `mutation($a: ID!) { recordAmendmentPosition(amendmentId: $a, group: GOVERNMENT, position: SUPPORT) { id } }`,
    variables: (f) => ({ a: f.meeting.amendmentId }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  // Without the three groups' consensus on it the amendment stays PROPOSED: TRANSITION_BLOCKED.
  {
    operation: 'decideAmendment',
    document: `mutation($a: ID!) { decideAmendment(amendmentId: $a, status: ACCEPTED) { id } }`,
    variables: (f) => ({ a: f.meeting.amendmentId }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'recordVote',
    document: `mutation($i: ID!, $v: [GroupVoteInput!]!) { recordVote(agendaItemId: $i, votes: $v) { id } }`,
    variables: (f) => ({ i: f.meeting.items[1], v: votes }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'closeAgendaItem',
    document: `mutation($i: ID!) { closeAgendaItem(agendaItemId: $i, status: ADOPTED) { id } }`,
    variables: (f) => ({ i: f.meeting.items[0] }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'closeMeeting',
    document: `mutation($m: ID!) { closeMeeting(meetingId: $m) { id } }`,
    variables: (f) => ({ m: f.meeting.meetingId }),
    expect: [U, F, A, F, A, F, F, F, F],
  },
  {
    operation: 'createBoardLink',
    document: `mutation($m: ID!) { createBoardLink(meetingId: $m, label: "Overflow room") { token } }`,
    variables: (f) => ({ m: f.meeting.meetingId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // Revoking again changes nothing: every allowed call answers the link.
  {
    operation: 'revokeBoardLink',
    document: `mutation($l: ID!) { revokeBoardLink(id: $l) { id } }`,
    variables: (f) => ({ l: f.meeting.boardLinkId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'adoptMeetingReport',
    document: `mutation($m: ID!) { adoptMeetingReport(meetingId: $m) { id } }`,
    variables: (f) => ({ m: f.meeting.meetingId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'createGoverningBodySession',
    document: `mutation { createGoverningBodySession(number: 901, startsAt: "2031-03-16T08:00:00Z", endsAt: "2031-03-26T17:00:00Z") { id } }`,
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // The instrument has its paper already: BAD_USER_INPUT for the secretariat.
  {
    operation: 'prepareSubmission',
    document: `mutation($in: PrepareSubmissionInput!) { prepareSubmission(input: $in) { id } }`,
    variables: (f) => ({
      in: { instrumentId: f.gb.instrumentId, sessionId: f.gb.sessionId, symbol: 'GB.901/SEC', agendaItemTitle: 'Outcome', pointForDecision: 'Approve.' },
    }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'submitToGoverningBody',
    document: `mutation($s: ID!) { submitToGoverningBody(submissionId: $s) { id } }`,
    variables: (f) => ({ s: f.gb.submissionId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  // APPROVED_WITH_AMENDMENTS without its text: BAD_USER_INPUT for the secretariat, nothing decided.
  {
    operation: 'recordGoverningBodyDecision',
    document: `mutation($s: ID!) { recordGoverningBodyDecision(submissionId: $s, decision: APPROVED_WITH_AMENDMENTS) { id } }`,
    variables: (f) => ({ s: f.gb.submissionId }),
    expect: [U, F, A, F, F, F, F, F, F],
  },
  {
    operation: 'markNotificationsRead',
    document: `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
    variables: (f, c) => ({ ids: [f.notifications[c === 'anonymous' ? 'GOVERNMENT' : c]] }),
    expect: [U, A, A, A, A, A, A, A, A],
  },
]);

// Columns:                                     anon ADMIN SECR OBS  MOD  MOD2 GOV  EMP  WOR
export const SUBSCRIPTIONS = rows('subscription', [
  {
    operation: 'tallyUpdated',
    document: `subscription($m: ID!) { tallyUpdated(meetingId: $m) { agendaItemId } }`,
    variables: (f) => ({ m: f.meeting.meetingId }),
    expect: [U, A, A, A, A, N, N, N, N],
    warmUp: (f) => [{ event: 'tallyUpdated', subjectId: f.meeting.meetingId, payload: { meetingId: f.meeting.meetingId, agendaItemId: f.meeting.items[0] } }],
  },
  {
    operation: 'stageChanged',
    variant: 'published',
    document: `subscription($i: ID!) { stageChanged(instrumentId: $i) { to } }`,
    variables: (f) => ({ i: f.consultation.instrumentId }),
    expect: [U, A, A, A, A, A, A, A, A],
    warmUp: (f) => [
      {
        event: 'stageChanged',
        subjectId: f.consultation.instrumentId,
        payload: { instrumentId: f.consultation.instrumentId, transitionId: f.consultation.transitionId },
      },
    ],
  },
  {
    operation: 'stageChanged',
    variant: 'unpublished draft',
    document: `subscription($i: ID!) { stageChanged(instrumentId: $i) { to } }`,
    variables: (f) => ({ i: f.draft.instrumentId }),
    expect: [U, A, A, N, N, N, N, N, N],
    // The draft has moved nowhere yet: another instrument's move, published on its channel, stands in.
    warmUp: (f) => [
      { event: 'stageChanged', subjectId: f.draft.instrumentId, payload: { instrumentId: f.draft.instrumentId, transitionId: f.consultation.transitionId } },
    ],
  },
  // A closed AFTER_CLOSE round: its comments are everyone's to read now.
  {
    operation: 'commentSubmitted',
    document: `subscription($r: ID!) { commentSubmitted(roundId: $r) { id } }`,
    variables: (f) => ({ r: f.meeting.closedRoundId }),
    expect: [U, A, A, A, A, A, A, A, A],
    warmUp: (f) => [
      { event: 'commentSubmitted', subjectId: f.meeting.closedRoundId, payload: { roundId: f.meeting.closedRoundId, commentId: f.meeting.closedCommentId } },
    ],
  },
  {
    operation: 'notificationAdded',
    document: `subscription { notificationAdded { id } }`,
    expect: [U, A, A, A, A, A, A, A, A],
    warmUp: (f) =>
      CALLERS.filter((c): c is Exclude<Caller, 'anonymous'> => c !== 'anonymous').map((c) => ({
        event: 'notificationAdded' as const,
        subjectId: f.userIds[c]!,
        payload: { userId: f.userIds[c]!, notificationId: f.notifications[c] },
      })),
  },
]);

export const MATRIX: MatrixRow[] = [...QUERIES, ...MUTATIONS, ...SUBSCRIPTIONS];

export const rowName = (row: MatrixRow) => (row.variant ? `${row.operation} (${row.variant})` : row.operation);
