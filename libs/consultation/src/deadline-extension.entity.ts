import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A round's deadline moved later, with its reason. Migration 1764202000000-consultation. */
@Entity('deadline_extension')
@Check('deadline_extension_reason_check', `char_length(btrim(reason)) BETWEEN 1 AND 2000`)
@Check('deadline_extension_check', `to_at > from_at`)
@Index('deadline_extension_round_idx', ['roundId', 'at'])
@Index('deadline_extension_actor_idx', ['actorId'])
export class DeadlineExtensionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('ConsultationRoundEntity', { name: 'deadline_extension_round_id_fkey' })
  roundId: string;

  @Column({ type: 'timestamptz' })
  fromAt: Date;

  @Column({ type: 'timestamptz' })
  toAt: Date;

  @Column({ type: 'text' })
  reason: string;

  /** The database clock when the extension was recorded: when the reminders of the new deadline were planned. */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'deadline_extension_actor_id_fkey' })
  actorId: string | null;
}
