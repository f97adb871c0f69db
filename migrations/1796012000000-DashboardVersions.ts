import { MigrationInterface, QueryRunner } from 'typeorm';

/** The month of an institution's names: products and workshops count for every month. */
const DASHBOARD_NAMES_MONTH = '-infinity';

/** Every table an institution's dashboard reads, with the month a changed row belongs to. */
const DASHBOARD_SOURCES = [
  { table: 'interest_monthly', month: 'month' },
  { table: 'network_daily', month: `date_trunc('month', day)::date` },
  { table: 'posting_hours_monthly', month: 'month' },
  { table: 'publishing_monthly', month: 'month' },
  { table: 'products', month: `'${DASHBOARD_NAMES_MONTH}'::date` },
  { table: 'workshops', month: `'${DASHBOARD_NAMES_MONTH}'::date` },
] as const;

const EVENTS = [
  ['INSERT', 'NEW', 'inserted'],
  ['UPDATE', 'NEW', 'updated'],
  ['DELETE', 'OLD', 'deleted'],
] as const;

/**
 * A dashboard version per institution and month, which the institution dashboards are cached
 * under: a statement trigger on each table the dashboard reads counts its changes per
 * institution and month (once per statement, so a rebuild counts once), and the products' and
 * workshops' changes under the month '-infinity'. A dashboard reads its month, the previous one
 * and the names; the sum of their counters grows with every committed change to any of them.
 * Rollup keys (institution, month, day) never change in an update, nor does a product's or
 * workshop's institution, so the new rows name every changed institution and month. Like
 * interest_versions, the counter row is held until the writer commits, and has no foreign key.
 */
export class DashboardVersions1796012000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dashboard_versions (
        institution_id uuid NOT NULL,
        month date NOT NULL,
        version bigint NOT NULL,
        CONSTRAINT pk_dashboard_versions PRIMARY KEY (institution_id, month)
      )`);
    for (const { table, month } of DASHBOARD_SOURCES) {
      await q.query(`
        CREATE FUNCTION dashboard_${table}_changed() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        BEGIN
          INSERT INTO dashboard_versions AS v (institution_id, month, version)
          SELECT DISTINCT institution_id, ${month}, 1 FROM changed
          ON CONFLICT (institution_id, month) DO UPDATE SET version = v.version + 1;
          RETURN NULL;
        END
        $fn$`);
      for (const [event, rows, name] of EVENTS)
        await q.query(`
          CREATE TRIGGER tr_${table}_dashboard_${name}
          AFTER ${event} ON ${table} REFERENCING ${rows} TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION dashboard_${table}_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of DASHBOARD_SOURCES) {
      for (const [, , name] of EVENTS)
        await q.query(`DROP TRIGGER tr_${table}_dashboard_${name} ON ${table}`);
      await q.query(`DROP FUNCTION dashboard_${table}_changed()`);
    }
    await q.query(`DROP TABLE dashboard_versions`);
  }
}
