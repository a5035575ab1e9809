// Signed checkpoints anchor the audit chain's end: written by the real worker (child process) on an interval and
// after every Governing Body decision, carried out of the database by its log and by webhooks (a local receiver),
// and checked by verifyAuditChain and by `audit:verify --checkpoint <file>` (the built CLI).
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditVerifier, signCheckpoint } from '@tripartite/audit';
import { TestApi, ok } from '@tripartite/testing';
import { G, GbWorld } from '../governing-body/gb-fixtures';
import { WebhookReceiver, WorkerHandle, startWorker, validSignature, waitFor } from '../notifications/e2e-support';

const REGISTER = `mutation($u: String!, $e: [String!]!, $s: String!) { registerWebhook(url: $u, events: $e, secret: $s) { id } }`;
const VERIFY = `{ verifyAuditChain { valid checked firstBrokenSequence checkpointsChecked unverifiedCheckpoints firstUnreachedCheckpoint
  latestCheckpoint { v sequence hash at keyId signature } problems } }`;
const HOOK_SECRET = 'checkpoint-webhook-secret-0123456789';

// The worker signs with its own key; the API only ever gets the public half.
const keys = generateKeyPairSync('ed25519');
const SIGNING_KEY = (keys.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
const VERIFY_KEY = keys.publicKey.export({ format: 'pem', type: 'spki' }) as string;

interface Checkpoint {
  v: number;
  sequence: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

/** The signature check an outsider does from the README alone: the prefix line, then {at, hash, keyId, sequence}. */
function signedByWorker(cp: Checkpoint): boolean {
  const message = `tripartite audit checkpoint v1\n${JSON.stringify({ at: cp.at, hash: cp.hash, keyId: cp.keyId, sequence: cp.sequence })}`;
  return verify(null, Buffer.from(message), keys.publicKey, Buffer.from(cp.signature, 'base64'));
}

describe('signed audit checkpoints', () => {
  let gb: GbWorld;
  let api: TestApi;
  let worker: WorkerHandle | undefined;
  const receiver = new WebhookReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));

  beforeAll(async () => {
    process.env.AUDIT_VERIFY_KEY = VERIFY_KEY;
    gb = await GbWorld.start();
    api = gb.w.api;
    await receiver.start();
    ok(await gb.gql(REGISTER, { u: `${receiver.url}/audit`, e: ['audit.checkpoint'], s: HOOK_SECRET }, gb.tokens.admin));
    worker = await startWorker(api, { AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_CHECKPOINT_INTERVAL: '2s', LOG_LEVEL: 'info' });
  }, 120_000);
  afterAll(async () => {
    delete process.env.AUDIT_VERIFY_KEY;
    await worker?.proc.kill();
    await receiver.stop();
    await gb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = (reason: string) =>
    api.db.query<Checkpoint & { reason: string }>(
      `SELECT 1 AS v, sequence::int AS sequence, hash, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              key_id AS "keyId", signature FROM audit_checkpoint WHERE reason = $1 ORDER BY created_at`,
      [reason],
    );
  const eventHash = async (sequence: number) => (await api.db.query<{ hash: string }>(`SELECT hash FROM audit_event WHERE sequence = $1`, [sequence]))[0]?.hash;
  const loggedCheckpoints = (): Checkpoint[] =>
    worker!.proc
      .logs()
      .filter((l) => l.msg === 'audit checkpoint')
      .map((l) => l.checkpoint as Checkpoint);
  const hooked = () => receiver.hitsOn('/audit');
  const completedRuns = async (): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${worker!.port}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('tripartite_job_duration_seconds_count') && l.includes('name="audit.checkpoint"') && l.includes('outcome="completed"'));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  /** The log line and the webhook delivery that carried this checkpoint out of the database. */
  async function emitted(cp: Checkpoint): Promise<void> {
    const logged = await waitFor('the checkpoint in the log', async () => loggedCheckpoints().find((l) => l.signature === cp.signature));
    expect(logged).toEqual(cp);
    const hit = await waitFor('the checkpoint at the webhook', async () => hooked().find((h) => JSON.parse(h.body).data.signature === cp.signature));
    expect(validSignature(HOOK_SECRET, hit)).toBe(true);
    expect(JSON.parse(hit.body)).toMatchObject({ kind: 'audit.checkpoint', instrumentId: null, data: cp });
  }
  const cli = (...files: string[]) =>
    spawnSync(process.execPath, ['dist/apps/cli/src/audit-verify.js', ...files.flatMap((f) => ['--checkpoint', f])], {
      env: { ...process.env, DATABASE_URL: api.db.url, AUDIT_VERIFY_KEY: VERIFY_KEY },
      encoding: 'utf8',
    });
  const file = (name: string, lines: unknown[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
    return path;
  };

  let decided: Checkpoint;
  let decisionEvents: { first: number; last: number };

  it('the interval job signs the chain end once its events are older than the interval, logs it and sends it to webhooks; an idle chain gets none', async () => {
    const [first] = await waitFor('an interval checkpoint', async () => ((await stored('interval')).length ? stored('interval') : undefined), 20_000);
    expect(first).toMatchObject({ v: 1, keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(await eventHash(first.sequence)).toBe(first.hash);
    const [{ end }] = await api.db.query<{ end: number }>(`SELECT max(sequence)::int AS end FROM audit_event`);
    expect(first.sequence).toBe(end);
    expect(signedByWorker(first)).toBe(true);
    await emitted(first);

    // Nothing was written since: two more runs of the job sign nothing.
    const runs = await completedRuns();
    await waitFor('two more checkpoint runs', async () => ((await completedRuns()) >= runs + 2 ? true : undefined), 20_000);
    expect(await stored('interval')).toEqual([first]);
  }, 60_000);

  it('a Governing Body decision gets a checkpoint of its own that covers its events, also emitted outside', async () => {
    const { submission } = await gb.submitted();
    await gb.staff(G.decide, { id: submission.id, d: 'APPROVED' });
    [decided] = await waitFor('the decision checkpoint', async () => ((await stored('gb.decided')).length ? stored('gb.decided') : undefined), 20_000);
    [decisionEvents] = await api.db.query<{ first: number; last: number }>(
      `SELECT min(sequence)::int AS first, max(sequence)::int AS last FROM audit_event
        WHERE txid = (SELECT txid FROM audit_event WHERE action = 'gbSubmission.decided' AND entity_id = $1)`,
      [submission.id],
    );
    expect(decisionEvents.last - decisionEvents.first).toBeGreaterThanOrEqual(1); // the decision and the stage move
    expect(decided.sequence).toBeGreaterThanOrEqual(decisionEvents.last);
    expect(await eventHash(decided.sequence)).toBe(decided.hash);
    expect(signedByWorker(decided)).toBe(true);
    await emitted(decided);

    const result = ok(await gb.gql(VERIFY, {}, gb.tokens.admin)).verifyAuditChain;
    const all = await api.db.query<{ n: number; top: number }>(`SELECT count(*)::int AS n, max(sequence)::int AS top FROM audit_checkpoint`);
    expect(result).toMatchObject({
      valid: true,
      firstBrokenSequence: null,
      checkpointsChecked: all[0].n,
      unverifiedCheckpoints: 0,
      firstUnreachedCheckpoint: null,
      problems: [],
    });
    expect(result.latestCheckpoint.sequence).toBe(all[0].top);
  }, 90_000);

  it('a forged checkpoint is refused, in a file and in the database', async () => {
    const genuine = file('genuine.jsonl', [decided]);
    expect(cli(genuine)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^Audit chain valid: \d+ events checked\nCheckpoints: \d+ reached \(\d+ stored, 1 from files\)/),
    });

    // The signature of a real checkpoint on another statement; a checkpoint signed by a key of the forger's own.
    const moved = { ...decided, sequence: decisionEvents.first - 1, hash: await eventHash(decisionEvents.first - 1) };
    const forger = generateKeyPairSync('ed25519').privateKey;
    const ownKey = signCheckpoint({ sequence: decided.sequence, hash: decided.hash, at: new Date(decided.at) }, forger);
    const run = cli(file('forged.jsonl', [moved, ownKey]));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Audit chain INVALID: \d+ events recompute, but the chain has checkpoints that fail their signature/);
    expect(run.stdout).toContain(
      `checkpoint at sequence ${moved.sequence} of ${decided.at} (${join(dir, 'forged.jsonl')} line 1): bad signature (forged or altered)`,
    );
    expect(run.stdout).toMatch(/line 2\): signed by key [0-9a-f]{16}, which is not a verification key/);

    // A line that holds no checkpoint is an input error, not a verdict.
    const bad = cli(file('bad.jsonl', [{ level: 30, msg: 'hello' }]));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not a checkpoint file:\n {2}\S+bad\.jsonl line 1: v must be 1/);

    // A forged row in the database's own copy.
    await api.db.query(`INSERT INTO audit_checkpoint (sequence, hash, at, key_id, signature, reason) VALUES ($1, $2, $3, $4, $5, 'interval')`, [
      moved.sequence,
      moved.hash,
      moved.at,
      moved.keyId,
      moved.signature,
    ]);
    const result = ok(await gb.gql(VERIFY, {}, gb.tokens.admin)).verifyAuditChain;
    expect(result).toMatchObject({ valid: false, firstBrokenSequence: null, unverifiedCheckpoints: 1, firstUnreachedCheckpoint: null });
    expect(result.problems).toEqual([expect.stringMatching(/^checkpoint at sequence \d+ .*\(stored\): bad signature \(forged or altered\)$/)]);
    await api.db.query(`ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_guard`);
    await api.db.query(`DELETE FROM audit_checkpoint WHERE signature = $1 AND sequence = $2`, [moved.signature, moved.sequence]);
    await api.db.query(`ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_guard`);
    expect(ok(await gb.gql(VERIFY, {}, gb.tokens.admin)).verifyAuditChain.valid).toBe(true);
  }, 60_000);

  it('deleting the decision (the last events) behind the triggers: the chain alone still verifies, the checkpoints show the cut', async () => {
    const stopped = worker!.proc;
    await stopped.kill();
    worker = undefined;
    // The copies outside the database, as an operator collects them: the worker's log lines and the webhook bodies.
    const logFile = file(
      'worker-log.jsonl',
      stopped
        .stdout()
        .split('\n')
        .filter((l) => l.includes('"msg":"audit checkpoint"')),
    );
    const hookFile = file(
      'webhooks.jsonl',
      hooked().map((h) => h.body),
    );
    expect(cli(logFile, hookFile).status).toBe(0);

    // A superuser removes the decision's events, and everything after them.
    await api.db.query(`SET session_replication_role = replica`);
    await api.db.query(`DELETE FROM audit_event WHERE sequence >= $1`, [decisionEvents.first]);
    await api.db.query(`RESET session_replication_role`);

    // What verification said before checkpoints: the chain recomputes.
    expect(await api.app.get(AuditVerifier).verify()).toMatchObject({ valid: true, checked: decisionEvents.first - 1, firstBrokenSequence: null });

    const result = ok(await gb.gql(VERIFY, {}, gb.tokens.admin)).verifyAuditChain;
    expect(result).toMatchObject({ valid: false, checked: decisionEvents.first - 1, firstBrokenSequence: null, unverifiedCheckpoints: 0 });
    expect(result.firstUnreachedCheckpoint).toBeGreaterThanOrEqual(decisionEvents.first);
    expect(result.firstUnreachedCheckpoint).toBeLessThanOrEqual(decided.sequence);
    expect(result.latestCheckpoint.sequence).toBeLessThan(decisionEvents.first);
    expect(result.problems).toContain(
      `checkpoint at sequence ${decided.sequence} of ${decided.at} (stored) is not reached: the chain ends at ${decisionEvents.first - 1} (events after it were deleted)`,
    );

    const run = cli(hookFile);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`^Audit chain INVALID: ${decisionEvents.first - 1} events recompute, but the chain no longer reaches checkpoint \\d+`),
    );
    expect(run.stdout).toContain(`checkpoint at sequence ${decided.sequence} of ${decided.at} (${hookFile} line `);

    // Removing the database's copies too leaves the copies outside: they still show the cut.
    await api.db.query(`ALTER TABLE audit_checkpoint DISABLE TRIGGER ALL`);
    await api.db.query(`DELETE FROM audit_checkpoint WHERE sequence >= $1`, [decisionEvents.first]);
    await api.db.query(`ALTER TABLE audit_checkpoint ENABLE TRIGGER ALL`);
    // The database's copy alone can no longer show it: which is why the checkpoints are kept outside.
    expect(ok(await gb.gql(VERIFY, {}, gb.tokens.admin)).verifyAuditChain.valid).toBe(true);
    for (const outside of [logFile, hookFile]) {
      const again = cli(outside);
      expect(again.status).toBe(1);
      expect(again.stdout).toContain(`checkpoint at sequence ${decided.sequence} of ${decided.at} (${outside} line `);
    }
  }, 60_000);
});
