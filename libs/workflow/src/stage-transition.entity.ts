import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Stage } from '@tripartite/domain';

/** Migration 1764201900000-workflow: one row per stage move. */
@Entity('stage_transition')
@Index('stage_transition_instrument_idx', ['instrumentId', 'at'])
export class StageTransitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('InstrumentEntity', { name: 'stage_transition_instrument_id_fkey' })
  instrumentId: string;

  @Column({ type: 'text' })
  fromStage: Stage;

  @Column({ type: 'text' })
  toStage: Stage;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  /** null: the system (a deadline). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'stage_transition_actor_id_fkey' })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'boolean', default: false })
  earlyClose: boolean;
}
