import { DataSource } from 'typeorm';
import {
  AuditCheckpoint,
  AuditCheckpointer,
  AuditKeys,
  AuditLogService,
  AuditModule,
  AuditSealer,
  AuditService,
  GENESIS_HASH,
  chainHash,
  checkSignature,
} from '@tripartite/audit';
import { Transactions } from '@tripartite/database';
import { OutboxModule } from '@tripartite/outbox';
import { Medium, startMedium } from '../support';

// The audit's services on the real database: events appended in their writer's transaction, sealed into a gapless
// chain once their transaction is over, read back a page at a time, verified, and anchored by signed checkpoints.
describe('audit services (medium)', () => {
  let medium: Medium;
  let audit: AuditService;
  let sealer: AuditSealer;
  let tx: Transactions;

  const record = (entityId: string, data: Record<string, unknown> = {}) => tx.run(({ em }) => audit.record(em, null, 'test.recorded', 'Test', entityId, data));

  /**
   * Seals until `count` events are: the sealer waits for every transaction of the server older than an event to
   * end (another test's too), so a single call may legitimately seal less.
   */
  async function sealedCount(count: number): Promise<void> {
    for (const until = Date.now() + 20_000; ;) {
      await sealer.seal();
      const [{ n }] = await medium.db.query<{ n: number }>(`SELECT count(sequence)::int AS n FROM audit_event`);
      if (n >= count) return;
      if (Date.now() > until) throw new Error(`only ${n} of ${count} audit events sealed`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    medium = await startMedium([OutboxModule, AuditModule]);
    audit = medium.get(AuditService);
    sealer = medium.get(AuditSealer);
    tx = medium.get(Transactions);
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('appends with the writer, so a rolled-back write leaves no event', async () => {
    await expect(
      tx.run(async ({ em }) => {
        await audit.record(em, null, 'test.recorded', 'Test', 'rolled-back');
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await record('kept', { n: 1 });
    expect(await medium.db.query(`SELECT entity_id, sequence, hash FROM audit_event`)).toEqual([{ entity_id: 'kept', sequence: null, hash: null }]);
  });

  it('seals in the order of the writing transactions, waiting for an older one still open, into a chain that hashes what it always hashed', async () => {
    await sealedCount(1);
    // An older transaction still writing: an event committed after it began may not be sealed before it ends,
    // or the older one's event would land after a sealed one.
    const runner = medium.get(DataSource).createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await audit.record(runner.manager, null, 'test.recorded', 'Test', 'older', { n: 2 });
      await record('newer', { n: 3 });
      expect(await sealer.seal()).toBe(0);
      expect(await medium.db.query(`SELECT entity_id, sequence FROM audit_event WHERE sequence IS NULL`)).toEqual([{ entity_id: 'newer', sequence: null }]);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await sealedCount(3);

    const rows = await medium.db.query<{ sequence: number; at: string; entityId: string; data: unknown; hash: string }>(
      `SELECT sequence::int AS sequence, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, entity_id AS "entityId", data, hash
         FROM audit_event ORDER BY sequence`,
    );
    expect(rows.map((r) => [r.sequence, r.entityId])).toEqual([
      [1, 'kept'],
      [2, 'older'],
      [3, 'newer'],
    ]);
    let previous = GENESIS_HASH;
    for (const r of rows) {
      previous = chainHash(previous, {
        sequence: r.sequence,
        at: r.at,
        actorId: null,
        action: 'test.recorded',
        entityType: 'Test',
        entityId: r.entityId,
        data: r.data,
      });
      expect(r.hash).toBe(previous);
    }
  });

  it('lists sealed events a page at a time, of one entity or all', async () => {
    for (const [entity, n] of [
      ['a', 4],
      ['b', 5],
      ['a', 6],
    ] as const)
      await record(entity, { n });
    await sealedCount(6);
    const log = medium.get(AuditLogService);
    const first = await log.page(null, 2, null);
    expect(first.events.map((e) => e.sequence)).toEqual([1, 2]);
    expect(first.hasNextPage).toBe(true);
    const rest = await log.page(null, 10, Buffer.from('seq:2').toString('base64url'));
    expect(rest.events.map((e) => [e.sequence, e.entityId, JSON.parse(e.data)])).toEqual([
      [3, 'newer', { n: 3 }],
      [4, 'a', { n: 4 }],
      [5, 'b', { n: 5 }],
      [6, 'a', { n: 6 }],
    ]);
    expect(rest.hasNextPage).toBe(false);
    expect((await log.page('a', 10, null)).events.map((e) => e.sequence)).toEqual([4, 6]);
  });

  it('signs a checkpoint of the chain end, and the verifier finds the chain reaches it until an event is rewritten', async () => {
    const published: AuditCheckpoint[] = [];
    const checkpoint = await medium.get(AuditCheckpointer).checkpoint({ reason: 'gb.decided' }, async (_tx, cp) => void published.push(cp));
    expect(checkpoint).toMatchObject({ v: 1, sequence: 6 });
    expect(published).toEqual([checkpoint]);
    expect(checkSignature(checkpoint!, medium.get(AuditKeys).verifyKeys())).toBe('valid');
    // An interval checkpoint is due only once an event past the last one is old enough.
    expect(await medium.get(AuditCheckpointer).checkpoint({ reason: 'interval' }, async () => undefined)).toBeNull();

    const log = medium.get(AuditLogService);
    expect(await log.verify()).toMatchObject({ valid: true, checked: 6, firstBrokenSequence: null, checkpointsChecked: 1, latestCheckpoint: checkpoint });

    await medium.db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_guard`);
    await medium.db.query(`UPDATE audit_event SET data = '{"n": 50}' WHERE sequence = 5`);
    await medium.db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_guard`);
    expect(await log.verify()).toMatchObject({ valid: false, checked: 4, firstBrokenSequence: 5, firstUnreachedCheckpoint: 6 });
  });
});
