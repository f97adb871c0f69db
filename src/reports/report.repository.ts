import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Dashboard } from './dashboard.service';

export type ReportScope = 'institution' | 'national';
export type ReportFormat = 'pdf' | 'csv' | 'xlsx';

export interface MonthlyReportRow {
  id: string;
  institutionId: string | null;
  /** "2026-11" */
  month: string;
  scope: ReportScope;
  generatedAt: Date;
  /** Null when the scheduled job made it. */
  generatedBy: string | null;
}

export interface ReportInstitution {
  id: string;
  name: string;
  timeZone: string;
}

export interface NewMonthlyReport {
  institutionId: string | null;
  month: string;
  scope: ReportScope;
  generatedAt: Date;
  generatedBy: string | null;
  pdf: Buffer;
  csv: string;
  xlsx: Buffer;
  figures: Dashboard;
}

const COLUMNS = `id, institution_id AS "institutionId", to_char(month, 'YYYY-MM') AS month, scope,
  generated_at AS "generatedAt", generated_by AS "generatedBy"`;

const INSERT = `INSERT INTO monthly_reports (institution_id, month, scope, generated_at, generated_by,
    pdf, csv, xlsx, figures)
  VALUES ($1, ($2 || '-01')::date, $3, $4, $5, $6, $7, $8, $9)`;

/** Stored monthly reports; the files stay in the row so past reports need nothing else. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts, or replaces the files of the same institution, month and scope. */
  async upsert(
    report: NewMonthlyReport,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ row: MonthlyReportRow; replaced: boolean }> {
    // xmax is non-zero on the row version an ON CONFLICT update wrote.
    const rows: (MonthlyReportRow & { replaced: boolean })[] = await manager.query(
      `${INSERT}
       ON CONFLICT ON CONSTRAINT uq_monthly_reports_month DO UPDATE SET
         generated_at = EXCLUDED.generated_at, generated_by = EXCLUDED.generated_by,
         pdf = EXCLUDED.pdf, csv = EXCLUDED.csv, xlsx = EXCLUDED.xlsx, figures = EXCLUDED.figures
       RETURNING ${COLUMNS}, xmax <> 0 AS replaced`,
      params(report),
    );
    const { replaced, ...row } = rows[0];
    return { row, replaced };
  }

  /** Inserts unless the month already has its report; null when another run was first. */
  async insertOnce(
    report: NewMonthlyReport,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MonthlyReportRow | null> {
    const rows: MonthlyReportRow[] = await manager.query(
      `${INSERT} ON CONFLICT ON CONSTRAINT uq_monthly_reports_month DO NOTHING RETURNING ${COLUMNS}`,
      params(report),
    );
    return rows[0] ?? null;
  }

  async exists(institutionId: string | null, month: string, scope: ReportScope): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM monthly_reports
       WHERE institution_id IS NOT DISTINCT FROM $1 AND month = ($2 || '-01')::date AND scope = $3`,
      [institutionId, month, scope],
    );
    return rows.length > 0;
  }

  /**
   * Reports newest month first: one institution's (or every institution's when null), plus the
   * national ones when `withNational`.
   */
  list(institutionId: string | null, withNational: boolean): Promise<MonthlyReportRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM monthly_reports
       WHERE (scope = 'institution' AND ($1::uuid IS NULL OR institution_id = $1))
          OR (scope = 'national' AND $2)
       ORDER BY month DESC, scope DESC, institution_id`,
      [institutionId, withNational],
    );
  }

  async find(id: string): Promise<MonthlyReportRow | null> {
    const rows: MonthlyReportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM monthly_reports WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async file(id: string, format: ReportFormat): Promise<Buffer> {
    // The column name comes from the ReportFormat union, never from the request text.
    const column = { pdf: 'pdf', csv: 'csv', xlsx: 'xlsx' }[format];
    const rows: { file: Buffer | string }[] = await this.dataSource.query(
      `SELECT ${column} AS file FROM monthly_reports WHERE id = $1`,
      [id],
    );
    const file = rows[0].file;
    return typeof file === 'string' ? Buffer.from(file, 'utf8') : Buffer.from(file);
  }

  /** Institutions and their zones: one, or every one (the scheduled job) when `id` is null. */
  institutions(id: string | null = null): Promise<ReportInstitution[]> {
    return this.dataSource.query(
      `SELECT id, name, time_zone AS "timeZone" FROM institutions
       WHERE $1::uuid IS NULL OR id = $1 ORDER BY id`,
      [id],
    );
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

function params(r: NewMonthlyReport): unknown[] {
  return [
    r.institutionId,
    r.month,
    r.scope,
    r.generatedAt,
    r.generatedBy,
    r.pdf,
    r.csv,
    r.xlsx,
    JSON.stringify(r.figures),
  ];
}
