import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly reports: the PDF, CSV and XLSX of one month's dashboard, kept so past reports stay
 * downloadable, with the dashboard object they were drawn from. One row per institution, month
 * and scope (national reports have no institution): NULLS NOT DISTINCT makes the scheduled job
 * idempotent across processes, and a regeneration replaces the row in place; its index also
 * serves the list (institution, newest month first).
 */
export class MonthlyReports1795927000000 implements MigrationInterface {
  name = 'MonthlyReports1795927000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monthly_reports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid,
        month date NOT NULL,
        scope text NOT NULL,
        generated_at timestamptz NOT NULL,
        generated_by uuid,
        pdf bytea NOT NULL,
        csv text NOT NULL,
        xlsx bytea NOT NULL,
        figures jsonb NOT NULL,
        CONSTRAINT pk_monthly_reports PRIMARY KEY (id),
        CONSTRAINT fk_monthly_reports_institution FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT fk_monthly_reports_generated_by FOREIGN KEY (generated_by) REFERENCES users (id),
        CONSTRAINT ck_monthly_reports_scope CHECK (
          (scope = 'institution' AND institution_id IS NOT NULL) OR (scope = 'national' AND institution_id IS NULL)),
        CONSTRAINT ck_monthly_reports_month CHECK (month = date_trunc('month', month)::date),
        CONSTRAINT uq_monthly_reports_month UNIQUE NULLS NOT DISTINCT (institution_id, month, scope)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE monthly_reports`);
  }
}
