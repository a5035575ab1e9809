import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type SessionEndReason = 'signed-out' | 'deactivated' | 'refresh-reuse';

/** One sign-in: what an access token's `sid` names, and what its refresh tokens keep alive. */
@Entity('auth_session')
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
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
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'uuid' })
  sessionId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ type: 'bytea', nullable: true })
  replacedBy: Buffer | null;
}
