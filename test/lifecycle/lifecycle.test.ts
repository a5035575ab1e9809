import { People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';
import { AppProcess, freePort, startProcess, waitFor } from '../ops/processes';

const MARKDOWN = `# Lifecycle\n\n## I. Scope\n\n1.1 The guidelines apply to every sector.\n\n1.2 Governments consult employers and workers.\n\n## II. Review\n\n2.1 The guidelines are reviewed every five years.\n`;

/** One instrument from DRAFTING to DECIDED through two consultation rounds, the GB referring it back once, with the worker running. */
describe('the whole lifecycle', () => {
  let api: TestApi;
  let people: People;
  let worker: AppProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
    worker = startProcess('worker', {
      NODE_ENV: 'test',
      DATABASE_URL: api.db.url,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: api.prefix,
      WORKER_HEALTH_PORT: String(await freePort()),
      RECONCILE_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
    });
    for (const [name, person] of Object.entries({
      secretariat: people.secretariat,
      moderator: people.moderator,
      observer: people.observer,
      gov: people.constituents.GOVERNMENT[0],
      emp: people.constituents.EMPLOYERS[0],
      wrk: people.constituents.WORKERS[0],
    })) {
      tokens[name] = await api.login(person.email);
    }
  });
  afterAll(async () => {
    await worker?.kill();
    await api?.close();
  });

  const as =
    (who: string) =>
    async (query: string, variables: Record<string, unknown> = {}) =>
      ok(await api.gql(query, variables, tokens[who]));
  const sec = as('secretariat');
  const mod = as('moderator');

  async function consult(instrumentId: string, versionId: string, n: number): Promise<void> {
    const [{ now }] = await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    const round = (
      await sec(`mutation($i: ID!, $v: ID!, $c: DateTime!) { scheduleConsultation(input: { instrumentId: $i, versionId: $v, closesAt: $c }) { id } }`, {
        i: instrumentId,
        v: versionId,
        c: new Date(now.getTime() + 2500).toISOString(),
      })
    ).scheduleConsultation;
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: instrumentId });
    for (const who of ['gov', 'emp', 'wrk']) {
      await as(who)(`mutation($r: ID!, $b: String!) { submitComment(input: { roundId: $r, type: GENERAL, body: $b }) { id } }`, {
        r: round.id,
        b: `Round ${n}: comment from ${who}`,
      });
    }
    // The worker closes the round at its deadline.
    await waitFor(
      'the worker to close the round',
      async () => {
        const { round: r } = await sec(`query($r: ID!) { round(id: $r) { status } }`, { r: round.id });
        return r.status === 'CLOSED' ? true : undefined;
      },
      15_000,
    );
    const { comments } = await sec(`query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { id } } } }`, { r: round.id });
    for (const { node } of comments.edges)
      await sec(`mutation($c: ID!) { setDisposition(commentId: $c, disposition: NOTED, note: "Taken into account") { id } }`, { c: node.id });
  }

  async function meet(instrumentId: string, versionId: string): Promise<void> {
    const meeting = (
      await sec(`mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id agenda { id } } }`, {
        in: {
          instrumentId,
          versionId,
          title: 'Experts',
          startsAt: new Date(Date.now() + 3_600_000).toISOString(),
          endsAt: new Date(Date.now() + 7_200_000).toISOString(),
        },
      })
    ).scheduleMeeting;
    await sec(`mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`, { m: meeting.id, u: people.moderator.id });
    for (const [group, person] of [
      ['GOVERNMENT', people.constituents.GOVERNMENT[0]],
      ['EMPLOYERS', people.constituents.EMPLOYERS[0]],
      ['WORKERS', people.constituents.WORKERS[0]],
    ] as const) {
      await sec(`mutation($m: ID!, $u: ID!, $g: ConstituentGroup!) { addParticipant(meetingId: $m, userId: $u, group: $g, role: SPOKESPERSON) { id } }`, {
        m: meeting.id,
        u: person.id,
        g: group,
      });
    }
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: EXPERTS_MEETING) { stage } }`, { i: instrumentId });
    await mod(`mutation($m: ID!) { openMeeting(meetingId: $m) { status } }`, { m: meeting.id });
    for (const item of meeting.agenda) {
      await mod(`mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { status } }`, { i: item.id });
      for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) {
        await mod(`mutation($i: ID!, $g: ConstituentGroup!) { recordPosition(agendaItemId: $i, group: $g, position: SUPPORT) { revision } }`, {
          i: item.id,
          g,
        });
      }
      await mod(`mutation($i: ID!) { closeAgendaItem(agendaItemId: $i, status: ADOPTED) { status } }`, { i: item.id });
    }
    await mod(`mutation($m: ID!) { closeMeeting(meetingId: $m) { status } }`, { m: meeting.id });
    await sec(`mutation($m: ID!) { adoptMeetingReport(meetingId: $m) { status } }`, { m: meeting.id });
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: GB_SUBMISSION) { stage } }`, { i: instrumentId });
  }

  async function governingBody(instrumentId: string, session: number, decision: string): Promise<void> {
    const s = (
      await sec(`mutation($n: Int!, $s: DateTime!, $e: DateTime!) { createGoverningBodySession(number: $n, startsAt: $s, endsAt: $e) { id } }`, {
        n: session,
        s: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        e: new Date(Date.now() + 45 * 86_400_000).toISOString(),
      })
    ).createGoverningBodySession;
    const submission = (
      await sec(`mutation($in: PrepareSubmissionInput!) { prepareSubmission(input: $in) { id } }`, {
        in: {
          instrumentId,
          sessionId: s.id,
          symbol: `GB.${session}/4`,
          agendaItemTitle: 'Lifecycle guidelines',
          pointForDecision: 'The Governing Body decides on the guidelines.',
        },
      })
    ).prepareSubmission;
    await sec(`mutation($s: ID!) { submitToGoverningBody(submissionId: $s) { status } }`, { s: submission.id });
    await sec(`mutation($s: ID!, $d: GbDecision!) { recordGoverningBodyDecision(submissionId: $s, decision: $d, text: "Decided") { status } }`, {
      s: submission.id,
      d: decision,
    });
  }

  it('goes DRAFTING -> ... -> GB referral -> second round -> DECIDED with a valid audit chain and the right notifications', async () => {
    const created = (await sec(`mutation { createInstrument(input: { reference: "LIFE/1", title: "Lifecycle guidelines" }) { id versions { id } } }`))
      .createInstrument;
    const instrumentId = created.id;
    const v1 = created.versions[0].id;
    await sec(`mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`, { v: v1, md: MARKDOWN });
    await sec(`mutation($v: ID!) { publishVersion(versionId: $v) { id } }`, { v: v1 });

    await consult(instrumentId, v1, 1);
    await meet(instrumentId, v1);
    await governingBody(instrumentId, 501, 'REFERRED_BACK');

    const v2 = (await sec(`mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`, { i: instrumentId })).createRevision.id;
    await sec(`mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "After the referral") { id } }`, { v: v2 });
    await consult(instrumentId, v2, 2);
    await meet(instrumentId, v2);
    await governingBody(instrumentId, 502, 'APPROVED');

    const { instrument } = await sec(`query($i: ID!) { instrument(id: $i) { stage rounds { number status } stageHistory { from to actor { id } } } }`, {
      i: instrumentId,
    });
    expect(instrument.stage).toBe('DECIDED');
    expect(instrument.rounds.map((r: any) => [r.number, r.status])).toEqual([
      [1, 'CLOSED'],
      [2, 'CLOSED'],
    ]);
    expect(instrument.stageHistory.map((t: any) => `${t.from}>${t.to}`)).toEqual([
      'DRAFTING>CONSULTATION',
      'CONSULTATION>CONSOLIDATION',
      'CONSOLIDATION>EXPERTS_MEETING',
      'EXPERTS_MEETING>GB_SUBMISSION',
      'GB_SUBMISSION>CONSOLIDATION',
      'CONSOLIDATION>CONSULTATION',
      'CONSULTATION>CONSOLIDATION',
      'CONSOLIDATION>EXPERTS_MEETING',
      'EXPERTS_MEETING>GB_SUBMISSION',
      'GB_SUBMISSION>DECIDED',
    ]);
    // The deadlines moved it as the system; people made every other move.
    const systemMoves = instrument.stageHistory.filter((t: any) => t.actor === null).map((t: any) => `${t.from}>${t.to}`);
    expect(systemMoves).toEqual(['CONSULTATION>CONSOLIDATION', 'CONSULTATION>CONSOLIDATION']);

    expect((await sec(`{ verifyAuditChain { valid firstBrokenSequence } }`)).verifyAuditChain).toEqual({ valid: true, firstBrokenSequence: null });

    // What each kind of user was told (in-app), once the worker has fanned everything out.
    const kinds = async (who: string) => {
      const { notifications } = await as(who)(`{ notifications(first: 200) { edges { node { kind instrument { id } } } } }`);
      return new Set<string>(notifications.edges.map((e: any) => e.node.kind));
    };
    const expected: Record<string, string[]> = {
      gov: ['consultation.scheduled', 'consultation.opened', 'consultation.closed', 'comment.disposed', 'stage.changed', 'gb.decided'],
      secretariat: ['consultation.closed', 'stage.changed', 'meeting.scheduled', 'gb.decided'],
    };
    let missing: string[] = [];
    await waitFor(
      'every notification to be fanned out',
      async () => {
        missing = [];
        for (const [who, list] of Object.entries(expected)) {
          const got = await kinds(who);
          missing.push(...list.filter((k) => !got.has(k)).map((k) => `${who}: ${k}`));
        }
        return missing.length === 0 ? true : undefined;
      },
      20_000,
    ).catch(() => undefined);
    expect(missing).toEqual([]);
    // Observers are told nothing about a consultation they are not part of.
    expect([...(await kinds('observer'))]).toEqual([]);
    // Comment notices reach the organization commented for, not others.
    const [{ foreign }] = await api.db.query<{ foreign: number }>(
      `SELECT count(*)::int AS foreign FROM notification n JOIN notification_event e ON e.id = n.event_id
        JOIN comment c ON c.id::text = e.data->>'commentId' JOIN app_user u ON u.id = n.user_id
       WHERE e.kind = 'comment.disposed' AND u.organization_id IS DISTINCT FROM c.organization_id`,
    );
    expect(foreign).toBe(0);
  }, 120_000);
});
