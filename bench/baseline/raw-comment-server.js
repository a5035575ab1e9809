'use strict';
// Baseline of benchmark 1: the least a server can do to submit a comment on this database.
// A Fastify route, `pg` directly, no GraphQL, no authentication, no validation; the same rows
// as the api in one transaction, with the same deadline rule: the round (and its instrument)
// share-locked, then the database clock compared with closes_at after the lock is held.
// RAW_WITH_OUTBOX=1 also writes an outbox row (the runner sets it when the api writes one).
const fastify = require('fastify')({ logger: false });
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.RAW_POOL_MAX ?? 20) });
const withOutbox = process.env.RAW_WITH_OUTBOX === '1';

const COLUMNS = `id, round_id AS "roundId", guideline_id AS "guidelineId", organization_id AS "organizationId", "group",
  author_id AS "authorId", type, body, proposed_text AS "proposedText", status, late, revision,
  submitted_at AS "submittedAt", updated_at AS "updatedAt"`;

fastify.get('/health', async () => ({ ok: true }));

fastify.post('/comments', async (request, reply) => {
  const c = request.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query(`SELECT r.id FROM consultation_round r JOIN instrument i ON i.id = r.instrument_id WHERE r.id = $1 FOR SHARE OF i, r`, [
      c.roundId,
    ]);
    if (!locked.rowCount) {
      await client.query('ROLLBACK');
      return reply.code(404).send({ error: 'round not found' });
    }
    // The clock is read in this statement, after the locks are held.
    const inserted = await client.query(
      `INSERT INTO comment (round_id, guideline_id, organization_id, "group", author_id, type, body, proposed_text, late,
                            submitted_at, updated_at, idempotency_key)
       SELECT r.id, $2, $3, $4, $5, $6, $7, $8, false, t.at, t.at, $9
         FROM consultation_round r, (SELECT clock_timestamp() AS at) t
        WHERE r.id = $1 AND r.status = 'OPEN' AND t.at < r.closes_at
       ON CONFLICT (author_id, idempotency_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [c.roundId, c.guidelineId ?? null, c.organizationId, c.group, c.userId, c.type, c.body, c.proposedText ?? null, c.idempotencyKey],
    );
    const comment = inserted.rows[0];
    if (!comment) {
      await client.query('ROLLBACK');
      return reply.code(409).send({ error: 'deadline passed or duplicate key' });
    }
    await client.query(`INSERT INTO audit_event (actor_id, action, entity_type, entity_id, data) VALUES ($1, $2, $3, $4, $5)`, [
      c.userId,
      'comment.submitted',
      'Comment',
      comment.id,
      JSON.stringify({
        roundId: comment.roundId,
        guidelineId: comment.guidelineId,
        organizationId: comment.organizationId,
        group: comment.group,
        type: comment.type,
        late: comment.late,
      }),
    ]);
    if (withOutbox) {
      const id = randomUUID();
      await client.query(`INSERT INTO outbox (id, queue, name, payload, job_id, run_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        'notifications',
        'notification.fanout',
        JSON.stringify({ kind: 'comment.submitted', subjectId: comment.id }),
        `outbox-${id}`,
        null,
      ]);
    }
    await client.query('COMMIT');
    return { data: { submitComment: { id: comment.id, submittedAt: comment.submittedAt } } };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
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
