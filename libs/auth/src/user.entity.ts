import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@tripartite/domain';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailOptOut: string[];

  /** Set by an admin: the user can no longer sign in, and every session of theirs has ended. */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  deactivationReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
