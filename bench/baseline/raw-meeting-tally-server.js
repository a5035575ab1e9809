'use strict';
// Baseline of benchmark 3: a meeting's tally and its agenda items' tallies from ONE SQL statement
// through `pg` (with the same reader check), tallied by the same pure domain functions the api
// uses (dist/libs/domain), answered in the api's JSON shape.
const path = require('node:path');
const fastify = require('fastify')({ logger: false });
const { Pool } = require('pg');
const { tallyItem, weighVote } = require(path.resolve(__dirname, '../../dist/libs/domain/src'));

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.RAW_POOL_MAX ?? 20) });

const ITEMS = `
  SELECT i.id, i.position, i.status, m.decision_rule AS "decisionRule",
         (SELECT json_object_agg(p."group", p.position) FROM position_record p WHERE p.agenda_item_id = i.id AND p.current) AS positions,
         (SELECT json_build_object('votes', v.votes, 'registered', v.registered)
            FROM item_vote v WHERE v.agenda_item_id = i.id AND v.current) AS vote
    FROM experts_meeting m JOIN agenda_item i ON i.meeting_id = m.id
   WHERE m.id = $1
     AND ($2::boolean
       OR EXISTS (SELECT 1 FROM meeting_participant rp WHERE rp.meeting_id = m.id AND rp.user_id = $3::uuid)
       OR EXISTS (SELECT 1 FROM meeting_moderator rm WHERE rm.meeting_id = m.id AND rm.user_id = $3::uuid))
   ORDER BY i.position`;

const count = (rows, ...statuses) => rows.filter((r) => statuses.includes(r.status)).length;

fastify.get('/health', async () => ({ ok: true }));

fastify.get('/meeting-tally', async (request, reply) => {
  const { meetingId, userId } = request.query;
  const { rows } = await pool.query(ITEMS, [meetingId, request.query.all === 'true', userId ?? null]);
  if (!rows.length) return reply.code(404).send({ error: 'meeting not found' });
  const tallies = rows.map((r) => ({
    agendaItemId: r.id,
    ...tallyItem(r.decisionRule, r.positions ?? {}, r.vote ? weighVote(r.vote.votes, r.vote.registered) : null),
  }));
  return {
    data: {
      meeting: {
        id: meetingId,
        tally: {
          meetingId,
          adopted: count(rows, 'ADOPTED', 'ADOPTED_AS_AMENDED'),
          notAdopted: count(rows, 'NOT_ADOPTED'),
          deferred: count(rows, 'DEFERRED'),
          open: count(rows, 'PENDING', 'UNDER_DISCUSSION'),
          items: tallies,
        },
        agenda: rows.map((r, i) => ({ id: r.id, order: r.position, status: r.status, tally: tallies[i] })),
      },
    },
  };
});

fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
process.on('SIGTERM', () =>
  fastify
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0)),
);
