'use strict';
// The load generator: autocannon in a process of its own (pinned by the caller to the core the
// servers do not use). Reads its configuration as JSON on stdin, prints the result as JSON.
const autocannon = require('autocannon');

const SUBMIT = `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id submittedAt } }`;
const TYPES = ['GENERAL', 'TECHNICAL', 'EDITORIAL'];

function requestFor(config) {
  const state = { n: 0, failures: 0, samples: [] };
  const fail = (status, body) => {
    state.failures += 1;
    if (state.samples.length < 3) state.samples.push(`${status} ${String(body).slice(0, 300)}`);
  };
  const check = (status, body) => {
    if (status !== 200 || (config.graphql && body.includes('"errors"'))) fail(status, body);
  };

  if (config.kind === 'submit') {
    const { users, roundId, guidelineIds, keyPrefix, target } = config.submit;
    return {
      state,
      request: {
        method: 'POST',
        path: target === 'api' ? '/graphql' : '/comments',
        setupRequest(req) {
          const n = state.n++;
          const user = users[n % users.length];
          const input = {
            roundId,
            guidelineId: n % 5 === 0 ? null : guidelineIds[n % guidelineIds.length],
            type: TYPES[n % 3],
            body: `Benchmark comment ${n}: the wording of this guideline should say who pays the recruitment fees.`,
            idempotencyKey: `${keyPrefix}-${n}`,
          };
          req.headers = { 'content-type': 'application/json' };
          if (target === 'api') {
            req.headers.authorization = `Bearer ${user.token}`;
            req.body = JSON.stringify({ query: SUBMIT, variables: { in: input } });
          } else {
            req.body = JSON.stringify({ ...input, userId: user.id, organizationId: user.organizationId, group: user.group });
          }
          return req;
        },
        onResponse: check,
      },
    };
  }
  // A fixed request (reads).
  return {
    state,
    request: { method: config.method ?? 'POST', path: config.path, headers: config.headers, body: config.body, onResponse: check },
  };
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const config = JSON.parse(input);
  const { state, request } = requestFor(config);
  const result = await autocannon({
    url: config.url,
    connections: config.connections,
    duration: config.duration,
    overallRate: config.overallRate,
    timeout: 30,
    requests: [request],
  });
  const ok = result.requests.total - state.failures;
  process.stdout.write(
    JSON.stringify({
      connections: config.connections,
      duration: result.duration,
      sent: result.requests.sent,
      total: result.requests.total,
      ok,
      failures: state.failures,
      failureSamples: state.samples,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      throughput: ok / result.duration,
      latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
    }),
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
