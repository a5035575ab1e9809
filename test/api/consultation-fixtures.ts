// Shared set-up of the consultation suites: instruments, rounds and comments made through the API.
import { ConstituentGroup } from '@tripartite/domain';
import { GqlResponse, People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';

export const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];

export const MARKDOWN = `# Guidelines under consultation

## I. Voice

1.1 Everyone concerned should be heard before a rule is adopted.

1.2 Deadlines are announced in advance and kept.

## II. Fairness

2.1 No recruitment fee should be charged to a worker.
`;

export const REVISED_MARKDOWN = `${MARKDOWN}
2.2 Contracts are written in a language the worker understands.
`;

export const ROUND_FIELDS = `id number status opensAt closesAt closedAt groups visibility acceptLate
  instrument { id stage } version { id number } extensions { from to reason at }`;
export const COMMENT_FIELDS = `id group type body proposedText status late revision submittedAt updatedAt disposition dispositionNote
  round { id } guideline { id key } organization { id } author { id }`;

export const Q = {
  create: `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Guidelines under test" }) { id versions { id } } }`,
  import: `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`,
  publish: `mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "for consultation") { id guidelines { id key } } }`,
  revise: `mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`,
  advance: `mutation($i: ID!, $to: Stage!, $reason: String) { advanceStage(instrumentId: $i, to: $to, reason: $reason) { id stage } }`,
  instrument: `query($i: ID!) { instrument(id: $i) { id stage nextStages { stage allowed blockers { code message } }
    stageHistory { from to reason } rounds { id number status } } }`,
  schedule: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { ${ROUND_FIELDS} } }`,
  extend: `mutation($id: ID!, $at: DateTime!, $reason: String!) { extendConsultation(roundId: $id, closesAt: $at, reason: $reason) { ${ROUND_FIELDS} } }`,
  round: `query($id: ID!) { round(id: $id) { ${ROUND_FIELDS} } }`,
  submit: `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { ${COMMENT_FIELDS} } }`,
  update: `mutation($id: ID!, $in: UpdateCommentInput!, $rev: Int) { updateComment(id: $id, input: $in, expectedRevision: $rev) { ${COMMENT_FIELDS} } }`,
  withdraw: `mutation($id: ID!) { withdrawComment(id: $id) { ${COMMENT_FIELDS} } }`,
  dispose: `mutation($id: ID!, $d: Disposition!, $note: String) { setDisposition(commentId: $id, disposition: $d, note: $note) { ${COMMENT_FIELDS} } }`,
  comments: `query($f: CommentFilter!, $first: Int, $after: String) { comments(filter: $f, first: $first, after: $after) {
    totalCount edges { cursor node { id organization { id } group status body } } pageInfo { hasNextPage endCursor } } }`,
  matrix: `query($id: ID!) { round(id: $id) { matrix { guideline { key } total undisposed byGroup { group count } } } }`,
  pending: `query($id: ID!) { round(id: $id) { pendingOrganizations { id } } }`,
};

export interface Published {
  instrumentId: string;
  versionId: string;
  /** Guideline ids by key. */
  guidelines: Record<string, string>;
}

export interface ScheduleOptions {
  closesInMs?: number;
  closesAt?: string;
  visibility?: 'IMMEDIATE' | 'AFTER_CLOSE' | 'SECRETARIAT_ONLY';
  groups?: ConstituentGroup[];
  organizationIds?: string[];
  acceptLate?: boolean;
}

/** The API, its cast, their tokens, and shortcuts for the consultation flow. */
export class ConsultationWorld {
  private n = 0;

  constructor(
    readonly api: TestApi,
    readonly people: People,
    readonly tokens: { secretariat: string; admin: string; observer: string; moderator: string; constituents: Record<ConstituentGroup, [string, string]> },
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ConsultationWorld> {
    const api = await startApi(env);
    const people = await seedPeople(api.app);
    const constituents = {} as Record<ConstituentGroup, [string, string]>;
    for (const g of GROUPS) constituents[g] = [await api.login(people.constituents[g][0].email), await api.login(people.constituents[g][1].email)];
    const tokens = {
      secretariat: await api.login(people.secretariat.email),
      admin: await api.login(people.admin.email),
      observer: await api.login(people.observer.email),
      moderator: await api.login(people.moderator.email),
      constituents,
    };
    return new ConsultationWorld(api, people, tokens);
  }

  gql<T = any>(query: string, variables: Record<string, unknown>, token?: string | null): Promise<GqlResponse<T>> {
    return this.api.gql<T>(query, variables, token);
  }

  staff<T = any>(query: string, variables: Record<string, unknown>): Promise<T> {
    return this.gql<T>(query, variables, this.tokens.secretariat).then(ok);
  }

  /** A new instrument with version 1 published. */
  async published(markdown = MARKDOWN): Promise<Published> {
    const created = (await this.staff(Q.create, { r: `CONS/${process.pid}/${++this.n}` })).createInstrument;
    const versionId = created.versions[0].id;
    await this.staff(Q.import, { v: versionId, md: markdown });
    const published = (await this.staff(Q.publish, { v: versionId })).publishVersion;
    return { instrumentId: created.id, versionId, guidelines: Object.fromEntries(published.guidelines.map((g: any) => [g.key, g.id])) };
  }

  /** A newer published version of the instrument. */
  async revised(instrumentId: string, markdown = REVISED_MARKDOWN): Promise<Published> {
    const versionId = (await this.staff(Q.revise, { i: instrumentId })).createRevision.id;
    await this.staff(Q.import, { v: versionId, md: markdown });
    const published = (await this.staff(Q.publish, { v: versionId })).publishVersion;
    return { instrumentId, versionId, guidelines: Object.fromEntries(published.guidelines.map((g: any) => [g.key, g.id])) };
  }

  scheduleInput(p: Published, o: ScheduleOptions = {}): Record<string, unknown> {
    const closesAt = o.closesAt ?? new Date(Date.now() + (o.closesInMs ?? 3_600_000)).toISOString();
    const input: Record<string, unknown> = { instrumentId: p.instrumentId, versionId: p.versionId, closesAt };
    if (o.visibility) input.visibility = o.visibility;
    if (o.groups) input.groups = o.groups;
    if (o.organizationIds) input.organizationIds = o.organizationIds;
    if (o.acceptLate !== undefined) input.acceptLate = o.acceptLate;
    return input;
  }

  async schedule(p: Published, o: ScheduleOptions = {}): Promise<any> {
    return (await this.staff(Q.schedule, { in: this.scheduleInput(p, o) })).scheduleConsultation;
  }

  advance(instrumentId: string, to: string, reason?: string): Promise<any> {
    return this.staff(Q.advance, { i: instrumentId, to, reason }).then((d) => d.advanceStage);
  }

  /** Published, scheduled and opened: the round as returned by round(id). */
  async openRound(o: ScheduleOptions = {}, p?: Published): Promise<{ p: Published; round: any }> {
    const pub = p ?? (await this.published());
    const scheduled = await this.schedule(pub, o);
    await this.advance(pub.instrumentId, 'CONSULTATION');
    return { p: pub, round: await this.round(scheduled.id) };
  }

  async round(id: string, token = this.tokens.secretariat): Promise<any> {
    return ok(await this.gql(Q.round, { id }, token)).round;
  }

  submit(token: string, input: Record<string, unknown>): Promise<GqlResponse> {
    return this.gql(Q.submit, { in: { type: 'GENERAL', body: 'A comment.', ...input } }, token);
  }

  async comment(token: string, input: Record<string, unknown>): Promise<any> {
    return ok(await this.submit(token, input)).submitComment;
  }

  async close(instrumentId: string, reason = 'Closed for the test'): Promise<void> {
    await this.advance(instrumentId, 'CONSOLIDATION', reason);
  }

  /** Every comment (all pages) the token's holder sees with this filter. */
  async all(token: string, filter: Record<string, unknown>, pageSize = 200): Promise<any[]> {
    const nodes: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await this.gql(Q.comments, { f: filter, first: pageSize, after }, token)).comments;
      nodes.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  stop() {
    return this.api.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The DB clock, the one deadlines are judged by. */
export async function dbNow(api: TestApi): Promise<Date> {
  const [{ now }] = await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
  return now;
}
