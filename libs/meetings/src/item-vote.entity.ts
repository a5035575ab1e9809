import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupCounts, GroupVote } from '@tripartite/domain';

/** A vote on an item, with the registered voters it was counted against; a later vote clears `current`. */
@Entity('item_vote')
export class ItemVoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'jsonb' })
  votes: GroupVote[];

  @Column({ type: 'jsonb' })
  registered: GroupCounts;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
