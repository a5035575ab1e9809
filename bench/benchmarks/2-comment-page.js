'use strict';
// 2. A page of 100 comments with organization, author and guideline: the api's comments query vs
// the same data from one SQL statement. Throughput, p99, SQL statements per request.
const { withContext } = require('../lib/context');
const { startApi } = require('../lib/procs');
const { submitWorld } = require('../lib/submit-world');
const { readBench } = require('../lib/read-bench');
const { gql } = require('../lib/world');
const { mapLimit, log } = require('../lib/util');

const COMMENTS = 1000;
const SUBMIT = `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`;
const PAGE = `query($f: CommentFilter!, $first: Int) { comments(filter: $f, first: $first) {
  edges { cursor node { id type body proposedText status group submittedAt
    organization { id name group } author { id displayName } guideline { id key number title text } } }
  pageInfo { hasNextPage endCursor } } }`;

async function run() {
  return withContext('b2', async (ctx) => {
    const api = ctx.track(await startApi(ctx));
    const world = await submitWorld(ctx, api, { orgsPerGroup: 10, usersPerOrg: 2 });
    const users = world.people.constituents;
    const ids = world.instrument.guidelineIds;
    // The comments, submitted through the api by many organizations; one in five is general.
    await mapLimit([...Array(COMMENTS).keys()], 16, (i) =>
      gql(
        api.url,
        SUBMIT,
        {
          in: {
            roundId: world.round.id,
            guidelineId: i % 5 === 0 ? null : ids[i % ids.length],
            type: ['GENERAL', 'TECHNICAL', 'EDITORIAL'][i % 3],
            body: `Comment ${i}: the guideline should name who bears the cost of recruitment, travel and documents.`,
            proposedText: i % 2 ? `Proposed wording ${i}: no fee or related cost is charged to the worker.` : null,
          },
        },
        users[i % users.length].token,
      ),
    );
    log(`  ${COMMENTS} comments submitted`);
    const result = await readBench(ctx, api, {
      name: 'comments(first: 100)',
      query: PAGE,
      variables: { f: { roundId: world.round.id }, first: 100 },
      token: world.people.staff.secretariat.token,
      rawScript: 'raw-comment-page-server.js',
      rawPath: `/comments?roundId=${world.round.id}&first=100`,
      connections: [16],
    });
    return { comments: COMMENTS, viewer: 'SECRETARIAT', ...result };
  });
}

module.exports = { id: 2, title: 'A page of 100 comments with organization, author and guideline vs one SQL statement', run };
