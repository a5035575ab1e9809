import type { Actor } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import { DAY_MS } from '@tripartite/domain';
import { DraftingService } from '@tripartite/drafting';
import { GbSessionService, GoverningBodyModule, SubmissionReadService, SubmissionService } from '@tripartite/governing-body';
import { WorkflowHooks } from '@tripartite/workflow';
import { Medium, startMedium } from '../support';

// The Governing Body's services on the real database, without HTTP: one event per write, audited with its
// effects in the write's transaction; a refused write leaves nothing; the paper read from the owners' read models.
describe('governing-body services (medium)', () => {
  let medium: Medium;
  let sessions: GbSessionService;
  let submissions: SubmissionService;
  let secretariat: Actor;
  let number = 400;

  const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
  const counts = async () =>
    (
      await medium.db.query<{ audit: number; outbox: number; submissions: number }>(
        `SELECT (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM outbox) AS outbox,
                (SELECT count(*)::int FROM gb_submission) AS submissions`,
      )
    )[0];

  /** An instrument in GB_SUBMISSION whose experts' meeting adopted its report: its two guidelines adopted, one as amended. */
  async function atGbSubmission(reference: string): Promise<{ instrumentId: string; meetingId: string }> {
    const drafting = medium.get(DraftingService);
    const instrument = await drafting.createInstrument(secretariat, { reference, title: 'Guidelines on *medium* tests', summary: 'To test the tier.' });
    const [{ id: versionId }] = await medium.db.query<{ id: string }>(`SELECT id FROM draft_version WHERE instrument_id = $1`, [instrument.id]);
    await drafting.importMarkdown(secretariat, versionId, '# Guidelines\n\n## 1. General\n\n1.1 First guideline.\n\n1.2 Second guideline.\n');
    await drafting.publish(secretariat, versionId);
    // What the consultation and the meeting would have left, written directly: this suite is about the Governing Body.
    await medium.db.query(`UPDATE instrument SET stage = 'GB_SUBMISSION' WHERE id = $1`, [instrument.id]);
    const [{ id: meetingId }] = await medium.db.query<{ id: string }>(
      `INSERT INTO experts_meeting (instrument_id, version_id, title, venue, starts_at, ends_at, status, closed_at, report_adopted_at)
       VALUES ($1, $2, 'Experts on tests', 'Geneva', '2027-03-01T09:00Z', '2027-03-03T17:00Z', 'REPORT_ADOPTED', now(), now()) RETURNING id`,
      [instrument.id, versionId],
    );
    await medium.db.query(
      `INSERT INTO agenda_item (meeting_id, guideline_id, position, status, final_text, closed_at)
       SELECT $1, g.id, g.position, CASE g.position WHEN 1 THEN 'ADOPTED' ELSE 'ADOPTED_AS_AMENDED' END,
              CASE g.position WHEN 1 THEN g.text ELSE 'Amended second guideline.' END, now()
         FROM guideline g WHERE g.version_id = $2`,
      [meetingId, versionId],
    );
    return { instrumentId: instrument.id, meetingId };
  }

  beforeAll(async () => {
    medium = await startMedium([GoverningBodyModule]);
    sessions = medium.get(GbSessionService);
    submissions = medium.get(SubmissionService);
    const [user] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('gb-sec@test.org', 'Sec', 'x', '{SECRETARIAT}') RETURNING id`,
    );
    secretariat = { userId: user.id, roles: ['SECRETARIAT'], organizationId: null, group: null };
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('creates a session, its one audit row and its document-deadline reminder in the same transaction', async () => {
    const documentDeadline = inDays(30);
    const session = await sessions.create(secretariat, { number: ++number, startsAt: inDays(45), endsAt: inDays(49), documentDeadline });
    const audit = await medium.db.query<{ action: string; entity_type: string; txid: string; data: Record<string, unknown> }>(
      `SELECT action, entity_type, txid::text, data FROM audit_event WHERE entity_id = $1`,
      [session.id],
    );
    expect(audit).toEqual([
      {
        action: 'gbSession.created',
        entity_type: 'GoverningBodySession',
        txid: expect.any(String),
        data: { number, startsAt: expect.any(String), endsAt: expect.any(String), documentDeadline: documentDeadline.toISOString() },
      },
    ]);
    const jobs = await medium.db.query<{ name: string; run_at: Date; payload: Record<string, unknown> }>(
      `SELECT name, run_at, payload FROM outbox WHERE payload->>'sessionId' = $1`,
      [session.id],
    );
    // GB_REMINDER_OFFSET (7 days) before the deadline.
    expect(jobs).toEqual([
      {
        name: 'gb.deadline-reminder',
        run_at: new Date(documentDeadline.getTime() - 7 * DAY_MS),
        payload: { sessionId: session.id, documentDeadline: documentDeadline.toISOString() },
      },
    ]);
  });

  it('schedules no reminder whose time has passed at creation', async () => {
    const session = await sessions.create(secretariat, { number: ++number, startsAt: inDays(10), endsAt: inDays(12), documentDeadline: inDays(3) });
    expect(await medium.db.query(`SELECT 1 FROM audit_event WHERE entity_id = $1`, [session.id])).toHaveLength(1);
    expect(await medium.db.query(`SELECT 1 FROM outbox WHERE payload->>'sessionId' = $1`, [session.id])).toEqual([]);
  });

  it('refuses a number already taken with the field named, writing nothing', async () => {
    const before = await counts();
    await expect(sessions.create(secretariat, { number, startsAt: inDays(60), endsAt: inDays(61) })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'number: is already the number of another session',
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a paper for an instrument not in GB_SUBMISSION, writing nothing', async () => {
    const { instrumentId } = await atGbSubmission('ILO/GB/MED/1');
    await medium.db.query(`UPDATE instrument SET stage = 'EXPERTS_MEETING' WHERE id = $1`, [instrumentId]);
    const session = await sessions.create(secretariat, { number: ++number, startsAt: inDays(60), endsAt: inDays(62) });
    const before = await counts();
    const input = { instrumentId, sessionId: session.id, symbol: 'GB.400/1', agendaItemTitle: 'Outcome', pointForDecision: 'Approve.' };
    await expect(submissions.prepare(secretariat, input)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^instrumentId: is in EXPERTS_MEETING/),
    });
    expect(await counts()).toEqual(before);
  });

  it('prepares a paper (one audit row), renders the draft from what drafting and meetings hold, and stage moves see it as current', async () => {
    const { instrumentId, meetingId } = await atGbSubmission('ILO/GB/MED/2');
    const session = await sessions.create(secretariat, { number: ++number, startsAt: inDays(60), endsAt: inDays(62) });
    const input = { instrumentId, sessionId: session.id, symbol: 'GB.400/2', agendaItemTitle: 'Outcome of the meeting', pointForDecision: 'Approve it.' };
    const submission = await submissions.prepare(secretariat, input);
    expect(submission).toMatchObject({ instrumentId, sessionId: session.id, meetingId, status: 'DRAFT', late: false, decision: null });
    const audit = await medium.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1`, [submission.id]);
    expect(audit).toEqual([{ action: 'gbSubmission.prepared' }]);

    const markdown = await medium.get(SubmissionReadService).document(submission, 'MARKDOWN');
    expect(markdown).toContain('*Guidelines on \\*medium\\* tests* (ILO/GB/MED/2)');
    expect(markdown).toContain('The purpose of the instrument: To test the tier.');
    expect(markdown).toContain('No consultation round was held.');
    expect(markdown).toContain('it adopted 1, adopted 1 as amended (1.2), did not adopt 0 and deferred 0.');
    expect(markdown).toContain('**1.2** *(As amended.)* Amended second guideline.');

    // The workflow's guards read the decision of the instrument's current submission (none while it is a DRAFT).
    const hooks = medium.get(WorkflowHooks);
    const gbDecision = () => medium.get(Transactions).run(async (tx) => (await hooks.snapshot(tx, instrumentId, new Date())).gbDecision);
    expect(await gbDecision()).toBeNull();

    await submissions.submit(secretariat, submission.id);
    const decided = await submissions.decide(secretariat, submission.id, 'APPROVED');
    expect(decided).toMatchObject({ status: 'DECIDED', decision: 'APPROVED' });
    expect(await gbDecision()).toBe('APPROVED');
    // The decision and the stage move it implies: one transaction, the decision's event first; its notification and checkpoint request with them.
    const events = await medium.db.query<{ action: string; txid: string }>(
      `SELECT action, txid::text FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY at, id`,
      [submission.id, instrumentId],
    );
    const [decision, moved] = events.slice(-2);
    expect([decision.action, moved.action]).toEqual(['gbSubmission.decided', 'stage.changed']);
    expect(moved.txid).toBe(decision.txid);
    expect(await medium.db.query(`SELECT stage FROM instrument WHERE id = $1`, [instrumentId])).toEqual([{ stage: 'DECIDED' }]);
    expect(await medium.db.query(`SELECT data FROM notification_event WHERE kind = 'gb.decided' AND subject_id = $1`, [submission.id])).toEqual([
      { data: { decision: 'APPROVED', submissionId: submission.id, symbol: 'GB.400/2' } },
    ]);
    expect(await medium.db.query(`SELECT payload->>'afterTxid' AS txid FROM outbox WHERE name = 'audit.checkpoint'`)).toEqual([{ txid: decision.txid }]);
  });
});
