import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type SessionEndReason = 'signed-out' | 'deactivated' | 'refresh-reuse';

/** One sign-in: what an access token's `sid` names, and what its refresh tokens keep alive. Migration 1764202700000-sessions. */
@Entity('auth_session')
@Check('auth_session_revoked_reason_check', `revoked_reason IN ('signed-out', 'deactivated', 'refresh-reuse')`)
@Check('auth_session_check', `idle_expires_at <= expires_at`)
@Check('auth_session_check1', `(revoked_at IS NULL) = (revoked_reason IS NULL)`)
@Index('auth_session_user_idx', ['userId'], { where: `revoked_at IS NULL` })
@Index('auth_session_expires_idx', ['expiresAt'])
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'auth_session_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Moves with each refresh, never past expiresAt. */
  @Column({ type: 'timestamptz' })
  idleExpiresAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason: SessionEndReason | null;
}

/** A refresh token, by its SHA-256 digest; a rotated one is kept so that presenting it again is noticed. */
@Entity('auth_refresh_token')
@Check('auth_refresh_token_token_hash_check', `octet_length(token_hash) = 32`)
@Check('auth_refresh_token_replaced_by_check', `octet_length(replaced_by) = 32`)
@Check('auth_refresh_token_check', `(rotated_at IS NULL) = (replaced_by IS NULL)`)
@Index('auth_refresh_token_session_idx', ['sessionId'])
// At most one usable refresh token per session: the latest.
@Index('auth_refresh_token_current_key', ['sessionId'], { unique: true, where: `rotated_at IS NULL` })
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'uuid' })
  @ForeignKey('AuthSessionEntity', { name: 'auth_refresh_token_session_id_fkey', onDelete: 'CASCADE' })
  sessionId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ type: 'bytea', nullable: true })
  replacedBy: Buffer | null;
}
