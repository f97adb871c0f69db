import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows the week and month views show or weigh for conflict warnings. */
const CALENDAR_SOURCES = [
  'posts',
  'post_targets',
  'post_variants',
  'post_media',
  'products',
  'workshops',
  'social_accounts',
  'blackout_dates',
  'calendar_settings',
];

/**
 * Per-institution conflict settings, and a calendar version the views are cached under.
 *
 * Each committed change to a calendar source bumps its institution's version (a national
 * blackout, with no institution, bumps the nil-UUID row every view also reads). The triggers
 * are deferred to commit, so the version row is locked last in a transaction and never takes
 * part in a lock-order deadlock; a transaction-local setting makes only its first row bump.
 * There is no foreign key to institutions: the bump of a cascading institution delete must
 * not fail, and a leftover row is harmless.
 */
export class CalendarVersionAndSettings1795926000000 implements MigrationInterface {
  name = 'CalendarVersionAndSettings1795926000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_settings (
        institution_id uuid NOT NULL,
        min_gap_minutes integer NOT NULL,
        product_repeat_days integer NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_calendar_settings PRIMARY KEY (institution_id),
        CONSTRAINT fk_calendar_settings_institution FOREIGN KEY (institution_id)
          REFERENCES institutions (id) ON DELETE CASCADE,
        CONSTRAINT fk_calendar_settings_updated_by FOREIGN KEY (updated_by) REFERENCES users (id),
        CONSTRAINT ck_calendar_settings_gap CHECK (min_gap_minutes BETWEEN 0 AND 1440),
        CONSTRAINT ck_calendar_settings_repeat CHECK (product_repeat_days BETWEEN 0 AND 90)
      )`);
    await q.query(`
      CREATE TABLE calendar_versions (
        institution_id uuid NOT NULL,
        version bigint NOT NULL,
        CONSTRAINT pk_calendar_versions PRIMARY KEY (institution_id)
      )`);
    await q.query(`
      CREATE FUNCTION bump_calendar_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed uuid := COALESCE(
          CASE WHEN TG_OP = 'DELETE' THEN OLD.institution_id ELSE NEW.institution_id END,
          '00000000-0000-0000-0000-000000000000');
        bumped text := COALESCE(current_setting('karya.calendar_bumped', true), '');
      BEGIN
        IF position(changed::text IN bumped) > 0 THEN
          RETURN NULL;
        END IF;
        INSERT INTO calendar_versions AS v (institution_id, version) VALUES (changed, 1)
          ON CONFLICT (institution_id) DO UPDATE SET version = v.version + 1;
        PERFORM set_config('karya.calendar_bumped', bumped || ' ' || changed::text, true);
        RETURN NULL;
      END $$`);
    for (const table of CALENDAR_SOURCES) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER tr_${table}_calendar_version
          AFTER INSERT OR UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION bump_calendar_version()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of CALENDAR_SOURCES) {
      await q.query(`DROP TRIGGER tr_${table}_calendar_version ON ${table}`);
    }
    await q.query(`DROP FUNCTION bump_calendar_version()`);
    await q.query(`DROP TABLE calendar_versions`);
    await q.query(`DROP TABLE calendar_settings`);
  }
}
