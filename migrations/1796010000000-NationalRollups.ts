import { MigrationInterface, QueryRunner } from 'typeorm';
import { addPost, POST_COLUMNS, POST_SUMS, postMetricsApply } from './1795924000000-ReportsSchema';

/** National rollups of posts: the institutions' rollup keys without the institution. */
const NATIONAL = [
  { table: 'network_daily_national', source: 'network_daily', keys: ['day', 'network'] },
  {
    table: 'posting_hours_national',
    source: 'posting_hours_monthly',
    keys: ['month', 'weekday', 'hour'],
  },
] as const;

const INTEREST_EVENTS = [
  ['INSERT', 'NEW', 'inserted'],
  ['UPDATE', 'NEW', 'updated'],
  ['DELETE', 'OLD', 'deleted'],
] as const;

const SUMMED = POST_COLUMNS.split(', ')
  .map((c) => `sum(${c})`)
  .join(', ');

/**
 * National rollups for the national dashboard: per day and network, and per month, weekday and
 * hour, summed over every institution (their institution-local days and hours, as the
 * institutions' rollups keep them). The national view read some 90,000 institution rows per
 * section and month; it now reads a few hundred. The same trigger function that keeps the
 * institutions' rollups keeps these; `reports_rollups_rebuild` rebuilds them from the
 * institutions' rollups after rebuilding those. Their rows are shared by every institution: a
 * writer holds its day's row until it commits, which the collector does after each snapshot.
 *
 * The national interest ranking needs every product's row (15,000 a month), so its result is
 * stored instead (national_interest), valid while the months' interest rows are unchanged:
 * a statement trigger counts changes per institution and month (interest_versions; one
 * counter per institution, so this adds no row shared across institutions), and the stored
 * summary carries the sum of the counters it was computed at.
 */
export class NationalRollups1796010000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE network_daily_national (
        day date NOT NULL,
        network text NOT NULL,
        ${POST_SUMS},
        CONSTRAINT pk_network_daily_national PRIMARY KEY (day, network)
      )`);
    await q.query(`
      CREATE TABLE posting_hours_national (
        month date NOT NULL,
        weekday smallint NOT NULL,
        hour smallint NOT NULL,
        ${POST_SUMS},
        CONSTRAINT pk_posting_hours_national PRIMARY KEY (month, weekday, hour)
      )`);
    // Each institution's change counter per month of interest rows, and the national summary
    // stored with the sum of the counters of its months (the service's national_interest).
    await q.query(`
      CREATE TABLE interest_versions (
        month date NOT NULL,
        institution_id uuid NOT NULL,
        version bigint NOT NULL,
        CONSTRAINT pk_interest_versions PRIMARY KEY (month, institution_id)
      )`);
    await q.query(`
      CREATE TABLE national_interest (
        month date NOT NULL,
        version numeric NOT NULL,
        summary json NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_national_interest PRIMARY KEY (month)
      )`);
    await q.query(`
      CREATE FUNCTION reports_interest_changed() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO interest_versions AS v (month, institution_id, version)
        SELECT DISTINCT month, institution_id, 1 FROM changed
        ON CONFLICT (month, institution_id) DO UPDATE SET version = v.version + 1;
        RETURN NULL;
      END
      $fn$`);
    // Per statement: a rebuild counts once per institution and month, not once per row.
    for (const [event, rows, name] of INTEREST_EVENTS)
      await q.query(`
        CREATE TRIGGER tr_interest_monthly_${name}
        AFTER ${event} ON interest_monthly REFERENCING ${rows} TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION reports_interest_changed()`);
    await q.query(
      postMetricsApply(
        'CREATE OR REPLACE',
        addPost('network_daily_national', 'day, network', 't.published_day, t.network') +
          addPost(
            'posting_hours_national',
            'month, weekday, hour',
            `pub_month, extract(isodow FROM local_time)::smallint, extract(hour FROM local_time)::smallint`,
          ),
      ),
    );
    await q.query(
      `ALTER FUNCTION reports_rollups_rebuild(date, date) RENAME TO reports_institution_rollups_rebuild`,
    );
    await q.query(`
      CREATE FUNCTION reports_rollups_rebuild(first_month date, last_month date) RETURNS void
      LANGUAGE plpgsql AS $fn$
      DECLARE
        since date := date_trunc('month', first_month)::date;
        until date := (date_trunc('month', last_month) + interval '1 month')::date;
      BEGIN
        PERFORM reports_institution_rollups_rebuild(first_month, last_month);
        ${NATIONAL.map(
          ({ table, source, keys }) => `
        DELETE FROM ${table} WHERE ${keys[0]} >= since AND ${keys[0]} < until;
        INSERT INTO ${table} (${keys.join(', ')}, ${POST_COLUMNS})
        SELECT ${keys.join(', ')}, ${SUMMED} FROM ${source}
        WHERE ${keys[0]} >= since AND ${keys[0]} < until
        GROUP BY ${keys.join(', ')};`,
        ).join('')}
      END
      $fn$`);
    // Fills them from the rollups already kept.
    for (const { table, source, keys } of NATIONAL)
      await q.query(`
        INSERT INTO ${table} (${keys.join(', ')}, ${POST_COLUMNS})
        SELECT ${keys.join(', ')}, ${SUMMED} FROM ${source} GROUP BY ${keys.join(', ')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION reports_rollups_rebuild(date, date)`);
    await q.query(
      `ALTER FUNCTION reports_institution_rollups_rebuild(date, date) RENAME TO reports_rollups_rebuild`,
    );
    await q.query(postMetricsApply('CREATE OR REPLACE'));
    for (const [, , name] of INTEREST_EVENTS)
      await q.query(`DROP TRIGGER tr_interest_monthly_${name} ON interest_monthly`);
    await q.query(`DROP FUNCTION reports_interest_changed()`);
    await q.query(`DROP TABLE national_interest`);
    await q.query(`DROP TABLE interest_versions`);
    await q.query(`DROP TABLE posting_hours_national`);
    await q.query(`DROP TABLE network_daily_national`);
  }
}
