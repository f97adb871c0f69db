import { Injectable, Logger } from '@nestjs/common';
import type { RequestScope } from '../auth/request-scope';
import { Permission, roleHas } from '../auth/roles';
import {
  actorOf,
  AuditService,
  SYSTEM_ACTOR,
  type AuditAction,
  type AuditActor,
  type AuditRecord,
} from '../audit/audit.service';
import { localDateOf, type CalendarZone } from '../calendar/local-time';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import {
  DashboardService,
  NATIONAL_ZONE,
  type Dashboard,
  type DashboardTarget,
} from './dashboard.service';
import { reportPdf } from './report-pdf';
import { monthOf, parseReportMonth, previousMonth, type ReportMonth } from './report-month';
import { reportCsv, reportTables, reportXlsx } from './report-tables';
import {
  ReportRepository,
  type MonthlyReportRow,
  type NewMonthlyReport,
  type ReportFormat,
  type ReportInstitution,
  type ReportScope,
} from './report.repository';

export interface ReportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const NOT_FOUND = { id: 'Laporan', en: 'Report' };

/**
 * Monthly reports: the month's dashboard (DashboardService.build, so the figures are the
 * dashboard's) drawn as PDF, CSV and XLSX and kept. Generated on request, and for last month by
 * the scheduled job once the month is over in each institution's zone.
 */
@Injectable()
export class ReportService {
  private readonly logger = new Logger(ReportService.name);

  constructor(
    private readonly dashboards: DashboardService,
    private readonly repository: ReportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Generates the month now, replacing a report the month already has. */
  async generate(
    scope: RequestScope,
    monthText: unknown,
    reportScope: ReportScope = 'institution',
  ): Promise<MonthlyReportRow> {
    const { target, month } = await this.targetOf(scope, monthText, reportScope);
    const report = await this.render(target, month, scope.user.id);
    return this.repository.transaction(async (manager) => {
      const { row, replaced } = await this.repository.upsert(report, manager);
      const action = replaced ? 'update' : 'create';
      await this.audit.record(auditEntry(row, actorOf(scope), action), manager);
      return row;
    });
  }

  list(scope: RequestScope): Promise<MonthlyReportRow[]> {
    return this.repository.list(scope.institutionFilter, mayReadNational(scope));
  }

  async get(scope: RequestScope, id: string): Promise<MonthlyReportRow> {
    const row = await this.repository.find(id);
    const visible =
      row &&
      (row.institutionId === null ? mayReadNational(scope) : scope.canSee(row.institutionId));
    if (!row || !visible) throw AppError.notFound(NOT_FOUND);
    return row;
  }

  async file(scope: RequestScope, id: string, format: ReportFormat): Promise<ReportFile> {
    const row = await this.get(scope, id);
    const who = row.scope === 'national' ? 'nasional' : row.institutionId?.slice(0, 8);
    return {
      body: await this.repository.file(row.id, format),
      contentType: CONTENT_TYPES[format],
      fileName: `laporan-bulanan-${row.month}-${who}.${format}`,
    };
  }

  /**
   * Last month's report for every institution (in its zone) and the national one (WIB), where
   * missing. Runs from the first hour of the 1st and catches up after a stopped worker. Two
   * processes may build the same report at once; the unique (institution, month, scope) keeps
   * one, and only the run that stored it audits it. Returns how many reports this run stored.
   */
  async generateDue(): Promise<number> {
    const now = this.clock.now();
    const due: { target: DashboardTarget; month: ReportMonth }[] = [];
    for (const i of await this.repository.institutions()) {
      due.push({ target: institutionTarget(i), month: lastMonth(now, i.timeZone as CalendarZone) });
    }
    due.push({ target: { kind: 'national' }, month: lastMonth(now, NATIONAL_ZONE) });

    let stored = 0;
    for (const { target, month } of due) {
      try {
        if (await this.storeOnce(target, month)) stored++;
      } catch (error) {
        // One institution's failure must not hold back the others; the next tick retries it.
        const who = target.kind === 'institution' ? target.institutionId : 'national';
        this.logger.error(`Monthly report ${month.label} for ${who} failed: ${String(error)}`);
      }
    }
    return stored;
  }

  private async storeOnce(target: DashboardTarget, month: ReportMonth): Promise<boolean> {
    const institutionId = target.kind === 'institution' ? target.institutionId : null;
    if (await this.repository.exists(institutionId, month.label, target.kind)) return false;
    const report = await this.render(target, month, null);
    return this.repository.transaction(async (manager) => {
      const inserted = await this.repository.insertOnce(report, manager);
      if (inserted) await this.audit.record(auditEntry(inserted, SYSTEM_ACTOR), manager);
      return inserted !== null;
    });
  }

  private async targetOf(
    scope: RequestScope,
    monthText: unknown,
    reportScope: ReportScope,
  ): Promise<{ target: DashboardTarget; month: ReportMonth }> {
    const now = this.clock.now();
    if (reportScope === 'national') {
      if (!mayReadNational(scope)) throw AppError.forbidden();
      return {
        target: { kind: 'national' },
        month: parseReportMonth(monthText, now, NATIONAL_ZONE),
      };
    }
    const [institution] = await this.repository.institutions(scope.requireInstitution());
    if (!institution) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    return {
      target: institutionTarget(institution),
      month: parseReportMonth(monthText, now, institution.timeZone as CalendarZone),
    };
  }

  private async render(
    target: DashboardTarget,
    month: ReportMonth,
    generatedBy: string | null,
  ): Promise<NewMonthlyReport> {
    const dashboard: Dashboard = await this.dashboards.build(target, month);
    const generatedAt = this.clock.now();
    const tables = reportTables(dashboard);
    return {
      institutionId: target.kind === 'institution' ? target.institutionId : null,
      month: month.label,
      scope: target.kind,
      generatedAt,
      generatedBy,
      pdf: await reportPdf({ dashboard, generatedAt }),
      csv: reportCsv(tables),
      xlsx: await reportXlsx(tables),
      figures: dashboard,
    };
  }
}

function institutionTarget({ id, name, timeZone }: ReportInstitution): DashboardTarget {
  return { kind: 'institution', institutionId: id, name, timeZone };
}

function mayReadNational(scope: RequestScope): boolean {
  return roleHas(scope.user.role, Permission.ReportsNational);
}

/** The month before the current one in `zone`. */
function lastMonth(now: Date, zone: CalendarZone): ReportMonth {
  const [year, month] = localDateOf(now, zone).split('-').map(Number);
  return previousMonth(monthOf(year, month));
}

function auditEntry(
  row: MonthlyReportRow,
  actor: AuditActor,
  action: AuditAction = 'create',
): AuditRecord {
  return {
    actor,
    institutionId: row.institutionId,
    action,
    entityType: 'monthly_report',
    entityId: row.id,
    after: { month: row.month, scope: row.scope, generatedAt: row.generatedAt },
  };
}
