// Shared set-up of the Governing Body suites: instruments brought to GB_SUBMISSION through the API
// (consultation, meeting, adopted report), sessions, and the GB operations.
import { GqlResponse, ok } from '@tripartite/testing';
import { GROUPS, MeetingWorld, Q as MQ, allSupport } from '../meetings/meeting-fixtures';

export { GROUPS, MeetingWorld, UNKNOWN, allSupport, blockersOf, codeOf, draftMarkdown, fieldsOf } from '../meetings/meeting-fixtures';

export const SESSION_FIELDS = `id number startsAt endsAt documentDeadline`;
export const SUBMISSION_FIELDS = `id symbol agendaItem agendaItemTitle pointForDecision status submittedAt late decision decisionText
  instrument { id stage } session { id number documentDeadline }`;

export const G = {
  createSession: `mutation($n: Int!, $s: DateTime!, $e: DateTime!, $d: DateTime) {
    createGoverningBodySession(number: $n, startsAt: $s, endsAt: $e, documentDeadline: $d) { ${SESSION_FIELDS} } }`,
  sessions: `{ governingBodySessions { ${SESSION_FIELDS} } }`,
  prepare: `mutation($in: PrepareSubmissionInput!) { prepareSubmission(input: $in) { ${SUBMISSION_FIELDS} } }`,
  submit: `mutation($id: ID!) { submitToGoverningBody(submissionId: $id) { ${SUBMISSION_FIELDS} } }`,
  decide: `mutation($id: ID!, $d: GbDecision!, $t: String) { recordGoverningBodyDecision(submissionId: $id, decision: $d, text: $t) { ${SUBMISSION_FIELDS} } }`,
  instrument: `query($i: ID!) { instrument(id: $i) { id stage submission { ${SUBMISSION_FIELDS} }
    stageHistory { from to reason } nextStages { stage allowed blockers { code } } } }`,
  document: `query($i: ID!, $f: DocumentFormat, $l: Language) { instrument(id: $i) { submission { id status document(format: $f, language: $l) } } }`,
  dispose: `mutation($c: ID!, $d: Disposition!) { setDisposition(commentId: $c, disposition: $d) { id } }`,
  comment: `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`,
  createInstrument: `mutation($r: String!, $t: String!, $s: String) { createInstrument(input: { reference: $r, title: $t, summary: $s }) { id versions { id } } }`,
};

const DAY = 86_400_000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

export interface AtGb {
  instrumentId: string;
  versionId: string;
  meetingId: string;
  items: string[];
}

/** The meeting world plus the Governing Body's own steps. */
export class GbWorld {
  private sessionNumber = 300;
  private symbols = 0;

  constructor(readonly w: MeetingWorld) {}

  static async start(): Promise<GbWorld> {
    return new GbWorld(await MeetingWorld.start());
  }

  get tokens() {
    return this.w.tokens;
  }

  gql<T = any>(query: string, variables: Record<string, unknown> = {}, token: string | null = this.w.tokens.secretariat): Promise<GqlResponse<T>> {
    return this.w.gql<T>(query, variables, token);
  }

  staff<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.w.staff<T>(query, variables);
  }

  /** A session opening in `startsInDays`, for four days, with the default or the given document deadline. */
  async session(startsInDays = 60, documentDeadline?: string): Promise<any> {
    const vars = { n: ++this.sessionNumber, s: inDays(startsInDays), e: inDays(startsInDays + 4), d: documentDeadline ?? null };
    return (await this.staff(G.createSession, vars)).createGoverningBodySession;
  }

  nextSymbol(): string {
    return `GB.${process.pid % 1000}/${++this.symbols}`;
  }

  prepareInput(instrumentId: string, sessionId: string, extra: Record<string, unknown> = {}) {
    return {
      instrumentId,
      sessionId,
      symbol: this.nextSymbol(),
      agendaItemTitle: 'Outcome of the meeting of experts',
      pointForDecision: 'The Governing Body approves the guidelines adopted by the meeting.',
      ...extra,
    };
  }

  async prepare(instrumentId: string, sessionId: string, extra: Record<string, unknown> = {}): Promise<any> {
    return (await this.staff(G.prepare, { in: this.prepareInput(instrumentId, sessionId, extra) })).prepareSubmission;
  }

  /** An instrument whose meeting adopted every guideline by consensus and whose report is adopted, moved to GB_SUBMISSION. */
  async atGbSubmission(guidelines = 2): Promise<AtGb> {
    const { p, meeting, items } = await this.w.session({ guidelines });
    await this.concludeMeeting(meeting.id, items);
    await this.w.advance(p.instrumentId, 'GB_SUBMISSION');
    return { instrumentId: p.instrumentId, versionId: p.versionId, meetingId: meeting.id, items };
  }

  /** After a referral back (instrument in CONSOLIDATION): another meeting on the same version, concluded, and back to GB_SUBMISSION. */
  async anotherMeeting(at: AtGb): Promise<AtGb> {
    const meeting = await this.w.schedule({ instrumentId: at.instrumentId, versionId: at.versionId, guidelines: [] });
    ok(await this.gql(MQ.assignModerator, { m: meeting.id, u: this.w.people.moderator.id }));
    for (const g of GROUPS) ok(await this.w.addParticipant(meeting.id, this.w.people.constituents[g][0].id, g, 'SPOKESPERSON'));
    await this.w.advance(at.instrumentId, 'EXPERTS_MEETING');
    await this.w.mod(MQ.openMeeting, { m: meeting.id });
    const items = meeting.agenda.map((i: any) => i.id);
    await this.concludeMeeting(meeting.id, items);
    await this.w.advance(at.instrumentId, 'GB_SUBMISSION');
    return { ...at, meetingId: meeting.id, items };
  }

  /** Adopts every item by consensus, closes the meeting and adopts its report. */
  async concludeMeeting(meetingId: string, items: string[]): Promise<void> {
    for (const item of items) {
      await this.w.discussed(item, allSupport);
      await this.w.mod(MQ.closeItem, { i: item, s: 'ADOPTED' });
    }
    await this.w.mod(MQ.closeMeeting, { m: meetingId });
    ok(await this.gql(MQ.adoptReport, { m: meetingId }));
  }

  /** A prepared and submitted paper on a fresh instrument, for a session whose deadline is ahead. */
  async submitted(): Promise<{ at: AtGb; submission: any }> {
    const at = await this.atGbSubmission(1);
    const session = await this.session();
    const prepared = await this.prepare(at.instrumentId, session.id);
    return { at, submission: (await this.staff(G.submit, { id: prepared.id })).submitToGoverningBody };
  }

  instrument(instrumentId: string, token: string | null = this.w.tokens.secretariat): Promise<any> {
    return this.gql(G.instrument, { i: instrumentId }, token)
      .then(ok)
      .then((d: any) => d.instrument);
  }

  stop() {
    return this.w.stop();
  }
}

export { MQ };
