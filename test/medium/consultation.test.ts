import type { Actor } from '@tripartite/common';
import { AuditModule } from '@tripartite/audit';
import { CommentQueryService, CommentService, ConsultationModule, RoundService } from '@tripartite/consultation';
import { DraftingService } from '@tripartite/drafting';
import { EventBus } from '@tripartite/events';
import { WorkflowService } from '@tripartite/workflow';
import { Medium, startMedium } from '../support';

const MARKDOWN = `# Guidelines under consultation

## I. Voice

1.1 Everyone concerned should be heard before a rule is adopted.

1.2 Deadlines are announced in advance and kept.
`;

interface AuditRow {
  action: string;
  entity_type: string;
  actor_id: string | null;
  data: Record<string, unknown>;
}

// Consultation's services on the real database, without HTTP: one event per write, audited with its effects in the write's transaction.
describe('consultation services (medium)', () => {
  let medium: Medium;
  let rounds: RoundService;
  let comments: CommentService;
  let query: CommentQueryService;
  let secretariat: Actor;
  let employer: Actor;
  let worker: Actor;
  let outsider: Actor;
  let instrumentId: string;
  let versionId: string;
  let guidelineId: string;
  let roundId: string;
  let failNext = false;
  const committed: string[] = [];

  const audit = (entityId: string) =>
    medium.db.query<AuditRow>(`SELECT action, entity_type, actor_id, data FROM audit_event WHERE entity_id = $1 ORDER BY at, id`, [entityId]);
  const notifications = (subjectId: string) =>
    medium.db.query<{ kind: string; instrument_id: string | null; data: Record<string, unknown> }>(
      `SELECT kind, instrument_id, data FROM notification_event WHERE subject_id = $1 ORDER BY occurred_at`,
      [subjectId],
    );
  const constituent = async (name: string, group: string, email: string): Promise<Actor> => {
    const [org] = await medium.db.query<{ id: string }>(`INSERT INTO organization (name, "group") VALUES ($1, $2) RETURNING id`, [name, group]);
    const [user] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles, organization_id) VALUES ($1, $2, 'x', '{CONSTITUENT}', $3) RETURNING id`,
      [email, name, org.id],
    );
    return { userId: user.id, roles: ['CONSTITUENT'], organizationId: org.id, group: group as Actor['group'] };
  };

  beforeAll(async () => {
    // The module brings what it uses (drafting, workflow, notifications, ...); the audit is the app's, composed here.
    medium = await startMedium([AuditModule, ConsultationModule]);
    rounds = medium.get(RoundService);
    comments = medium.get(CommentService);
    query = medium.get(CommentQueryService);
    const [user] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('sec@test.org', 'Sec', 'x', '{SECRETARIAT}') RETURNING id`,
    );
    secretariat = { userId: user.id, roles: ['SECRETARIAT'], organizationId: null, group: null };
    employer = await constituent('Employers of Medium', 'EMPLOYERS', 'emp@test.org');
    worker = await constituent('Workers of Medium', 'WORKERS', 'wrk@test.org');
    outsider = await constituent('Workers not invited', 'WORKERS', 'out@test.org');

    const drafting = medium.get(DraftingService);
    const instrument = await drafting.createInstrument(secretariat, { reference: 'ILO/MED/C1', title: 'Consulted', summary: null });
    instrumentId = instrument.id;
    const [draft] = await medium.db.query<{ id: string }>(`SELECT id FROM draft_version WHERE instrument_id = $1`, [instrumentId]);
    versionId = draft.id;
    await drafting.importMarkdown(secretariat, versionId, MARKDOWN);
    await drafting.publish(secretariat, versionId, 'for consultation');
    [{ id: guidelineId }] = await medium.db.query<{ id: string }>(`SELECT id FROM guideline WHERE version_id = $1 ORDER BY position LIMIT 1`, [versionId]);

    const bus = medium.get(EventBus);
    // A subscriber of the test's own: one that fails inside the transaction, and one that hears commits.
    bus.onWrite(['comment.submitted'], 'react', 'test', () => {
      if (failNext) throw new Error('subscriber failed');
    });
    bus.afterCommit(['comment.submitted'], 'live', 'test', (e) => void committed.push(e.entityId));
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('schedules a round, inviting the listed organizations, with its one audit event and its notification in the same transaction', async () => {
    const round = await rounds.schedule(secretariat, {
      instrumentId,
      versionId,
      closesAt: new Date(Date.now() + 3_600_000),
      groups: ['EMPLOYERS', 'WORKERS'],
      organizationIds: [employer.organizationId!, worker.organizationId!],
      visibility: 'AFTER_CLOSE',
    });
    roundId = round.id;
    expect(round).toMatchObject({ instrumentId, versionId, number: 1, status: 'SCHEDULED', groups: ['EMPLOYERS', 'WORKERS'], acceptLate: false });
    const invited = await medium.db.query<{ organization_id: string }>(`SELECT organization_id FROM round_invitation WHERE round_id = $1`, [round.id]);
    expect(invited.map((i) => i.organization_id).sort()).toEqual([employer.organizationId, worker.organizationId].sort());
    expect(await audit(round.id)).toEqual([
      {
        action: 'round.scheduled',
        entity_type: 'ConsultationRound',
        actor_id: secretariat.userId,
        data: {
          instrumentId,
          number: 1,
          versionId,
          closesAt: round.closesAt.toISOString(),
          groups: ['EMPLOYERS', 'WORKERS'],
          visibility: 'AFTER_CLOSE',
          acceptLate: false,
          invited: 2,
        },
      },
    ]);
    expect(await notifications(round.id)).toEqual([{ kind: 'consultation.scheduled', instrument_id: instrumentId, data: { roundId: round.id } }]);
  });

  it('refuses a second round while one is scheduled, writing nothing', async () => {
    const before = await medium.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    await expect(rounds.schedule(secretariat, { instrumentId, versionId, closesAt: new Date(Date.now() + 7_200_000) })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await medium.db.query(`SELECT count(*)::int AS n FROM consultation_round WHERE instrument_id = $1`, [instrumentId])).toEqual([{ n: 1 }]);
    expect(await medium.db.query(`SELECT count(*)::int AS n FROM audit_event`)).toEqual(before);
  });

  it('opens the round with the stage move: its event schedules the close job and the reminders, and tells the invited', async () => {
    await medium.get(WorkflowService).advance(secretariat, instrumentId, 'CONSULTATION');
    const [round] = await medium.db.query<{ status: string; closes_at: Date }>(`SELECT status, closes_at FROM consultation_round WHERE id = $1`, [roundId]);
    expect(round.status).toBe('OPEN');
    expect((await audit(roundId)).map((a) => a.action)).toEqual(['round.scheduled', 'round.opened']);
    const jobs = await medium.db.query<{ name: string; payload: { roundId: string; closesAt: string } }>(
      `SELECT name, payload FROM outbox WHERE queue = 'deadlines' AND payload->>'roundId' = $1`,
      [roundId],
    );
    expect(jobs.filter((j) => j.name === 'round.close')).toEqual([{ name: 'round.close', payload: { roundId, closesAt: round.closes_at.toISOString() } }]);
    expect(jobs.every((j) => j.name === 'round.close' || j.name === 'round.reminder')).toBe(true);
    expect((await notifications(roundId)).map((n) => n.kind)).toEqual(['consultation.scheduled', 'consultation.opened']);
  });

  it('submits a comment with its one audit event, and tells after-commit subscribers', async () => {
    const comment = await comments.submit(employer, { roundId, guidelineId, type: 'TECHNICAL', body: 'Hear us first.', idempotencyKey: 'med-1' });
    expect(comment).toMatchObject({ roundId, guidelineId, organizationId: employer.organizationId, group: 'EMPLOYERS', late: false, revision: 1 });
    expect(comment).not.toHaveProperty('idempotencyKey');
    expect(await audit(comment.id)).toEqual([
      {
        action: 'comment.submitted',
        entity_type: 'Comment',
        actor_id: employer.userId,
        data: { roundId, guidelineId, organizationId: employer.organizationId, group: 'EMPLOYERS', type: 'TECHNICAL', late: false },
      },
    ]);
    expect(committed).toEqual([comment.id]);
    // The same key again: the first comment back, nothing written.
    expect((await comments.submit(employer, { roundId, type: 'GENERAL', body: 'Again', idempotencyKey: 'med-1' })).id).toBe(comment.id);
    expect(await audit(comment.id)).toHaveLength(1);
  });

  it('leaves nothing behind when the organization is not invited, or when a subscriber fails inside the transaction', async () => {
    await expect(comments.submit(outsider, { roundId, type: 'GENERAL', body: 'Let us in' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    failNext = true;
    try {
      await expect(comments.submit(worker, { roundId, type: 'GENERAL', body: 'Rolled back' })).rejects.toThrow('subscriber failed');
    } finally {
      failNext = false;
    }
    expect(await medium.db.query(`SELECT 1 FROM comment WHERE body IN ('Let us in', 'Rolled back')`)).toEqual([]);
    expect(
      await medium.db.query(`SELECT 1 FROM audit_event WHERE action = 'comment.submitted' AND actor_id = ANY($1::uuid[])`, [[outsider.userId, worker.userId]]),
    ).toEqual([]);
    expect(committed).toHaveLength(1);
  });

  it('reads through the visibility rule: an AFTER_CLOSE round shows an organization its own comments only, the page with what it names', async () => {
    await comments.submit(worker, { roundId, type: 'GENERAL', body: 'Workers speak.' });
    const asWorker = await query.page(worker, { roundId }, 10);
    expect(asWorker.edges.map((e) => e.node.body)).toEqual(['Workers speak.']);
    expect(asWorker.related.organizations.map((o) => o.name)).toEqual(['Workers of Medium']);
    expect(asWorker.related.guidelines).toEqual([]);
    expect(await query.count(worker, { roundId })).toBe(1);

    const asSecretariat = await query.page(secretariat, { roundId }, 1);
    expect(asSecretariat.hasNextPage).toBe(true);
    expect(asSecretariat.edges.map((e) => e.node.body)).toEqual(['Hear us first.']);
    // Only what the page shows: the employer, its author without the password hash, and the guideline.
    expect(asSecretariat.related.organizations).toEqual([
      expect.objectContaining({ id: employer.organizationId, name: 'Employers of Medium', group: 'EMPLOYERS' }),
    ]);
    expect(asSecretariat.related.authors).toEqual([expect.objectContaining({ id: employer.userId, email: 'emp@test.org', roles: ['CONSTITUENT'] })]);
    expect(asSecretariat.related.authors[0]).not.toHaveProperty('passwordHash');
    expect(asSecretariat.related.guidelines).toEqual([expect.objectContaining({ id: guidelineId, versionId, key: '1.1' })]);
    const next = await query.page(secretariat, { roundId }, 10, asSecretariat.edges[0].cursor);
    expect(next.edges.map((e) => e.node.body)).toEqual(['Workers speak.']);

    const pending = await rounds.pendingOrganizations(secretariat, roundId);
    expect(pending).toEqual([]);
  });

  it('extends the deadline: the extension is audited, the new deadline gets its jobs, the invited are told', async () => {
    const closesAt = new Date(Date.now() + 7_200_000);
    const round = await rounds.extend(secretariat, roundId, closesAt, 'More time');
    expect(round.closesAt.toISOString()).toBe(closesAt.toISOString());
    const [last] = (await audit(roundId)).slice(-1);
    expect(last).toMatchObject({ action: 'round.extended', data: { to: closesAt.toISOString(), reason: 'More time' } });
    expect(
      await medium.db.query(`SELECT 1 FROM outbox WHERE name = 'round.close' AND payload->>'roundId' = $1 AND payload->>'closesAt' = $2`, [
        roundId,
        closesAt.toISOString(),
      ]),
    ).toHaveLength(1);
    const [told] = (await notifications(roundId)).slice(-1);
    expect(told).toMatchObject({ kind: 'consultation.extended', instrument_id: instrumentId, data: { roundId, toAt: closesAt.toISOString() } });
  });

  it('records a disposition with its one audit event and tells the organization, and keeps the history', async () => {
    const [{ id }] = await medium.db.query<{ id: string }>(`SELECT id FROM comment WHERE body = 'Hear us first.'`);
    const disposed = await comments.setDisposition(secretariat, id, 'ACCEPTED', 'Agreed', 0);
    expect(disposed).toMatchObject({ disposition: 'ACCEPTED', dispositionNote: 'Agreed', dispositionRevision: 1 });
    expect((await audit(id)).slice(-1)).toEqual([
      {
        action: 'comment.disposed',
        entity_type: 'Comment',
        actor_id: secretariat.userId,
        data: { disposition: 'ACCEPTED', note: 'Agreed', previous: null },
      },
    ]);
    expect(await notifications(id)).toEqual([{ kind: 'comment.disposed', instrument_id: instrumentId, data: { roundId, commentId: id } }]);
    const history = (await query.dispositionHistoryByCommentIds(secretariat, [id])).get(id)!;
    expect(history).toEqual([expect.objectContaining({ commentId: id, disposition: 'ACCEPTED', note: 'Agreed', recordedById: secretariat.userId })]);
    // A stale revision: CONFLICT, and nothing more recorded.
    await expect(comments.setDisposition(secretariat, id, 'NOTED', null, 0)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await medium.db.query(`SELECT count(*)::int AS n FROM disposition_record WHERE comment_id = $1`, [id])).toEqual([{ n: 1 }]);
  });
});
