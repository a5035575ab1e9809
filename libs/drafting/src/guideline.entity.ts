import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('guideline')
export class GuidelineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
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
}
