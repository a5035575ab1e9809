import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Language, Role } from '@tripartite/domain';

/** Migrations 1764201600000-identity, 1764202700000-sessions (deactivation) and 1764203400000-people-languages. */
@Entity('app_user')
@Check('app_user_roles_check', `roles <@ ARRAY['ADMIN','SECRETARIAT','CONSTITUENT','MODERATOR','OBSERVER']::text[] AND cardinality(roles) > 0`)
// A constituent belongs to an organization.
@Check('app_user_check', `NOT ('CONSTITUENT' = ANY(roles)) OR organization_id IS NOT NULL`)
@Check('app_user_deactivation_reason_check', `char_length(deactivation_reason) BETWEEN 1 AND 500`)
@Check('app_user_language_check', `language IN ('EN','FR','ES')`)
@Check('app_user_deactivation_check', `(deactivated_at IS NULL) = (deactivation_reason IS NULL)`)
// unique on lower(email): an expression TypeORM cannot describe, kept by the migration
@Index('app_user_email_key', { synchronize: false })
@Index('app_user_organization_idx', ['organizationId'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  /** Never selected (select: false) but by the sign-in's lookup: absent from every other read. */
  @Column({ type: 'text', select: false })
  passwordHash?: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('OrganizationEntity', { name: 'app_user_organization_id_fkey' })
  organizationId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailOptOut: string[];

  /** Set by an admin: the user can no longer sign in, and every session of theirs has ended. */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  deactivationReason: string | null;

  /** The user's own choice; null: never chosen (their organization's default applies, else English: effectiveLanguage). */
  @Column({ type: 'text', nullable: true })
  language: Language | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
