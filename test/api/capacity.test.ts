// The hard maxima of libs/domain/src/capacity.ts: the api prices queries by them (apps/api/src/graphql/list-bounds.ts),
// so a write past one is refused with BAD_USER_INPUT naming what is full, and writes nothing. Each case fills the
// collection to its cap in SQL (as years of use would), then asks the api for one more.
import { CAPACITY } from '@tripartite/domain';
import { GqlResponse } from '@tripartite/testing';
import { GROUPS, MeetingWorld, Q, draftMarkdown, fieldsOf } from '../meetings/meeting-fixtures';

const audited = async (w: MeetingWorld) => Number((await w.api.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event`))[0].n);

/** The refusal of a write at a cap: BAD_USER_INPUT on `field`, its message naming the cap, nothing audited. */
async function refusedAtCap(w: MeetingWorld, field: string, limit: number, write: () => Promise<GqlResponse>): Promise<void> {
  const before = await audited(w);
  const res = await write();
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(fieldsOf(res)).toContain(field);
  expect(JSON.stringify(res.errors)).toContain(`at most ${limit}`);
  expect(await audited(w)).toBe(before);
}

describe('the caps of what users build', () => {
  let w: MeetingWorld;
  beforeAll(async () => (w = await MeetingWorld.start()));
  afterAll(() => w.stop());

  it(`refuses a draft of more than ${CAPACITY.guidelinesPerVersion} guidelines or ${CAPACITY.sectionsPerVersion} sections, by import and by edit`, async () => {
    const created = (await w.staff(Q.create, { r: `CAP/${process.pid}/draft` })).createInstrument;
    const v = created.versions[0].id;
    const tooMany = draftMarkdown(CAPACITY.guidelinesPerVersion + 1);
    await refusedAtCap(w, 'markdown', CAPACITY.guidelinesPerVersion, () => w.gql(Q.import, { v, md: tooMany }, w.tokens.secretariat));
    const sections = (n: number, per: number) =>
      Array.from({ length: n }, (_, s) => ({
        number: String(s + 1),
        heading: `Section ${s + 1}`,
        guidelines: Array.from({ length: per }, (_, g) => ({ number: `${s + 1}.${g + 1}`, text: 'A rule.' })),
      }));
    const save = `mutation($v: ID!, $s: [SectionInput!]!) { saveDraft(versionId: $v, sections: $s) { id } }`;
    await refusedAtCap(w, 'sections', CAPACITY.sectionsPerVersion, () =>
      w.gql(save, { v, s: sections(CAPACITY.sectionsPerVersion + 1, 1) }, w.tokens.secretariat),
    );
    await refusedAtCap(w, 'sections', CAPACITY.guidelinesPerVersion, () =>
      w.gql(save, { v, s: sections(2, CAPACITY.guidelinesPerVersion / 2 + 1) }, w.tokens.secretariat),
    );
    expect(await w.api.db.query(`SELECT 1 FROM guideline WHERE version_id = $1`, [v])).toEqual([]);
    // Exactly at the caps it is an ordinary draft.
    expect((await w.gql(save, { v, s: sections(2, CAPACITY.guidelinesPerVersion / 2) }, w.tokens.secretariat)).errors).toBeUndefined();
  });

  it(`refuses a version past ${CAPACITY.versionsPerInstrument} and a round past ${CAPACITY.roundsPerInstrument} per instrument`, async () => {
    const p = await w.consolidating(1);
    // Published versions 2..50 and rounds 2..20, as the instrument's history would hold them.
    await w.api.db.query(
      `INSERT INTO draft_version (instrument_id, number, status, published_at) SELECT $1, n, 'PUBLISHED', now() FROM generate_series(2, $2) n`,
      [p.instrumentId, CAPACITY.versionsPerInstrument],
    );
    await refusedAtCap(w, 'instrumentId', CAPACITY.versionsPerInstrument, () =>
      w.gql(`mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`, { i: p.instrumentId }, w.tokens.secretariat),
    );
    await w.api.db.query(
      `INSERT INTO consultation_round (instrument_id, number, version_id, status, opens_at, closes_at, closed_at, groups)
       SELECT $1, n, $2, 'CLOSED', now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', ARRAY['WORKERS'] FROM generate_series(2, $3) n`,
      [p.instrumentId, p.versionId, CAPACITY.roundsPerInstrument],
    );
    await refusedAtCap(w, 'instrumentId', CAPACITY.roundsPerInstrument, () =>
      w.gql(
        Q.consult,
        { in: { instrumentId: p.instrumentId, versionId: p.versionId, closesAt: new Date(Date.now() + 3600_000).toISOString() } },
        w.tokens.secretariat,
      ),
    );
  });

  it(`refuses a deadline extension past ${CAPACITY.extensionsPerRound}`, async () => {
    const created = (await w.staff(Q.create, { r: `CAP/${process.pid}/ext` })).createInstrument;
    const versionId = created.versions[0].id;
    await w.staff(Q.import, { v: versionId, md: draftMarkdown(1) });
    await w.staff(Q.publish, { v: versionId });
    const round = (await w.staff(Q.consult, { in: { instrumentId: created.id, versionId, closesAt: new Date(Date.now() + 3600_000).toISOString() } }))
      .scheduleConsultation;
    await w.api.db.query(
      `INSERT INTO deadline_extension (round_id, from_at, to_at, reason) SELECT $1, now(), now() + interval '1 hour', 'earlier' FROM generate_series(1, $2)`,
      [round.id, CAPACITY.extensionsPerRound],
    );
    await refusedAtCap(w, 'roundId', CAPACITY.extensionsPerRound, () =>
      w.gql(
        `mutation($r: ID!, $c: DateTime!) { extendConsultation(roundId: $r, closesAt: $c, reason: "More time") { id } }`,
        { r: round.id, c: new Date(Date.now() + 7200_000).toISOString() },
        w.tokens.secretariat,
      ),
    );
  });

  it(`refuses an organization past ${CAPACITY.organizations}, a participant past ${CAPACITY.participantsPerMeeting} and a moderator past ${CAPACITY.moderatorsPerMeeting}`, async () => {
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organization`);
    await w.api.db.query(`INSERT INTO organization (name, "group") SELECT 'Filler union ' || k, 'WORKERS' FROM generate_series(1, $1) k`, [
      CAPACITY.organizations - n,
    ]);
    await refusedAtCap(w, 'name', CAPACITY.organizations, () =>
      w.gql(`mutation { createOrganization(name: "One too many", group: WORKERS) { id } }`, {}, w.tokens.admin),
    );

    const p = await w.consolidating(1);
    const meeting = await w.schedule(p);
    const users = (role: string, count: number) =>
      w.api.db.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, password_hash, roles) SELECT $1 || k || '@cap.test', 'Filler ' || k, 'x', ARRAY[$2] FROM generate_series(1, $3) k RETURNING id`,
        [`${role.toLowerCase()}-${meeting.id.slice(0, 8)}-`, role, count + 1],
      );
    const observers = await users('OBSERVER', CAPACITY.participantsPerMeeting);
    await w.api.db.query(`INSERT INTO meeting_participant (meeting_id, user_id, "group", role) SELECT $1, unnest($2::uuid[]), 'GOVERNMENT', 'OBSERVER'`, [
      meeting.id,
      observers.slice(0, CAPACITY.participantsPerMeeting).map((u) => u.id),
    ]);
    await refusedAtCap(w, 'meetingId', CAPACITY.participantsPerMeeting, () => w.addParticipant(meeting.id, observers.at(-1)!.id, GROUPS[0], 'OBSERVER'));
    const moderators = await users('MODERATOR', CAPACITY.moderatorsPerMeeting);
    await w.api.db.query(`INSERT INTO meeting_moderator (meeting_id, user_id) SELECT $1, unnest($2::uuid[])`, [
      meeting.id,
      moderators.slice(0, CAPACITY.moderatorsPerMeeting).map((u) => u.id),
    ]);
    await refusedAtCap(w, 'meetingId', CAPACITY.moderatorsPerMeeting, () =>
      w.gql(Q.assignModerator, { m: meeting.id, u: moderators.at(-1)!.id }, w.tokens.secretariat),
    );
  });

  it(`refuses a disposition past ${CAPACITY.dispositionRecordsPerComment} on one comment`, async () => {
    const p = await w.consolidating(1);
    const [round] = await w.api.db.query<{ id: string }>(`SELECT id FROM consultation_round WHERE instrument_id = $1`, [p.instrumentId]);
    const author = w.people.constituents.WORKERS[0];
    const [comment] = await w.api.db.query<{ id: string }>(
      `INSERT INTO comment (round_id, organization_id, "group", author_id, type, body) VALUES ($1, $2, 'WORKERS', $3, 'GENERAL', 'A remark') RETURNING id`,
      [round.id, author.organizationId, author.id],
    );
    await w.api.db.query(
      `INSERT INTO disposition_record (comment_id, disposition, note, recorded_by, recorded_at) SELECT $1, 'NOTED', 'earlier', $3, now() FROM generate_series(1, $2)`,
      [comment.id, CAPACITY.dispositionRecordsPerComment, w.people.secretariat.id],
    );
    await refusedAtCap(w, 'commentId', CAPACITY.dispositionRecordsPerComment, () =>
      w.gql(`mutation($c: ID!) { setDisposition(commentId: $c, disposition: ACCEPTED) { id } }`, { c: comment.id }, w.tokens.secretariat),
    );
  });

  it(`refuses a translation past ${CAPACITY.translationRecordsPerText} of one guideline into one language, by mutation and by import`, async () => {
    const p = await w.consolidating(1);
    const [g] = await w.api.db.query<{ id: string }>(`SELECT id FROM guideline WHERE version_id = $1 ORDER BY position LIMIT 1`, [p.versionId]);
    await w.api.db.query(
      `INSERT INTO guideline_translation (guideline_id, language, text, source_hash, translated_by) SELECT $1, 'FR', 'avant', repeat('0', 64), $3 FROM generate_series(1, $2)`,
      [g.id, CAPACITY.translationRecordsPerText, w.people.secretariat.id],
    );
    await refusedAtCap(w, 'guidelineId', CAPACITY.translationRecordsPerText, () =>
      w.gql(`mutation($g: ID!) { setGuidelineTranslation(guidelineId: $g, language: FR, text: "Encore.") { id } }`, { g: g.id }, w.tokens.secretariat),
    );
    await refusedAtCap(w, 'versionId', CAPACITY.translationRecordsPerText, () =>
      w.gql(
        `mutation($v: ID!, $md: String!) { importTranslationMarkdown(versionId: $v, language: FR, markdown: $md) { id } }`,
        { v: p.versionId, md: draftMarkdown(1).replace('Guideline text', 'Texte de la ligne directrice') },
        w.tokens.secretariat,
      ),
    );
    // The cap is per language: Spanish is still open.
    const es = await w.gql(
      `mutation($g: ID!) { setGuidelineTranslation(guidelineId: $g, language: ES, text: "Otra.") { id } }`,
      { g: g.id },
      w.tokens.secretariat,
    );
    expect(es.errors).toBeUndefined();
  });

  it("refuses an amendment, a position and a vote past the caps of an agenda item, and an amendment past its meeting's", async () => {
    // Items enough that the meeting's cap is reached before any one item's.
    const s = await w.session({ guidelines: Math.ceil(CAPACITY.amendmentsPerMeeting / (CAPACITY.amendmentsPerItem - 2)) + 2 });
    const [item, ...others] = s.items;
    const other = others.at(-1)!;
    await w.discussed(item);
    const by = w.people.moderator.id;
    await w.api.db.query(
      `INSERT INTO amendment (agenda_item_id, proposed_by, text, status, created_by, decided_at) SELECT $1, 'WORKERS', 'Amendment ' || k, 'WITHDRAWN', $3, now() FROM generate_series(1, $2) k`,
      [item, CAPACITY.amendmentsPerItem, by],
    );
    await refusedAtCap(w, 'agendaItemId', CAPACITY.amendmentsPerItem, () => w.gql(Q.propose, { i: item, g: 'WORKERS', t: 'One more' }, w.tokens.moderator));
    await w.api.db.query(
      `INSERT INTO position_record (agenda_item_id, "group", position, current, recorded_by) SELECT $1, 'WORKERS', 'SUPPORT', false, $3 FROM generate_series(1, $2)`,
      [item, CAPACITY.positionRecordsPerSubject, by],
    );
    await refusedAtCap(w, 'agendaItemId', CAPACITY.positionRecordsPerSubject, () =>
      w.gql(Q.position, { i: item, g: 'WORKERS', p: 'OPPOSE' }, w.tokens.moderator),
    );
    await w.api.db.query(
      `INSERT INTO item_vote (agenda_item_id, votes, registered, current, recorded_by) SELECT $1, '[]', '{}', false, $3 FROM generate_series(1, $2)`,
      [item, CAPACITY.voteRecordsPerItem, by],
    );
    const votes = GROUPS.map((group) => ({ group, inFavour: 1, against: 0, abstentions: 0 }));
    await refusedAtCap(w, 'agendaItemId', CAPACITY.voteRecordsPerItem, () => w.gql(Q.vote, { i: item, v: votes }, w.tokens.moderator));
    // The meeting's own cap: its other item may take no amendment either once the meeting holds its maximum.
    await w.discussed(other);
    // The other items hold the rest, short of one, none of them full.
    await w.api.db.query(
      `INSERT INTO amendment (agenda_item_id, proposed_by, text, status, created_by, decided_at)
       SELECT ($1::uuid[])[1 + k % cardinality($1::uuid[])], 'WORKERS', 'Filler ' || k, 'WITHDRAWN', $3, now() FROM generate_series(1, $2) k`,
      [others, CAPACITY.amendmentsPerMeeting - CAPACITY.amendmentsPerItem - 1, by],
    );
    expect((await w.gql(Q.propose, { i: other, g: 'WORKERS', t: 'The last one' }, w.tokens.moderator)).errors).toBeUndefined();
    await refusedAtCap(w, 'agendaItemId', CAPACITY.amendmentsPerMeeting, () =>
      w.gql(Q.propose, { i: other, g: 'WORKERS', t: 'Past the meeting cap' }, w.tokens.moderator),
    );
  });

  it(`refuses a webhook past ${CAPACITY.webhooks}`, async () => {
    await w.api.db.query(
      `INSERT INTO webhook (url, events, secret) SELECT 'https://hooks.example.org/' || k, ARRAY['*'], 'a secret of sixteen+' FROM generate_series(1, $1) k`,
      [CAPACITY.webhooks],
    );
    await refusedAtCap(w, 'url', CAPACITY.webhooks, () =>
      w.gql(`mutation { registerWebhook(url: "https://hooks.example.org/more", events: ["*"], secret: "a secret of sixteen+") { id } }`, {}, w.tokens.admin),
    );
  });
});
