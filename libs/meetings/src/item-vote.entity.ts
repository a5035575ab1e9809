import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupCounts, GroupVote } from '@tripartite/domain';

/** A vote on an item, with the registered voters it was counted against (so later participant changes never rewrite it); a later vote clears `current`. */
@Entity('item_vote')
@Check('item_vote_votes_check', `jsonb_typeof(votes) = 'array'`)
@Check('item_vote_registered_check', `jsonb_typeof(registered) = 'object'`)
@Index('item_vote_current_key', ['agendaItemId'], { unique: true, where: `current` })
@Index('item_vote_item_idx', ['agendaItemId', 'recordedAt'])
@Index('item_vote_recorded_by_idx', ['recordedBy'])
export class ItemVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('AgendaItemEntity', { name: 'item_vote_agenda_item_id_fkey' })
  agendaItemId: string;

  @Column({ type: 'jsonb' })
  votes: GroupVote[];

  @Column({ type: 'jsonb' })
  registered: GroupCounts;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'item_vote_recorded_by_fkey' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
