import { MigrationInterface, QueryRunner } from 'typeorm';

const GROUP_CHECK = `CHECK ("group" IN ('GOVERNMENT','EMPLOYERS','WORKERS'))`;
const POSITION_CHECK = `CHECK (position IN ('SUPPORT','OPPOSE','ABSTAIN','RESERVATION'))`;

/**
 * Experts' meetings: participants, moderators, an agenda of one item per guideline, and every position,
 * amendment and vote recorded on an item (records are never overwritten: `current` marks the one in force).
 */
export class Meetings1764202300000 implements MigrationInterface {
  name = 'Meetings1764202300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE experts_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL REFERENCES instrument(id),
        version_id uuid NOT NULL REFERENCES draft_version(id),
        title text NOT NULL CHECK (char_length(btrim(title)) BETWEEN 1 AND 300),
        venue text CHECK (char_length(venue) <= 300),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','IN_SESSION','CLOSED','REPORT_ADOPTED')),
        decision_rule text NOT NULL DEFAULT 'CONSENSUS' CHECK (decision_rule IN ('CONSENSUS','GROUP_WEIGHTED_VOTE')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES app_user(id),
        opened_at timestamptz,
        closed_at timestamptz,
        report_adopted_at timestamptz,
        CHECK (ends_at > starts_at)
      )`);
    // The instrument's latest meeting is what the workflow guards read.
    await q.query(`CREATE INDEX experts_meeting_instrument_idx ON experts_meeting (instrument_id, created_at)`);
    // One unfinished meeting per version (a double submission cannot schedule two); another round's version may get its own.
    await q.query(`CREATE UNIQUE INDEX experts_meeting_one_open_per_version_key ON experts_meeting (version_id) WHERE status <> 'REPORT_ADOPTED'`);
    await q.query(`CREATE INDEX experts_meeting_created_by_idx ON experts_meeting (created_by)`);

    await q.query(`
      CREATE TABLE meeting_participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES experts_meeting(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        "group" text NOT NULL ${GROUP_CHECK},
        role text NOT NULL CHECK (role IN ('CHAIR','VICE_CHAIR','SPOKESPERSON','EXPERT','ADVISER','OBSERVER')),
        added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        added_by uuid REFERENCES app_user(id),
        CONSTRAINT meeting_participant_meeting_user_key UNIQUE (meeting_id, user_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX meeting_participant_one_chair_key ON meeting_participant (meeting_id) WHERE role = 'CHAIR'`);
    await q.query(`CREATE INDEX meeting_participant_user_idx ON meeting_participant (user_id)`);
    await q.query(`CREATE INDEX meeting_participant_added_by_idx ON meeting_participant (added_by)`);

    await q.query(`
      CREATE TABLE meeting_moderator (
        meeting_id uuid NOT NULL REFERENCES experts_meeting(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        assigned_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        assigned_by uuid REFERENCES app_user(id),
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`CREATE INDEX meeting_moderator_user_idx ON meeting_moderator (user_id)`);
    await q.query(`CREATE INDEX meeting_moderator_assigned_by_idx ON meeting_moderator (assigned_by)`);

    await q.query(`
      CREATE TABLE agenda_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES experts_meeting(id),
        guideline_id uuid NOT NULL REFERENCES guideline(id),
        position int NOT NULL CHECK (position >= 1),
        status text NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING','UNDER_DISCUSSION','ADOPTED','ADOPTED_AS_AMENDED','NOT_ADOPTED','DEFERRED')),
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        final_text text,
        opened_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT agenda_item_meeting_position_key UNIQUE (meeting_id, position),
        CONSTRAINT agenda_item_meeting_guideline_key UNIQUE (meeting_id, guideline_id),
        CONSTRAINT agenda_item_final_text_check
          CHECK ((status IN ('ADOPTED','ADOPTED_AS_AMENDED')) = (final_text IS NOT NULL)),
        CONSTRAINT agenda_item_closed_check
          CHECK ((status IN ('PENDING','UNDER_DISCUSSION')) = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX agenda_item_guideline_idx ON agenda_item (guideline_id)`);

    await q.query(`
      CREATE TABLE position_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        "group" text NOT NULL ${GROUP_CHECK},
        position text NOT NULL ${POSITION_CHECK},
        statement text CHECK (char_length(statement) <= 20000),
        current boolean NOT NULL DEFAULT true,
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE UNIQUE INDEX position_record_current_key ON position_record (agenda_item_id, "group") WHERE current`);
    await q.query(`CREATE INDEX position_record_item_idx ON position_record (agenda_item_id, recorded_at)`);
    await q.query(`CREATE INDEX position_record_recorded_by_idx ON position_record (recorded_by)`);

    await q.query(`
      CREATE TABLE amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        proposed_by text NOT NULL CHECK (proposed_by IN ('GOVERNMENT','EMPLOYERS','WORKERS')),
        text text NOT NULL CHECK (char_length(btrim(text)) BETWEEN 1 AND 20000),
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED','ACCEPTED','REJECTED','WITHDRAWN')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid NOT NULL REFERENCES app_user(id),
        decided_at timestamptz,
        decided_by uuid REFERENCES app_user(id),
        CHECK ((status = 'PROPOSED') = (decided_at IS NULL))
      )`);
    // Its text becomes the item's final text, so one accepted amendment per item.
    await q.query(`CREATE UNIQUE INDEX amendment_one_accepted_key ON amendment (agenda_item_id) WHERE status = 'ACCEPTED'`);
    await q.query(`CREATE INDEX amendment_item_idx ON amendment (agenda_item_id, created_at)`);
    await q.query(`CREATE INDEX amendment_created_by_idx ON amendment (created_by)`);
    await q.query(`CREATE INDEX amendment_decided_by_idx ON amendment (decided_by)`);

    await q.query(`
      CREATE TABLE amendment_position_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        amendment_id uuid NOT NULL REFERENCES amendment(id),
        "group" text NOT NULL ${GROUP_CHECK},
        position text NOT NULL ${POSITION_CHECK},
        current boolean NOT NULL DEFAULT true,
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE UNIQUE INDEX amendment_position_record_current_key ON amendment_position_record (amendment_id, "group") WHERE current`);
    await q.query(`CREATE INDEX amendment_position_record_amendment_idx ON amendment_position_record (amendment_id, recorded_at)`);
    await q.query(`CREATE INDEX amendment_position_record_recorded_by_idx ON amendment_position_record (recorded_by)`);

    // A vote keeps the registered voters it was counted against, so later participant changes never rewrite it.
    await q.query(`
      CREATE TABLE item_vote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        votes jsonb NOT NULL CHECK (jsonb_typeof(votes) = 'array'),
        registered jsonb NOT NULL CHECK (jsonb_typeof(registered) = 'object'),
        current boolean NOT NULL DEFAULT true,
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE UNIQUE INDEX item_vote_current_key ON item_vote (agenda_item_id) WHERE current`);
    await q.query(`CREATE INDEX item_vote_item_idx ON item_vote (agenda_item_id, recorded_at)`);
    await q.query(`CREATE INDEX item_vote_recorded_by_idx ON item_vote (recorded_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE item_vote`);
    await q.query(`DROP TABLE amendment_position_record`);
    await q.query(`DROP TABLE amendment`);
    await q.query(`DROP TABLE position_record`);
    await q.query(`DROP TABLE agenda_item`);
    await q.query(`DROP TABLE meeting_moderator`);
    await q.query(`DROP TABLE meeting_participant`);
    await q.query(`DROP TABLE experts_meeting`);
  }
}
