import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('gb_session')
export class GbSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** Papers are due before this instant; a later submission is accepted and marked late. */
  @Column({ type: 'timestamptz' })
  documentDeadline: Date;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
