import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('guideline')
@Check('guideline_key_check', `char_length(key) BETWEEN 1 AND 50`)
@Check('guideline_number_check', `char_length(number) BETWEEN 1 AND 20`)
@Check('guideline_title_check', `char_length(title) BETWEEN 1 AND 500`)
@Check('guideline_revision_check', `revision >= 1`)
@Check('guideline_text_check', `char_length(text) BETWEEN 1 AND 20000`)
@Unique('guideline_version_key_key', ['versionId', 'key'])
// The section must be one of the same version.
@ForeignKey('SectionEntity', ['sectionId', 'versionId'], ['id', 'versionId'], { name: 'guideline_section_fkey' })
@Index('guideline_version_position_key', ['versionId', 'position'], { unique: true })
@Index('guideline_section_position_idx', ['sectionId', 'position'])
export class GuidelineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('DraftVersionEntity', { name: 'guideline_version_id_fkey' })
  versionId: string;

  @Column({ type: 'uuid' })
  sectionId: string;

  /** Document order within the version, from 1. */
  @Column({ type: 'int' })
  position: number;

  /** Stable across versions (what versionDiff pairs on), e.g. "4.2". */
  @Column({ type: 'text' })
  key: string;

  /** As printed, e.g. "4.2." */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  text: string;

  /** Moves with each edit in place (updateDraftGuideline), for its expectedRevision; a new or copied guideline is at 1. */
  @Column({ type: 'int', default: 1 })
  revision: number;
}
