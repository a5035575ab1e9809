// Many writers at once on one row: exactly one stage move, a tally equal to the recorded positions, one comment per key.
import type { Entry } from './support/history';
import { POSITIONS } from './support/load';
import { OPS } from './support/operations';
import { GROUPS, World } from './support/world';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const codes = (entries: Entry[]) => [...new Set(entries.filter((e) => !e.ok).map((e) => e.code))].sort();

type Tally = { agendaItemId: string; outcome: string; supporting: string[]; opposing: string[]; abstaining: string[]; reserving: string[]; pending: string[] };

/** The CONSENSUS rule (DESIGN.md section 4) applied to an item's current positions. */
function expectedTally(agendaItemId: string, positions: Record<string, string>): Tally {
  const having = (p: string) => GROUPS.filter((g) => positions[g] === p);
  const pending = GROUPS.filter((g) => !positions[g]);
  const outcome = pending.length ? 'INCOMPLETE' : having('OPPOSE').length === 0 && having('SUPPORT').length > 0 ? 'CONSENSUS' : 'NO_CONSENSUS';
  return {
    agendaItemId,
    outcome,
    supporting: having('SUPPORT'),
    opposing: having('OPPOSE'),
    abstaining: having('ABSTAIN'),
    reserving: having('RESERVATION'),
    pending,
  };
}

const sorted = (t: Tally): Tally => ({
  ...t,
  supporting: [...t.supporting].sort(),
  opposing: [...t.opposing].sort(),
  abstaining: [...t.abstaining].sort(),
  reserving: [...t.reserving].sort(),
  pending: [...t.pending].sort(),
});

export function concurrencyScenario(world: () => World): void {
  describe('concurrent writers', () => {
    beforeAll(() => {
      world().history.scenario = 'concurrency';
    });

    it('50 concurrent advanceStage: exactly one transition, each time', async () => {
      const w = world();
      const c = await w.scheduled(new Date((await w.dbNow()).getTime() + 3_600_000));
      const burst = (to: string, reason?: string) =>
        Promise.all(
          range(50).map(() =>
            w.history.call('advanceStage', OPS.advanceStage, { i: c.instrumentId, to, reason }, w.secretariat.token, { instrument: c.instrumentId, to }),
          ),
        );
      for (const [to, reason] of [['CONSULTATION'], ['CONSOLIDATION', 'Closed early by everyone at once']]) {
        const entries = await burst(to, reason);
        expect(entries.filter((e) => e.ok)).toHaveLength(1);
        // The losers see the move already made.
        expect(codes(entries).filter((code) => code !== 'CONFLICT' && code !== 'TRANSITION_BLOCKED')).toEqual([]);
      }
      const transitions = await w.db.query<{ from: string; to: string }>(
        `SELECT from_stage AS from, to_stage AS to FROM stage_transition WHERE instrument_id = $1 ORDER BY at`,
        [c.instrumentId],
      );
      expect(transitions).toEqual([
        { from: 'DRAFTING', to: 'CONSULTATION' },
        { from: 'CONSULTATION', to: 'CONSOLIDATION' },
      ]);
      const events = await w.db.query<{ action: string; n: number }>(
        `SELECT action, count(*)::int AS n FROM audit_event WHERE entity_id = $1 GROUP BY action ORDER BY action`,
        [c.roundId],
      );
      expect(events).toEqual([
        { action: 'round.closed', n: 1 },
        { action: 'round.opened', n: 1 },
        { action: 'round.scheduled', n: 1 },
      ]);
    }, 60_000);

    it('20 moderators x 50 concurrent positions: the tally equals the recorded current positions', async () => {
      const w = world();
      const meeting = await w.meetingInSession(10);
      let n = 0;
      const calls = w.moderators.flatMap((m, mi) =>
        range(50).map((j) => {
          const vars = {
            item: meeting.items[(mi * 50 + j) % meeting.items.length],
            group: GROUPS[(mi + j) % GROUPS.length],
            position: POSITIONS[Math.floor(Math.random() * POSITIONS.length)],
            statement: `concurrent statement ${++n}`,
          };
          return w.history.call(
            'recordPosition',
            OPS.recordPosition,
            { i: vars.item, g: vars.group, p: vars.position, s: vars.statement },
            m.token,
            vars,
            60_000,
          );
        }),
      );
      const entries = await Promise.all(calls);
      expect(codes(entries)).toEqual([]);
      expect(entries).toHaveLength(1000);

      const records = await w.db.query<{ item: string; group: string; position: string; current: boolean; statement: string }>(
        `SELECT agenda_item_id AS item, "group", position, current, statement FROM position_record WHERE agenda_item_id = ANY($1::uuid[])`,
        [meeting.items],
      );
      expect(records).toHaveLength(1000);
      const current: Record<string, Record<string, string>> = Object.fromEntries(meeting.items.map((i) => [i, {}]));
      for (const r of records.filter((r) => r.current)) current[r.item][r.group] = r.position;

      // Linearizable: per item and group, the acknowledged write with the highest item revision is the current one.
      const last = new Map<string, Entry>();
      for (const e of entries) {
        const key = `${e.vars.item}/${e.vars.group}`;
        const seen = last.get(key);
        if (!seen || e.data.recordPosition.revision > seen.data.recordPosition.revision) last.set(key, e);
      }
      for (const [key, e] of last) {
        const [item, group] = key.split('/');
        expect({ key, position: current[item][group] }).toEqual({ key, position: e.vars.position });
      }
      // Every item's revision went up once per write, none lost to a race.
      const revisions = new Map<string, number[]>();
      for (const e of entries) revisions.set(e.vars.item as string, [...(revisions.get(e.vars.item as string) ?? []), e.data.recordPosition.revision]);
      for (const list of revisions.values()) expect(new Set(list).size).toBe(list.length);

      const { meeting: read } = await w.history.must('meetingTally', OPS.meetingTally, { m: meeting.id }, w.secretariat.token);
      const apiTally = (read.tally.items as Tally[]).map(sorted).sort((a, b) => a.agendaItemId.localeCompare(b.agendaItemId));
      const recomputed = meeting.items.map((i) => sorted(expectedTally(i, current[i]))).sort((a, b) => a.agendaItemId.localeCompare(b.agendaItemId));
      expect(apiTally).toEqual(recomputed);
      // The agenda's positions are the same current records.
      for (const item of read.agenda as { id: string; positions: { group: string; position: string }[] }[]) {
        expect(Object.fromEntries(item.positions.map((p) => [p.group, p.position]))).toEqual(current[item.id]);
      }
    }, 120_000);

    it('50 concurrent submits with one idempotency key: one comment, the same one for all', async () => {
      const w = world();
      const round = await w.openConsultation();
      const author = w.constituents[0];
      const input = { roundId: round.roundId, type: 'GENERAL', body: 'Sent fifty times over a bad link', idempotencyKey: 'one-key-for-all' };
      const entries = await Promise.all(
        range(50).map(() =>
          w.history.call('submitComment', OPS.submitComment, { in: input }, author.token, {
            round: round.roundId,
            author: author.id,
            body: input.body,
            key: input.idempotencyKey,
          }),
        ),
      );
      expect(codes(entries)).toEqual([]);
      expect(new Set(entries.map((e) => e.data.submitComment.id)).size).toBe(1);
      const rows = await w.db.query<{ id: string }>(`SELECT id FROM comment WHERE author_id = $1 AND idempotency_key = $2`, [author.id, input.idempotencyKey]);
      expect(rows.map((r) => r.id)).toEqual([entries[0].data.submitComment.id]);
      const [{ events }] = await w.db.query<{ events: number }>(
        `SELECT count(*)::int AS events FROM audit_event WHERE action = 'comment.submitted' AND entity_id = $1`,
        [rows[0].id],
      );
      expect(events).toBe(1);
    }, 60_000);
  });
}
