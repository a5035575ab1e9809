import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ConstituentGroup, DecisionRule, MeetingStatus, ParticipantRole } from '@tripartite/domain';

@Entity('experts_meeting')
export class ExpertsMeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  instrumentId: string;

  /** The PUBLISHED version whose guidelines make the agenda. */
  @Column({ type: 'uuid' })
  versionId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', default: 'SCHEDULED' })
  status: MeetingStatus;

  @Column({ type: 'text', default: 'CONSENSUS' })
  decisionRule: DecisionRule;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reportAdoptedAt: Date | null;
}

@Entity('meeting_participant')
export class MeetingParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'text' })
  role: ParticipantRole;

  @Column({ type: 'timestamptz' })
  addedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  addedBy: string | null;
}

/** A MODERATOR assigned to a meeting: with the secretariat, the only ones who record in it. */
@Entity('meeting_moderator')
export class MeetingModeratorEntity {
  @PrimaryColumn({ type: 'uuid' })
  meetingId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'timestamptz' })
  assignedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;
}
