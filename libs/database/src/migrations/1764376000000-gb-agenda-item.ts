import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ordinal of the paper's item on the Governing Body's agenda ("THIRD ITEM ON THE AGENDA"); optional. */
export class GbAgendaItem1764376000000 implements MigrationInterface {
  name = 'GbAgendaItem1764376000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gb_submission ADD COLUMN agenda_item smallint CONSTRAINT gb_submission_agenda_item_check CHECK (agenda_item BETWEEN 1 AND 99)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gb_submission DROP COLUMN agenda_item`);
  }
}
