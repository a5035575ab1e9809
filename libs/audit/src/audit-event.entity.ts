import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Migration 1764201700000-audit: the append-only log. Writers insert unsealed rows (sequence and hash null); the
 * sealer later gives each finished event its gapless sequence and chained hash, once (a trigger refuses any other
 * update, and every delete).
 */
@Entity('audit_event')
@Unique('audit_event_sequence_key', ['sequence'])
@Index('audit_event_unsealed_idx', ['txid', 'at', 'id'], { where: `sequence IS NULL` })
@Index('audit_event_entity_idx', ['entityId', 'sequence'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  /** null: the system. No foreign key: the log outlives what it names. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  /** The writing transaction: only events of finished transactions are sealed (see AuditSealer). */
  @Column({ type: 'xid8' as 'text', default: () => 'pg_current_xact_id()' })
  txid: string;

  /** Set by the sealer: 1, 2, 3 ... with no gap (bigint: the driver gives a string). */
  @Column({ type: 'bigint', nullable: true })
  sequence: string | null;

  /** sha-256 hex of the previous event's hash and this event's chained fields (audit-chain.ts). */
  @Column({ type: 'text', nullable: true })
  hash: string | null;
}
