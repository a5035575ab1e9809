// Shared set-up of the meeting suites: an instrument brought to CONSOLIDATION through a consultation
// round, a meeting scheduled on it, and shortcuts for what moderators record.
import type { ConstituentGroup } from '@tripartite/domain';
import { GqlResponse, People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';

export const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
export const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** A draft of `n` guidelines, ten to a section, numbered 1.1 ... */
export function draftMarkdown(n = 3): string {
  const sections: string[] = [];
  for (let s = 0; s * 10 < n; s++) {
    const lines = [`## ${s + 1}. Section ${s + 1}`, ''];
    for (let g = s * 10; g < Math.min(n, (s + 1) * 10); g++) lines.push(`${s + 1}.${(g % 10) + 1} Guideline text number ${g + 1}.`, '');
    sections.push(lines.join('\n'));
  }
  return `# Guidelines for the meeting\n\n${sections.join('\n')}`;
}

export const ITEM_FIELDS = `id order status revision finalText guideline { id key text }
  positions { group position statement recordedBy { id } recordedAt }
  amendments { id proposedBy text status positions { group position } }
  vote { votes { group inFavour against abstentions } weightedInFavour weightedAgainst quorumMet carried }
  tally { agendaItemId outcome supporting opposing abstaining reserving pending }`;
export const MEETING_FIELDS = `id title venue startsAt endsAt status decisionRule instrument { id stage } version { id number }
  participants { id group role user { id } } moderators { id } agenda { id order status revision finalText guideline { id key } }`;
export const AMENDMENT_FIELDS = `id proposedBy text status positions { group position recordedBy { id } } positionHistory { group position }`;

export const Q = {
  create: `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Guidelines for a meeting" }) { id versions { id } } }`,
  import: `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`,
  publish: `mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "for consultation") { id guidelines { id key text } } }`,
  consult: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`,
  advance: `mutation($i: ID!, $to: Stage!, $reason: String) { advanceStage(instrumentId: $i, to: $to, reason: $reason) { id stage } }`,
  nextStages: `query($i: ID!) { instrument(id: $i) { stage nextStages { stage allowed blockers { code message } } } }`,
  instrumentMeetings: `query($i: ID!) { instrument(id: $i) { meetings { id status } } }`,
  schedule: `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { ${MEETING_FIELDS} } }`,
  meeting: `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`,
  addParticipant: `mutation($m: ID!, $u: ID!, $g: ConstituentGroup!, $r: ParticipantRole!) {
    addParticipant(meetingId: $m, userId: $u, group: $g, role: $r) { id group role user { id } } }`,
  assignModerator: `mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id moderators { id } } }`,
  openMeeting: `mutation($m: ID!) { openMeeting(meetingId: $m) { id status } }`,
  closeMeeting: `mutation($m: ID!) { closeMeeting(meetingId: $m) { id status } }`,
  adoptReport: `mutation($m: ID!) { adoptMeetingReport(meetingId: $m) { id status } }`,
  openItem: `mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { ${ITEM_FIELDS} } }`,
  position: `mutation($i: ID!, $g: ConstituentGroup!, $p: Position!, $s: String, $rev: Int) {
    recordPosition(agendaItemId: $i, group: $g, position: $p, statement: $s, expectedRevision: $rev) { ${ITEM_FIELDS} } }`,
  propose: `mutation($i: ID!, $g: ConstituentGroup!, $t: String!) { proposeAmendment(agendaItemId: $i, proposedBy: $g, text: $t) { ${AMENDMENT_FIELDS} } }`,
  amendmentPosition: `mutation($a: ID!, $g: ConstituentGroup!, $p: Position!) { recordAmendmentPosition(amendmentId: $a, group: $g, position: $p) { ${AMENDMENT_FIELDS} } }`,
  decide: `mutation($a: ID!, $s: AmendmentStatus!) { decideAmendment(amendmentId: $a, status: $s) { ${AMENDMENT_FIELDS} } }`,
  vote: `mutation($i: ID!, $v: [GroupVoteInput!]!) { recordVote(agendaItemId: $i, votes: $v) { ${ITEM_FIELDS} } }`,
  closeItem: `mutation($i: ID!, $s: ItemStatus!, $t: String) { closeAgendaItem(agendaItemId: $i, status: $s, finalText: $t) { ${ITEM_FIELDS} } }`,
};

export interface Published {
  instrumentId: string;
  versionId: string;
  guidelines: { id: string; key: string; text: string }[];
}

export interface MeetingSetup {
  p: Published;
  meeting: any;
  /** Agenda item ids in order. */
  items: string[];
}

export interface SessionOptions {
  guidelines?: number;
  decisionRule?: 'CONSENSUS' | 'GROUP_WEIGHTED_VOTE';
  /** Voting participants per group (default one spokesperson each). */
  voters?: Partial<Record<ConstituentGroup, number>>;
}

export type Tokens = {
  secretariat: string;
  admin: string;
  observer: string;
  moderator: string;
  otherModerator: string;
  constituents: Record<ConstituentGroup, [string, string]>;
};

/** The API, its cast, their tokens, and the meeting flow through GraphQL. */
export class MeetingWorld {
  private n = 0;

  constructor(
    readonly api: TestApi,
    readonly people: People,
    readonly tokens: Tokens,
  ) {}

  static async start(): Promise<MeetingWorld> {
    const api = await startApi();
    const people = await seedPeople(api.app);
    const constituents = {} as Tokens['constituents'];
    for (const g of GROUPS) constituents[g] = [await api.login(people.constituents[g][0].email), await api.login(people.constituents[g][1].email)];
    return new MeetingWorld(api, people, {
      secretariat: await api.login(people.secretariat.email),
      admin: await api.login(people.admin.email),
      observer: await api.login(people.observer.email),
      moderator: await api.login(people.moderator.email),
      otherModerator: await api.login(people.otherModerator.email),
      constituents,
    });
  }

  gql<T = any>(query: string, variables: Record<string, unknown>, token?: string | null): Promise<GqlResponse<T>> {
    return this.api.gql<T>(query, variables, token);
  }

  staff<T = any>(query: string, variables: Record<string, unknown>): Promise<T> {
    return this.gql<T>(query, variables, this.tokens.secretariat).then(ok);
  }

  /** The moderator's call, which must succeed. */
  mod<T = any>(query: string, variables: Record<string, unknown>, token = this.tokens.moderator): Promise<T> {
    return this.gql<T>(query, variables, token).then(ok);
  }

  /** A published instrument moved through a consultation round (closed early) into CONSOLIDATION. */
  async consolidating(guidelines = 3): Promise<Published> {
    const created = (await this.staff(Q.create, { r: `MTG/${process.pid}/${++this.n}` })).createInstrument;
    const versionId = created.versions[0].id;
    await this.staff(Q.import, { v: versionId, md: draftMarkdown(guidelines) });
    const published = (await this.staff(Q.publish, { v: versionId })).publishVersion;
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    await this.staff(Q.consult, { in: { instrumentId: created.id, versionId, closesAt } });
    await this.advance(created.id, 'CONSULTATION');
    await this.advance(created.id, 'CONSOLIDATION', 'Closed early for the meeting tests');
    return { instrumentId: created.id, versionId, guidelines: published.guidelines };
  }

  scheduleInput(p: Published, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      instrumentId: p.instrumentId,
      versionId: p.versionId,
      title: 'Tripartite meeting of experts',
      venue: 'Geneva',
      startsAt: '2030-03-02T08:00:00.000Z',
      endsAt: '2030-03-06T17:00:00.000Z',
      ...extra,
    };
  }

  async schedule(p: Published, extra: Record<string, unknown> = {}): Promise<any> {
    return (await this.staff(Q.schedule, { in: this.scheduleInput(p, extra) })).scheduleMeeting;
  }

  advance(instrumentId: string, to: string, reason?: string): Promise<any> {
    return this.staff(Q.advance, { i: instrumentId, to, reason }).then((d) => d.advanceStage);
  }

  addParticipant(meetingId: string, userId: string, group: ConstituentGroup, role: string): Promise<GqlResponse> {
    return this.gql(Q.addParticipant, { m: meetingId, u: userId, g: group, r: role }, this.tokens.secretariat);
  }

  /** A constituent user of an organization of the group, straight into the database (they need not sign in). */
  async extraConstituent(group: ConstituentGroup): Promise<string> {
    const [row] = await this.api.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles, organization_id)
       VALUES ($1, $2, 'x', ARRAY['CONSTITUENT'], $3) RETURNING id`,
      [`extra${++this.n}.${group.toLowerCase()}@test.org`, `Extra ${this.n}`, this.people.organizations[group][0]],
    );
    return row.id;
  }

  /**
   * A meeting IN_SESSION with `moderator` assigned, `voters[g]` voting participants per group (the seeded
   * constituents first, then extra ones), and the instrument in EXPERTS_MEETING.
   */
  async session(o: SessionOptions = {}): Promise<MeetingSetup> {
    const p = await this.consolidating(o.guidelines ?? 3);
    const meeting = await this.schedule(p, o.decisionRule ? { decisionRule: o.decisionRule } : {});
    ok(await this.gql(Q.assignModerator, { m: meeting.id, u: this.people.moderator.id }, this.tokens.secretariat));
    for (const g of GROUPS) {
      const count = o.voters?.[g] ?? 1;
      for (let i = 0; i < count; i++) {
        const userId = i < 2 ? this.people.constituents[g][i].id : await this.extraConstituent(g);
        ok(await this.addParticipant(meeting.id, userId, g, i === 0 ? 'SPOKESPERSON' : 'EXPERT'));
      }
    }
    await this.advance(p.instrumentId, 'EXPERTS_MEETING');
    await this.mod(Q.openMeeting, { m: meeting.id });
    return { p, meeting, items: meeting.agenda.map((i: any) => i.id) };
  }

  /** Opens the item and records the three groups' positions. */
  async discussed(itemId: string, positions: Partial<Record<ConstituentGroup, string>> = {}): Promise<any> {
    let item = (await this.mod(Q.openItem, { i: itemId })).openAgendaItem;
    for (const [g, position] of Object.entries(positions)) {
      item = (await this.mod(Q.position, { i: itemId, g, p: position })).recordPosition;
    }
    return item;
  }

  stop() {
    return this.api.close();
  }
}

export const codeOf = (res: GqlResponse) => errorOf(res).code;
export const fieldsOf = (res: GqlResponse) => ((errorOf(res).extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);
export const blockersOf = (res: GqlResponse) => ((errorOf(res).extensions?.blockers ?? []) as { code: string }[]).map((b) => b.code);
export const allSupport = { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' } as const;
