import { ConstituentGroup } from '@tripartite/domain';
import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld, GROUPS, Published, Q } from './consultation-fixtures';

type Mode = 'IMMEDIATE' | 'AFTER_CLOSE' | 'SECRETARIAT_ONLY';

interface Seen {
  id: string;
  organizationId: string;
  group: ConstituentGroup;
  guidelineKey: string | null;
  type: string;
  status: 'SUBMITTED' | 'WITHDRAWN';
  disposition: string | null;
  body: string;
}

interface Viewer {
  name: string;
  token: string;
  staff: boolean;
  organizationId: string | null;
}

/** The rule, written out independently of the SQL that enforces it (DESIGN.md section 3). */
function mayRead(viewer: Viewer, c: Seen, mode: Mode, closed: boolean, invited: Set<string>): boolean {
  if (viewer.staff) return true;
  if (viewer.organizationId === c.organizationId) return true;
  if (c.status !== 'SUBMITTED') return false;
  if (mode === 'IMMEDIATE') return closed || (viewer.organizationId !== null && invited.has(viewer.organizationId));
  if (mode === 'AFTER_CLOSE') return closed;
  return false;
}

const CONNECTION = `totalCount edges { node { id organization { id } } }`;

describe('comment visibility on every read path', () => {
  let w: ConsultationWorld;
  let viewers: Viewer[];

  beforeAll(async () => {
    // Every read path in one document, instrument.rounds.matrix among them: priced at its caps that is more
    // than a screen asks for (GRAPHQL_MAX_COST), which this suite is not about.
    w = await ConsultationWorld.start({ GRAPHQL_MAX_COST: '2000000' });
    const t = w.tokens;
    const org = w.people.organizations;
    viewers = [
      ...GROUPS.flatMap((g) =>
        [0, 1].map((i) => ({ name: `${g} constituent ${i + 1}`, token: t.constituents[g][i], staff: false, organizationId: org[g][i] })),
      ),
      { name: 'observer', token: t.observer, staff: false, organizationId: null },
      { name: 'moderator', token: t.moderator, staff: false, organizationId: null },
      { name: 'secretariat', token: t.secretariat, staff: true, organizationId: null },
      { name: 'admin', token: t.admin, staff: true, organizationId: null },
    ];
  });
  afterAll(() => w.stop());

  /** Two comments from each invited organization (one withdrawn, one disposed), made as the constituents. */
  async function populate(mode: Mode): Promise<{ p: Published; roundId: string; comments: Seen[]; invited: Set<string> }> {
    const org = w.people.organizations;
    // The second employers' organization is not invited.
    const invitedIds = [org.GOVERNMENT[0], org.GOVERNMENT[1], org.EMPLOYERS[0], org.WORKERS[0], org.WORKERS[1]];
    const { p, round } = await w.openRound({ visibility: mode, organizationIds: invitedIds });
    const comments: Seen[] = [];
    for (const g of GROUPS) {
      for (const i of [0, 1]) {
        const organizationId = org[g][i];
        if (!invitedIds.includes(organizationId)) continue;
        const token = w.tokens.constituents[g][i];
        const tag = `${g.toLowerCase()}${i + 1}`;
        for (const [type, key] of [
          ['TECHNICAL', '1.1'],
          ['GENERAL', null],
        ] as const) {
          const c = await w.comment(token, {
            roundId: round.id,
            type,
            guidelineId: key ? p.guidelines[key] : null,
            body: `Labour migration remark from ${tag} (${type.toLowerCase()})`,
          });
          comments.push({ id: c.id, organizationId, group: g, guidelineKey: key, type, status: 'SUBMITTED', disposition: null, body: c.body });
        }
      }
    }
    const withdrawn = comments.find((c) => c.organizationId === org.GOVERNMENT[1] && c.type === 'GENERAL')!;
    ok(await w.gql(Q.withdraw, { id: withdrawn.id }, w.tokens.constituents.GOVERNMENT[1]));
    withdrawn.status = 'WITHDRAWN';
    const disposed = comments.find((c) => c.organizationId === org.WORKERS[0] && c.type === 'TECHNICAL')!;
    ok(await w.gql(Q.dispose, { id: disposed.id, d: 'ACCEPTED' }, w.tokens.secretariat));
    disposed.disposition = 'ACCEPTED';
    return { p, roundId: round.id, comments, invited: new Set(invitedIds) };
  }

  /** Every filter of the contract, each with the predicate it stands for. */
  function filters(p: Published): { name: string; filter: Record<string, unknown>; keep: (c: Seen) => boolean }[] {
    const org = w.people.organizations;
    return [
      { name: 'none', filter: {}, keep: () => true },
      { name: 'guideline', filter: { guidelineId: p.guidelines['1.1'] }, keep: (c) => c.guidelineKey === '1.1' },
      { name: 'other guideline', filter: { guidelineId: p.guidelines['2.1'] }, keep: () => false },
      ...GROUPS.map((g) => ({ name: `group ${g}`, filter: { group: g }, keep: (c: Seen) => c.group === g })),
      ...GROUPS.flatMap((g) =>
        [0, 1].map((i) => ({ name: `organization ${g}${i}`, filter: { organizationId: org[g][i] }, keep: (c: Seen) => c.organizationId === org[g][i] })),
      ),
      ...['GENERAL', 'TECHNICAL', 'EDITORIAL'].map((t) => ({ name: `type ${t}`, filter: { type: t }, keep: (c: Seen) => c.type === t })),
      { name: 'disposition', filter: { disposition: 'ACCEPTED' }, keep: (c) => c.disposition === 'ACCEPTED' },
      { name: 'undisposed', filter: { undisposedOnly: true }, keep: (c) => c.status === 'SUBMITTED' && c.disposition === null },
      { name: 'search all', filter: { search: 'migration' }, keep: () => true },
      { name: 'search one', filter: { search: 'workers2' }, keep: (c) => c.body.includes('workers2') },
      { name: 'search and group', filter: { search: 'technical', group: 'GOVERNMENT' }, keep: (c) => c.type === 'TECHNICAL' && c.group === 'GOVERNMENT' },
    ];
  }

  function expectedMatrix(p: Published, visible: Seen[]) {
    const rows = [...Object.keys(p.guidelines), null].map((key) => {
      const here = visible.filter((c) => c.guidelineKey === key && c.status === 'SUBMITTED');
      return {
        guideline: key === null ? null : { key },
        total: here.length,
        undisposed: here.filter((c) => c.disposition === null).length,
        byGroup: GROUPS.map((group) => ({ group, count: here.filter((c) => c.group === group).length })),
      };
    });
    return rows;
  }

  async function walk(mode: Mode, state: Awaited<ReturnType<typeof populate>>, closed: boolean): Promise<void> {
    const { p, roundId, comments, invited } = state;
    const cases = filters(p);
    const document = `query($r: ID!, $i: ID!) {
      ${cases
        .map(
          (c, n) =>
            `f${n}: comments(filter: { roundId: $r, ${Object.entries(c.filter)
              .map(([k, v]) => `${k}: ${typeof v === 'string' && !/^[A-Z_]+$/.test(v) ? JSON.stringify(v) : v}`)
              .join(', ')} }, first: 200) { ${CONNECTION} }`,
        )
        .join('\n')}
      round(id: $r) { matrix { guideline { key } total undisposed byGroup { group count } } }
      instrument(id: $i) { rounds { id matrix { guideline { key } total undisposed byGroup { group count } } } }
    }`;
    for (const viewer of viewers) {
      const visible = comments.filter((c) => mayRead(viewer, c, mode, closed, invited));
      const data = ok(await w.gql(document, { r: roundId, i: p.instrumentId }, viewer.token));
      const where = `${mode}, ${closed ? 'closed' : 'open'}, ${viewer.name}`;
      cases.forEach((c, n) => {
        const expected = visible.filter(c.keep);
        const got = data[`f${n}`];
        expect({ where, filter: c.name, ids: got.edges.map((e: any) => e.node.id).sort(), totalCount: got.totalCount }).toEqual({
          where,
          filter: c.name,
          ids: expected.map((x) => x.id).sort(),
          totalCount: expected.length,
        });
      });
      const matrix = expectedMatrix(p, visible);
      expect({ where, matrix: data.round.matrix }).toEqual({ where, matrix });
      expect({ where, matrix: data.instrument.rounds[0].matrix }).toEqual({ where, matrix });

      // Comments reached through a comment's own fields follow the same rule.
      if (visible.length) {
        const nested = ok(
          await w.gql(
            `query($r: ID!) { comments(filter: { roundId: $r }, first: 1) { edges { node { round { matrix { total byGroup { group count } } } } } } }`,
            { r: roundId },
            viewer.token,
          ),
        );
        expect({ where, nested: nested.comments.edges[0].node.round.matrix }).toEqual({
          where,
          nested: matrix.map(({ total, byGroup }) => ({ total, byGroup })),
        });
      }

      const pending = await w.gql(Q.pending, { id: roundId }, viewer.token);
      // Every invited organization has a SUBMITTED comment here.
      if (viewer.staff) expect(ok(pending).round.pendingOrganizations).toEqual([]);
      else expect({ where, code: errorOf(pending).code }).toEqual({ where, code: 'FORBIDDEN' });
    }
  }

  for (const mode of ['IMMEDIATE', 'AFTER_CLOSE', 'SECRETARIAT_ONLY'] as Mode[]) {
    it(`${mode}: every viewer reads exactly what the rule allows, before and after the close, through pages, counts, filters and matrices`, async () => {
      const state = await populate(mode);
      await walk(mode, state, false);
      await w.close(state.p.instrumentId, 'Visibility walk');
      await walk(mode, state, true);
    });
  }

  it('never shows anything but its own organization’s comments to a constituent under SECRETARIAT_ONLY, even on the second page', async () => {
    const state = await populate('SECRETARIAT_ONLY');
    await w.close(state.p.instrumentId, 'closed');
    const mine = await w.all(w.tokens.constituents.WORKERS[1], { roundId: state.roundId }, 1);
    expect(mine.map((c) => c.organization.id)).toEqual([w.people.organizations.WORKERS[1], w.people.organizations.WORKERS[1]]);
  });
});
