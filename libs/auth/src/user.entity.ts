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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
