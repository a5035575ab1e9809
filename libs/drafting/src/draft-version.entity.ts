import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Language, VersionStatus } from '@tripartite/domain';

@Entity('draft_version')
@Check('draft_version_number_check', `number >= 1`)
@Check('draft_version_status_check', `status IN ('DRAFT','PUBLISHED')`)
@Check('draft_version_check', `(status = 'PUBLISHED') = (published_at IS NOT NULL)`)
@Check('draft_version_original_language_check', `original_language IN ('EN','FR','ES')`)
@Unique('draft_version_instrument_number_key', ['instrumentId', 'number'])
// At most one version being drafted per instrument.
@Index('draft_version_one_draft_key', ['instrumentId'], { unique: true, where: `status = 'DRAFT'` })
export class DraftVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('InstrumentEntity', { name: 'draft_version_instrument_id_fkey' })
  instrumentId: string;

  /** 1, 2, 3 ... per instrument. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', default: 'DRAFT' })
  status: VersionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  changeSummary: string | null;

  /** The language its texts are written in; the others are translations (guideline_translation, section_translation). */
  @Column({ type: 'text', default: 'EN' })
  originalLanguage: Language;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
