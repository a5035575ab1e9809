import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ConstituentGroup, DecisionRule, MeetingStatus, ParticipantRole } from '@tripartite/domain';

/** Migrations 1764202300000-meetings and 1764202600000-reminder-recovery; names as PostgreSQL gave them, so the drift test can match them. */
@Entity('experts_meeting')
@Check('experts_meeting_title_check', `char_length(btrim(title)) BETWEEN 1 AND 300`)
@Check('experts_meeting_venue_check', `char_length(venue) <= 300`)
@Check('experts_meeting_status_check', `status IN ('SCHEDULED','IN_SESSION','CLOSED','REPORT_ADOPTED')`)
@Check('experts_meeting_decision_rule_check', `decision_rule IN ('CONSENSUS','GROUP_WEIGHTED_VOTE')`)
@Check('experts_meeting_check', `ends_at > starts_at`)
// The instrument's latest meeting is what the workflow guards read.
@Index('experts_meeting_instrument_idx', ['instrumentId', 'createdAt'])
// One unfinished meeting per version (a double submission cannot schedule two); another round's version may get its own.
@Index('experts_meeting_one_open_per_version_key', ['versionId'], { unique: true, where: `status <> 'REPORT_ADOPTED'` })
@Index('experts_meeting_created_by_idx', ['createdBy'])
// What the reminders' reconcile scans: the scheduled meetings still ahead.
@Index('experts_meeting_scheduled_idx', ['startsAt'], { where: `status = 'SCHEDULED'` })
export class ExpertsMeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('InstrumentEntity', { name: 'experts_meeting_instrument_id_fkey' })
  instrumentId: string;

  /** The PUBLISHED version whose guidelines make the agenda. */
  @Column({ type: 'uuid' })
  @ForeignKey('DraftVersionEntity', { name: 'experts_meeting_version_id_fkey' })
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

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'experts_meeting_created_by_fkey' })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reportAdoptedAt: Date | null;
}

@Entity('meeting_participant')
@Check('meeting_participant_group_check', `"group" IN ('GOVERNMENT','EMPLOYERS','WORKERS')`)
@Check('meeting_participant_role_check', `role IN ('CHAIR','VICE_CHAIR','SPOKESPERSON','EXPERT','ADVISER','OBSERVER')`)
@Unique('meeting_participant_meeting_user_key', ['meetingId', 'userId'])
@Index('meeting_participant_one_chair_key', ['meetingId'], { unique: true, where: `role = 'CHAIR'` })
@Index('meeting_participant_user_idx', ['userId'])
@Index('meeting_participant_added_by_idx', ['addedBy'])
export class MeetingParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('ExpertsMeetingEntity', { name: 'meeting_participant_meeting_id_fkey' })
  meetingId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'meeting_participant_user_id_fkey' })
  userId: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'text' })
  role: ParticipantRole;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  addedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'meeting_participant_added_by_fkey' })
  addedBy: string | null;
}

/** A MODERATOR assigned to a meeting: with the secretariat, the only ones who record in it. */
@Entity('meeting_moderator')
@Index('meeting_moderator_user_idx', ['userId'])
@Index('meeting_moderator_assigned_by_idx', ['assignedBy'])
export class MeetingModeratorEntity {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('ExpertsMeetingEntity', { name: 'meeting_moderator_meeting_id_fkey' })
  meetingId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'meeting_moderator_user_id_fkey' })
  userId: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  assignedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'meeting_moderator_assigned_by_fkey' })
  assignedBy: string | null;
}
