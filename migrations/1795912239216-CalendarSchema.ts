import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar: posting slots per social account, blackout dates (institution or national),
 * publishing pauses, ICS feed tokens and plan imports. Queue slots are unique per account, so
 * two people adding to the same queue at once cannot take the same slot.
 */
export class CalendarSchema1795912239216 implements MigrationInterface {
  name = 'CalendarSchema1795912239216';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE posting_slots (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        social_account_id uuid NOT NULL,
        weekday smallint NOT NULL,
        local_time text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_posting_slots PRIMARY KEY (id),
        CONSTRAINT fk_posting_slots_account FOREIGN KEY (social_account_id, institution_id)
          REFERENCES social_accounts (id, institution_id) ON DELETE CASCADE,
        CONSTRAINT fk_posting_slots_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT uq_posting_slots_rule UNIQUE (social_account_id, weekday, local_time),
        CONSTRAINT ck_posting_slots_weekday CHECK (weekday BETWEEN 1 AND 7),
        CONSTRAINT ck_posting_slots_time CHECK (local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
      )`);
    await q.query(`CREATE INDEX ix_posting_slots_institution ON posting_slots (institution_id)`);

    await q.query(`
      CREATE TABLE blackout_dates (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        source text NOT NULL DEFAULT 'manual',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_blackout_dates PRIMARY KEY (id),
        CONSTRAINT fk_blackout_dates_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_blackout_dates_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_blackout_dates_range CHECK (ends_on >= starts_on),
        CONSTRAINT ck_blackout_dates_kind CHECK (kind IN ('holiday', 'cuti_bersama', 'mourning', 'incident', 'other')),
        CONSTRAINT ck_blackout_dates_source CHECK (source IN ('seed', 'manual'))
      )`);
    await q.query(`CREATE INDEX ix_blackout_dates_range ON blackout_dates (starts_on, ends_on)`);
    await q.query(`CREATE INDEX ix_blackout_dates_institution ON blackout_dates (institution_id)`);
    // Seeding national holidays twice must not duplicate them.
    await q.query(`
      CREATE UNIQUE INDEX uq_blackout_dates_seed ON blackout_dates (starts_on, kind, label)
      WHERE source = 'seed' AND institution_id IS NULL`);

    await q.query(`
      CREATE TABLE publishing_pauses (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid,
        reason text NOT NULL,
        paused_by uuid NOT NULL,
        paused_at timestamptz NOT NULL DEFAULT now(),
        resumed_by uuid,
        resumed_at timestamptz,
        CONSTRAINT pk_publishing_pauses PRIMARY KEY (id),
        CONSTRAINT fk_publishing_pauses_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_publishing_pauses_paused_by FOREIGN KEY (paused_by) REFERENCES users (id),
        CONSTRAINT fk_publishing_pauses_resumed_by FOREIGN KEY (resumed_by) REFERENCES users (id),
        CONSTRAINT ck_publishing_pauses_reason CHECK (length(trim(reason)) >= 5)
      )`);
    // One open pause per institution, and one national (institution_id NULL) pause at most.
    await q.query(`
      CREATE UNIQUE INDEX uq_publishing_pauses_open ON publishing_pauses
        (coalesce(institution_id, '00000000-0000-0000-0000-000000000000'::uuid))
      WHERE resumed_at IS NULL`);

    await q.query(`
      CREATE TABLE ics_feeds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT pk_ics_feeds PRIMARY KEY (id),
        CONSTRAINT fk_ics_feeds_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT uq_ics_feeds_token_hash UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_ics_feeds_user ON ics_feeds (user_id)`);

    await q.query(`
      CREATE TABLE plan_imports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'validating',
        file_name text NOT NULL DEFAULT '',
        total_rows integer NOT NULL DEFAULT 0,
        processed_rows integer NOT NULL DEFAULT 0,
        created_posts integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pk_plan_imports PRIMARY KEY (id),
        CONSTRAINT fk_plan_imports_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_plan_imports_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_plan_imports_status CHECK (status IN ('validating', 'importing', 'done', 'failed'))
      )`);
    await q.query(
      `CREATE INDEX ix_plan_imports_institution ON plan_imports (institution_id, created_at DESC)`,
    );

    await q.query(`ALTER TABLE post_targets ADD COLUMN queued boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE UNIQUE INDEX uq_post_targets_queue_slot ON post_targets (social_account_id, planned_at)
      WHERE queued AND status <> 'cancelled'`);
    await q.query(`ALTER TABLE posts ADD COLUMN blackout_flagged_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posts DROP COLUMN blackout_flagged_at`);
    await q.query(`DROP INDEX uq_post_targets_queue_slot`);
    await q.query(`ALTER TABLE post_targets DROP COLUMN queued`);
    for (const table of [
      'plan_imports',
      'ics_feeds',
      'publishing_pauses',
      'blackout_dates',
      'posting_slots',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
