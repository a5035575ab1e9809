import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('section')
export class SectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
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
