import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('section')
@Check('section_number_check', `char_length(number) BETWEEN 1 AND 20`)
@Check('section_heading_check', `char_length(heading) BETWEEN 1 AND 500`)
@Unique('section_version_number_key', ['versionId', 'number'])
// The target of guideline's (section, version) key: a section of the same version.
@Unique('section_id_version_key', ['id', 'versionId'])
@Index('section_version_position_key', ['versionId', 'position'], { unique: true })
export class SectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('DraftVersionEntity', { name: 'section_version_id_fkey' })
  versionId: string;

  /** Order within the version, from 1. */
  @Column({ type: 'int' })
  position: number;

  /** As printed: "I", "II", or "1", "2". */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  heading: string;
}
