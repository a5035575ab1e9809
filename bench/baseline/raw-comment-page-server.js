'use strict';
// Baseline of benchmark 2: a page of comments with organization, author and guideline in ONE
// SQL statement through `pg`, answered in the api's JSON shape (as the secretariat sees it).
const fastify = require('fastify')({ logger: false });
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.RAW_POOL_MAX ?? 20) });

const PAGE = `
  SELECT c.id, c.type, c.body, c.proposed_text, c.status, c."group", c.submitted_at,
         to_char(c.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         o.id AS org_id, o.name AS org_name, o."group" AS org_group,
         u.id AS user_id, u.display_name,
         g.id AS g_id, g.key AS g_key, g.number AS g_number, g.title AS g_title, g.text AS g_text
    FROM comment c
    JOIN consultation_round r ON r.id = c.round_id
    JOIN organization o ON o.id = c.organization_id
    JOIN app_user u ON u.id = c.author_id
    LEFT JOIN guideline g ON g.id = c.guideline_id
   WHERE c.round_id = $1
   ORDER BY c.submitted_at, c.id
   LIMIT $2`;

fastify.get('/health', async () => ({ ok: true }));

fastify.get('/comments', async (request) => {
  const first = Math.min(200, Number(request.query.first ?? 50));
  const { rows } = await pool.query(PAGE, [request.query.roundId, first + 1]);
  const edges = rows.slice(0, first).map((r) => ({
    cursor: Buffer.from(`${r.cursor_at}|${r.id}`, 'utf8').toString('base64url'),
    node: {
      id: r.id,
      type: r.type,
      body: r.body,
      proposedText: r.proposed_text,
      status: r.status,
      group: r.group,
      submittedAt: r.submitted_at,
      organization: { id: r.org_id, name: r.org_name, group: r.org_group },
      author: { id: r.user_id, displayName: r.display_name },
      guideline: r.g_id ? { id: r.g_id, key: r.g_key, number: r.g_number, title: r.g_title, text: r.g_text } : null,
    },
  }));
  return { data: { comments: { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } } } };
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
