import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A room's board link: read-only access to one meeting's board without a personal sign-in. Only the SHA-256 of its
 * secret is kept (the secret is shown once, when it is created). Migration 1764290000000-board-links.
 */
@Entity('board_link')
@Check('board_link_label_check', `char_length(btrim(label)) BETWEEN 1 AND 300`)
@Check('board_link_token_hash_check', `octet_length(token_hash) = 32`)
@Check('board_link_check', `expires_at > created_at`)
@Check('board_link_check1', `(revoked_at IS NULL) = (revoked_by IS NULL)`)
@Unique('board_link_token_hash_key', ['tokenHash'])
@Index('board_link_meeting_idx', ['meetingId'])
@Index('board_link_created_by_idx', ['createdBy'])
@Index('board_link_revoked_by_idx', ['revokedBy'])
export class BoardLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('ExpertsMeetingEntity', { name: 'board_link_meeting_id_fkey' })
  meetingId: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'board_link_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'board_link_revoked_by_fkey' })
  revokedBy: string | null;
}
