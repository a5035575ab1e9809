import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ConstituentGroup, Language } from '@tripartite/domain';

/** Migrations 1764201600000-identity and 1764203400000-people-languages; names as PostgreSQL gave them, so the drift test can match them. */
@Entity('organization')
@Check('organization_group_check', `"group" IN ('GOVERNMENT','EMPLOYERS','WORKERS')`)
@Check('organization_country_code_check', `country_code ~ '^[A-Z]{2}$'`)
@Check('organization_default_language_check', `default_language IN ('EN','FR','ES')`)
// unique on lower(name): an expression TypeORM cannot describe, kept by the migration
@Index('organization_name_key', { synchronize: false })
// One government per country.
@Index('organization_country_key', ['countryCode'], { unique: true, where: `"group" = 'GOVERNMENT'` })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'char', length: 2, nullable: true })
  countryCode: string | null;

  /** The language of the members who never chose one; null: English. */
  @Column({ type: 'text', nullable: true })
  defaultLanguage: Language | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
