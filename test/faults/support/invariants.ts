// What must hold in the database whatever failed: every write whole or absent, and every acknowledged write present.
import { roundCloseJobId } from '@tripartite/domain';
import type { Entry } from './history';
import type { SuiteDatabase } from './services';

type Problems = string[];

const first = (rows: { problem: string }[], max = 5): Problems => rows.slice(0, max).map((r) => r.problem);

/**
 * Half writes: each write's rows (the change, its audit event, its notification event and outbox rows)
 * exist together or not at all. Returns what is wrong, as readable lines.
 */
export async function halfWrites(db: SuiteDatabase): Promise<Problems> {
  const checks: [string, string][] = [
    [
      'a comment without exactly one comment.submitted audit event',
      `SELECT 'comment ' || c.id || ' has ' || count(a.id) || ' comment.submitted events' AS problem
         FROM comment c LEFT JOIN audit_event a ON a.entity_id = c.id::text AND a.action = 'comment.submitted'
        GROUP BY c.id HAVING count(a.id) <> 1`,
    ],
    [
      'a comment.submitted audit event without its comment',
      `SELECT 'audit event ' || a.id || ' names no comment' AS problem
         FROM audit_event a WHERE a.action = 'comment.submitted' AND NOT EXISTS (SELECT 1 FROM comment c WHERE c.id::text = a.entity_id)`,
    ],
    [
      'stage transitions, stage.changed audit events and stage.changed notification events not one to one',
      `SELECT 'instrument ' || i.id || ': ' || t.n || ' transitions, ' || a.n || ' audit events, ' || e.n || ' notification events' AS problem
         FROM instrument i,
              LATERAL (SELECT count(*) AS n FROM stage_transition WHERE instrument_id = i.id) t,
              LATERAL (SELECT count(*) AS n FROM audit_event WHERE entity_id = i.id::text AND action = 'stage.changed') a,
              LATERAL (SELECT count(*) AS n FROM notification_event WHERE subject_id = i.id AND kind = 'stage.changed') e
        WHERE NOT (t.n = a.n AND a.n = e.n)`,
    ],
    [
      "a stage history that is not a chain from DRAFTING to the instrument's stage",
      `WITH h AS (
         SELECT instrument_id, from_stage, to_stage,
                lag(to_stage) OVER (PARTITION BY instrument_id ORDER BY at, id) AS previous,
                row_number() OVER (PARTITION BY instrument_id ORDER BY at DESC, id DESC) AS from_end
           FROM stage_transition)
       SELECT 'instrument ' || i.id || ' is ' || i.stage || ' but its history ' ||
              coalesce((SELECT string_agg(from_stage || '>' || to_stage, ' ' ORDER BY from_end DESC) FROM h WHERE h.instrument_id = i.id), 'is empty') AS problem
         FROM instrument i
        WHERE EXISTS (SELECT 1 FROM h WHERE h.instrument_id = i.id AND (h.from_stage <> coalesce(h.previous, 'DRAFTING')))
           OR coalesce((SELECT to_stage FROM h WHERE h.instrument_id = i.id AND from_end = 1), 'DRAFTING') <> i.stage`,
    ],
    [
      'a notification event without exactly one fan-out row in the outbox',
      `SELECT 'event ' || e.id || ' (' || e.kind || ') has ' || count(o.id) || ' fan-out rows' AS problem
         FROM notification_event e LEFT JOIN outbox o ON o.job_id = 'fanout-' || e.id
        GROUP BY e.id, e.kind HAVING count(o.id) <> 1`,
    ],
    [
      'an opened round without its round.opened audit event and close job, or a closed one without one round.closed event',
      `SELECT 'round ' || r.id || ' (' || r.status || '): ' || o.n || ' opened, ' || c.n || ' closed events, ' || j.n || ' close jobs' AS problem
         FROM consultation_round r,
              LATERAL (SELECT count(*) AS n FROM audit_event WHERE entity_id = r.id::text AND action = 'round.opened') o,
              LATERAL (SELECT count(*) AS n FROM audit_event WHERE entity_id = r.id::text AND action = 'round.closed') c,
              LATERAL (SELECT count(*) AS n FROM outbox WHERE name = 'round.close' AND payload->>'roundId' = r.id::text) j
        WHERE r.status <> 'SCHEDULED' AND NOT (o.n = 1 AND j.n >= 1 AND c.n = CASE WHEN r.status = 'CLOSED' THEN 1 ELSE 0 END)`,
    ],
    [
      'position records and position.recorded audit events of an item not one to one',
      `SELECT 'item ' || i.id || ': ' || p.n || ' positions, ' || a.n || ' audit events' AS problem
         FROM agenda_item i,
              LATERAL (SELECT count(*) AS n FROM position_record WHERE agenda_item_id = i.id) p,
              LATERAL (SELECT count(*) AS n FROM audit_event WHERE entity_id = i.id::text AND action = 'position.recorded') a
        WHERE p.n <> a.n`,
    ],
    [
      "a group's current position that is not its latest record",
      `SELECT 'item ' || agenda_item_id || ' ' || "group" || ': current ' || coalesce(bool_or(current AND latest)::text, 'none') AS problem
         FROM (SELECT agenda_item_id, "group", current,
                      row_number() OVER (PARTITION BY agenda_item_id, "group" ORDER BY recorded_at DESC, id DESC) = 1 AS latest
                 FROM position_record) p
        GROUP BY agenda_item_id, "group" HAVING NOT coalesce(bool_or(current AND latest), false) OR count(*) FILTER (WHERE current) <> 1`,
    ],
    [
      'a webhook delivery without exactly one delivery job in the outbox',
      `SELECT 'delivery ' || d.id || ' has ' || count(o.id) || ' jobs' AS problem
         FROM webhook_delivery d LEFT JOIN outbox o ON o.job_id = 'webhook-' || d.id
        GROUP BY d.id HAVING count(o.id) <> 1`,
    ],
  ];
  const problems: Problems = [];
  for (const [what, sql] of checks) {
    const rows = await db.query<{ problem: string }>(sql);
    if (rows.length) problems.push(`${what}: ${rows.length} (${first(rows).join('; ')})`);
  }
  // Each round's close job has the id its deadline implies.
  const rounds = await db.query<{ id: string; closesAt: Date; jobs: string[] }>(
    `SELECT r.id, r.closes_at AS "closesAt", array_agg(o.job_id) AS jobs FROM consultation_round r
       JOIN outbox o ON o.name = 'round.close' AND o.payload->>'roundId' = r.id::text GROUP BY r.id`,
  );
  for (const r of rounds) {
    if (!r.jobs.includes(roundCloseJobId(r.id, r.closesAt))) problems.push(`round ${r.id}: no close job for its deadline`);
  }
  return problems;
}

// Load entries name the instrument; set-up calls keep their GraphQL variables.
const instrumentOf = (e: Entry) => (e.vars.instrument ?? e.vars.i) as string;

/** Acknowledged writes: every request answered with success left its write in the database. */
export async function lostWrites(db: SuiteDatabase, entries: Entry[]): Promise<Problems> {
  const problems: Problems = [];
  const ok = entries.filter((e) => e.ok);
  const comments = ok.filter((e) => e.op === 'submitComment');
  if (comments.length) {
    const ids = comments.map((e) => e.data.submitComment.id as string);
    const found = await db.query<{ id: string; key: string | null; body: string }>(
      `SELECT id, idempotency_key AS key, body FROM comment WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(found.map((c) => [c.id, c]));
    for (const e of comments) {
      const c = byId.get(e.data.submitComment.id);
      if (!c) problems.push(`#${e.seq} submitComment acknowledged comment ${e.data.submitComment.id}, which is not in the database`);
      else if (c.body !== e.vars.body) problems.push(`#${e.seq} submitComment: the stored body differs`);
    }
  }
  const positions = ok.filter((e) => e.op === 'recordPosition');
  if (positions.length) {
    const found = await db.query<{ statement: string; item: string; group: string; position: string }>(
      `SELECT statement, agenda_item_id AS item, "group", position FROM position_record WHERE statement = ANY($1::text[])`,
      [positions.map((e) => e.vars.statement)],
    );
    const byStatement = new Map(found.map((p) => [p.statement, p]));
    for (const e of positions) {
      const p = byStatement.get(e.vars.statement as string);
      if (!p || p.item !== e.vars.item || p.group !== e.vars.group || p.position !== e.vars.position) {
        problems.push(`#${e.seq} recordPosition ${JSON.stringify(e.vars)} acknowledged, stored as ${JSON.stringify(p ?? null)}`);
      }
    }
  }
  const moves = ok.filter((e) => e.op === 'advanceStage');
  if (moves.length) {
    const found = await db.query<{ instrumentId: string; to: string; n: number }>(
      `SELECT instrument_id AS "instrumentId", to_stage AS to, count(*)::int AS n FROM stage_transition
        WHERE instrument_id = ANY($1::uuid[]) GROUP BY 1, 2`,
      [[...new Set(moves.map(instrumentOf))]],
    );
    const stored = new Map(found.map((t) => [`${t.instrumentId}>${t.to}`, t.n]));
    const acknowledged = new Map<string, number>();
    for (const e of moves) {
      const key = `${instrumentOf(e)}>${e.vars.to}`;
      acknowledged.set(key, (acknowledged.get(key) ?? 0) + 1);
    }
    for (const [key, n] of acknowledged) {
      if ((stored.get(key) ?? 0) < n) problems.push(`advanceStage ${key}: ${n} acknowledged, ${stored.get(key) ?? 0} transitions stored`);
    }
  }
  return problems;
}

/** Responses that are not clean failures (unknown codes, stack traces, SQL text, no answer). */
export function uncleanAnswers(entries: Entry[]): Problems {
  return entries
    .filter((e) => e.unclean)
    .slice(0, 10)
    .map((e) => `#${e.seq} ${e.op}: ${e.unclean}`);
}
