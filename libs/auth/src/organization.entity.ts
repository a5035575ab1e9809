import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConstituentGroup } from '@tripartite/domain';

@Entity('organization')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'char', length: 2, nullable: true })
  countryCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
