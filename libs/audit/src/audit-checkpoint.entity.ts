import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckpointReason } from './repositories/audit-checkpoint.repository';

/**
 * Migration 1764203000000-audit-checkpoints: the database's copy of the signed checkpoints (append-only, by a
 * trigger). Only the copies kept outside (log, webhooks) resist someone who can rewrite this table too.
 */
@Entity('audit_checkpoint')
@Check('audit_checkpoint_sequence_check', `sequence > 0`)
@Check('audit_checkpoint_reason_check', `reason IN ('interval', 'gb.decided')`)
// (sequence DESC) in the migration: TypeORM does not describe an index's order.
@Index('audit_checkpoint_sequence_idx', ['sequence'])
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** bigint: the driver gives a string. */
  @Column({ type: 'bigint' })
  sequence: string;

  @Column({ type: 'text' })
  hash: string;

  /** When it was signed, as signed. */
  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  keyId: string;

  /** base64 Ed25519. */
  @Column({ type: 'text' })
  signature: string;

  @Column({ type: 'text' })
  reason: CheckpointReason;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
