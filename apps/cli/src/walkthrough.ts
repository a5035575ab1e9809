/* eslint-disable @typescript-eslint/no-explicit-any -- a demo client reading untyped GraphQL answers */
import { DEMO_INSTRUMENTS } from './seed/demo-instruments';
import { DEMO_ORGANIZATIONS } from './seed/demo-people';

/** How long the walkthrough's consultation stays open. */
const COMMENT_PERIOD_MS = 15_000;

interface GqlError {
  message: string;
  extensions?: { code?: string };
}

type Log = (line: string) => void;

/** A GraphQL caller signed in as one demo account. */
class Session {
  constructor(
    private readonly url: string,
    private readonly token: string | null,
  ) {}

  async call<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: GqlError[] };
    if (body.errors?.length) {
      throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    }
    return body.data as T;
  }
}

async function signIn(url: string, email: string, password: string): Promise<Session> {
  const data = await new Session(url, null).call<{ login: { accessToken: string } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
    { e: email, p: password },
  );
  return new Session(url, data.login.accessToken);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const COMMENTS: { org: string; key: string | null; type: string; body: string; proposedText?: string }[] = [
  {
    org: 'gov.br@tripartite.demo',
    key: '1.1',
    type: 'TECHNICAL',
    body: 'The facts test should name the indicators labour inspectors use, so that classification is predictable.',
  },
  { org: 'gov.ke@tripartite.demo', key: '2.2', type: 'GENERAL', body: 'Human review must be available in the worker’s language and within a fixed time.' },
  {
    org: 'emp.intl@tripartite.demo',
    key: '1.2',
    type: 'TECHNICAL',
    body: 'Pay estimates before a task vary with demand; platforms can publish ranges, not exact figures.',
    proposedText: 'Platform workers should be told in advance the range of pay they can expect for a task.',
  },
  { org: 'emp.ke@tripartite.demo', key: '3.2', type: 'GENERAL', body: 'Collective bargaining for self-employed workers needs competition-law clarity first.' },
  {
    org: 'wrk.intl@tripartite.demo',
    key: '1.2',
    type: 'EDITORIAL',
    body: '“Predictable pay” should also cover waiting time between tasks.',
    proposedText: 'Platform workers should be told in advance what they will be paid, including for time spent waiting for tasks.',
  },
  { org: 'wrk.ke@tripartite.demo', key: null, type: 'GENERAL', body: 'The draft should say how these guidelines will be reviewed as platforms change.' },
];

/**
 * Drives the second demo instrument from publication to the Governing Body's decision through the GraphQL API only:
 * one numbered line per step (`bold` sets the step apart from the apps' lines around it), then the paper.
 */
export async function walkthrough(url: string, password: string, log: Log = console.log, bold: (text: string) => string = (t) => t): Promise<string> {
  const started = Date.now();
  let steps = 0;
  const step = (text: string) => log(`${String(++steps).padStart(4)}. ${bold(text)}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  log(bold(`Walkthrough: ${DEMO_INSTRUMENTS.platform.reference} from publication to the Governing Body's decision, through the GraphQL API`));
  const secretariat = await signIn(url, 'secretariat@tripartite.demo', password);
  const moderator = await signIn(url, 'moderator@tripartite.demo', password);

  const { instruments } = await secretariat.call(`{ instruments { id reference stage versions { id number status } } }`);
  const instrument = instruments.find((i: any) => i.reference === DEMO_INSTRUMENTS.platform.reference);
  if (!instrument || instrument.stage !== 'DRAFTING') {
    throw new Error(`${DEMO_INSTRUMENTS.platform.reference} must be in DRAFTING: run the walkthrough on a fresh demo database`);
  }
  const draft = instrument.versions.find((v: any) => v.status === 'DRAFT');
  const version = (
    await secretariat.call(`mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "Draft for consultation") { id number guidelines { id key } } }`, {
      v: draft.id,
    })
  ).publishVersion;
  step(`Published version ${version.number} of ${instrument.reference} (${version.guidelines.length} guidelines)`);
  const guidelineId = (key: string | null) => (key ? version.guidelines.find((g: any) => g.key === key).id : null);

  // Consultation: a round that closes 15 s after it opens; the worker closes it at the deadline.
  const [{ now }] = [await secretariat.call(`{ me { id } }`).then(() => ({ now: Date.now() }))];
  const round = (
    await secretariat.call(
      `mutation($i: ID!, $v: ID!, $c: DateTime!) { scheduleConsultation(input: { instrumentId: $i, versionId: $v, closesAt: $c, visibility: IMMEDIATE }) { id closesAt } }`,
      { i: instrument.id, v: version.id, c: new Date(now + COMMENT_PERIOD_MS + 2000).toISOString() },
    )
  ).scheduleConsultation;
  await secretariat.call(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: instrument.id });
  step(`Consultation open until ${round.closesAt}`);
  for (const c of COMMENTS) {
    const constituent = await signIn(url, c.org, password);
    await constituent.call(`mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`, {
      in: {
        roundId: round.id,
        guidelineId: guidelineId(c.key),
        type: c.type,
        body: c.body,
        proposedText: c.proposedText ?? null,
        idempotencyKey: `walkthrough-${c.org}-${c.key}`,
      },
    });
    const org = DEMO_ORGANIZATIONS.find((o) => o.user.email === c.org)!;
    step(`Comment from ${org.name} (${org.group}) on ${c.key ?? 'the whole draft'}`);
  }
  step('Waiting for the deadline: the worker closes the round');
  for (;;) {
    const { round: r } = await secretariat.call(`query($r: ID!) { round(id: $r) { status closedAt } }`, { r: round.id });
    if (r.status === 'CLOSED') {
      step(`Round closed by the worker at ${r.closedAt}`);
      break;
    }
    if (Date.now() > Date.parse(round.closesAt) + 30_000) throw new Error('the worker did not close the round');
    await sleep(250);
  }

  const { comments } = await secretariat.call(`query($r: ID!) { comments(filter: { roundId: $r }, first: 100) { edges { node { id guideline { key } } } } }`, {
    r: round.id,
  });
  for (const { node } of comments.edges) {
    const disposition = node.guideline?.key === '1.2' ? 'PARTIALLY_ACCEPTED' : node.guideline ? 'NOTED' : 'ACCEPTED';
    await secretariat.call(
      `mutation($c: ID!, $d: Disposition!) { setDisposition(commentId: $c, disposition: $d, note: "Considered in the revised draft") { id } }`,
      { c: node.id, d: disposition },
    );
  }
  step(`Dispositions recorded for ${comments.edges.length} comments`);

  // The tripartite meeting of experts.
  const meeting = (
    await secretariat.call(`mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id agenda { id guideline { key } } } }`, {
      in: {
        instrumentId: instrument.id,
        versionId: version.id,
        title: 'Meeting of experts on decent work in the platform economy',
        venue: 'Geneva',
        startsAt: new Date(now + 60_000).toISOString(),
        endsAt: new Date(now + 3 * 86_400_000).toISOString(),
      },
    })
  ).scheduleMeeting;
  const { organizations } = await secretariat.call(`{ organizations { id group } }`);
  void organizations;
  const registered: Record<string, number> = { GOVERNMENT: 0, EMPLOYERS: 0, WORKERS: 0 };
  for (const org of DEMO_ORGANIZATIONS) {
    const person = await signIn(url, org.user.email, password);
    const { me } = await person.call(`{ me { id } }`);
    const role = registered[org.group] === 0 ? 'SPOKESPERSON' : 'EXPERT';
    await secretariat.call(
      `mutation($m: ID!, $u: ID!, $g: ConstituentGroup!, $r: ParticipantRole!) { addParticipant(meetingId: $m, userId: $u, group: $g, role: $r) { id } }`,
      { m: meeting.id, u: me.id, g: org.group, r: role },
    );
    registered[org.group] += 1;
  }
  const { me: moderatorUser } = await moderator.call(`{ me { id } }`);
  await secretariat.call(`mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`, { m: meeting.id, u: moderatorUser.id });
  await secretariat.call(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: EXPERTS_MEETING) { stage } }`, { i: instrument.id });
  await moderator.call(`mutation($m: ID!) { openMeeting(meetingId: $m) { status } }`, { m: meeting.id });
  step(`Meeting in session: ${registered.GOVERNMENT} government, ${registered.EMPLOYERS} employer and ${registered.WORKERS} worker participants`);

  const item = (key: string) => meeting.agenda.find((a: any) => a.guideline.key === key).id;
  const positions = async (id: string, gov: string, emp: string, wrk: string, reservation?: string) => {
    await moderator.call(`mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { status } }`, { i: id });
    for (const [group, position] of [
      ['GOVERNMENT', gov],
      ['EMPLOYERS', emp],
      ['WORKERS', wrk],
    ]) {
      await moderator.call(
        `mutation($i: ID!, $g: ConstituentGroup!, $p: Position!, $s: String) { recordPosition(agendaItemId: $i, group: $g, position: $p, statement: $s) { revision } }`,
        { i: id, g: group, p: position, s: position === 'RESERVATION' ? (reservation ?? null) : null },
      );
    }
  };
  const close = (id: string, status: string) =>
    moderator.call(`mutation($i: ID!, $s: ItemStatus!) { closeAgendaItem(agendaItemId: $i, status: $s) { status finalText tally { outcome } } }`, {
      i: id,
      s: status,
    });

  await positions(item('1.1'), 'SUPPORT', 'SUPPORT', 'SUPPORT');
  step(`1.1 ${(await close(item('1.1'), 'ADOPTED')).closeAgendaItem.status} by consensus`);

  await positions(item('1.2'), 'SUPPORT', 'OPPOSE', 'SUPPORT');
  const amendment = (
    await moderator.call(`mutation($i: ID!, $t: String!) { proposeAmendment(agendaItemId: $i, proposedBy: EMPLOYERS, text: $t) { id } }`, {
      i: item('1.2'),
      t: 'Platform workers should be told in advance the pay they can expect for a task, or its range where demand decides it, including for time spent waiting.',
    })
  ).proposeAmendment;
  for (const group of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) {
    await moderator.call(`mutation($a: ID!, $g: ConstituentGroup!) { recordAmendmentPosition(amendmentId: $a, group: $g, position: SUPPORT) { id } }`, {
      a: amendment.id,
      g: group,
    });
  }
  await moderator.call(`mutation($a: ID!) { decideAmendment(amendmentId: $a, status: ACCEPTED) { status } }`, { a: amendment.id });
  step(`1.2 ${(await close(item('1.2'), 'ADOPTED_AS_AMENDED')).closeAgendaItem.status}: the employers' amendment was accepted by all groups`);

  await positions(item('2.1'), 'SUPPORT', 'OPPOSE', 'SUPPORT');
  const vote = (
    await moderator.call(
      `mutation($i: ID!, $v: [GroupVoteInput!]!) { recordVote(agendaItemId: $i, votes: $v) { vote { weightedInFavour weightedAgainst quorumMet carried } tally { outcome } } }`,
      {
        i: item('2.1'),
        v: [
          { group: 'GOVERNMENT', inFavour: registered.GOVERNMENT - 1, against: 1, abstentions: 0 },
          { group: 'EMPLOYERS', inFavour: 0, against: registered.EMPLOYERS - 1, abstentions: 1 },
          { group: 'WORKERS', inFavour: registered.WORKERS, against: 0, abstentions: 0 },
        ],
      },
    )
  ).recordVote;
  step(`2.1 put to a group-weighted vote: ${vote.vote.weightedInFavour} in favour, ${vote.vote.weightedAgainst} against -> ${vote.tally.outcome}`);
  step(`2.1 ${(await close(item('2.1'), 'ADOPTED')).closeAgendaItem.status} by the vote`);

  await positions(item('2.2'), 'OPPOSE', 'OPPOSE', 'SUPPORT');
  step(`2.2 ${(await close(item('2.2'), 'NOT_ADOPTED')).closeAgendaItem.status}`);

  for (const key of ['1.3', '2.3', '3.1']) {
    await positions(item(key), 'SUPPORT', 'SUPPORT', 'SUPPORT');
    await close(item(key), 'ADOPTED');
  }
  await positions(item('3.2'), 'SUPPORT', 'RESERVATION', 'SUPPORT', 'Subject to national competition law');
  await close(item('3.2'), 'ADOPTED');
  step('1.3, 2.3, 3.1 and 3.2 adopted (the employers reserved their position on 3.2)');
  await moderator.call(`mutation($m: ID!) { closeMeeting(meetingId: $m) { status } }`, { m: meeting.id });
  await secretariat.call(`mutation($m: ID!) { adoptMeetingReport(meetingId: $m) { status } }`, { m: meeting.id });
  await secretariat.call(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: GB_SUBMISSION) { stage } }`, { i: instrument.id });
  step('Meeting report adopted; the instrument goes to the Governing Body');

  // The Governing Body.
  const { governingBodySessions } = await secretariat.call(`{ governingBodySessions { id number } }`);
  const number = Math.max(400, ...governingBodySessions.map((s: any) => s.number + 1));
  const session = (
    await secretariat.call(
      `mutation($n: Int!, $s: DateTime!, $e: DateTime!) { createGoverningBodySession(number: $n, startsAt: $s, endsAt: $e) { id documentDeadline } }`,
      {
        n: number,
        s: new Date(now + 30 * 86_400_000).toISOString(),
        e: new Date(now + 40 * 86_400_000).toISOString(),
      },
    )
  ).createGoverningBodySession;
  const submission = (
    await secretariat.call(`mutation($in: PrepareSubmissionInput!) { prepareSubmission(input: $in) { id } }`, {
      in: {
        instrumentId: instrument.id,
        sessionId: session.id,
        symbol: `GB.${number}/5`,
        agendaItemTitle: 'Guidelines on decent work in the platform economy',
        pointForDecision: 'The Governing Body approves the guidelines and requests the Director-General to publish and disseminate them.',
      },
    })
  ).prepareSubmission;
  const submitted = (await secretariat.call(`mutation($s: ID!) { submitToGoverningBody(submissionId: $s) { status late } }`, { s: submission.id }))
    .submitToGoverningBody;
  step(`Paper GB.${number}/5 submitted to session ${number} (documents due ${session.documentDeadline}; late: ${submitted.late})`);
  await secretariat.call(`mutation($s: ID!) { recordGoverningBodyDecision(submissionId: $s, decision: APPROVED, text: "Approved as proposed") { status } }`, {
    s: submission.id,
  });
  const { instrument: decided } = await secretariat.call(
    `query($i: ID!) { instrument(id: $i) { stage stageHistory { from to } submission { document(format: MARKDOWN) } } }`,
    { i: instrument.id },
  );
  step(`Decision recorded: ${decided.stage} (${decided.stageHistory.map((t: any) => t.to).join(' -> ')})`);
  log('');
  log(bold(`The paper GB.${number}/5, as the Governing Body receives it:`));
  log('');
  log(decided.submission.document);
  return decided.stage;
}
