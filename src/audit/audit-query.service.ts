import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Page, pageOf, pageOffset } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';
import { AuditFilter, AuditQueryRepository } from './audit-query.repository';
import {
  AuditEntryResponse,
  AuditFilterQueryDto,
  AuditQueryDto,
  toAuditEntryResponse,
} from './audit.dto';
import { actorOf, AuditService } from './audit.service';

/** An export is for review, not a backup: beyond this, narrow the filters. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export const AUDIT_CSV_COLUMNS = [
  'occurred_at',
  'institution_id',
  'actor_email',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'request_id',
] as const;

type CsvRecord = Record<(typeof AUDIT_CSV_COLUMNS)[number], string | null>;

export interface AuditExport {
  csv: Readable;
  /** True when more rows matched than AUDIT_EXPORT_MAX_ROWS. */
  truncated: boolean;
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toCsvRecord(entry: AuditEntry): CsvRecord {
  return {
    occurred_at: entry.occurredAt.toISOString(),
    institution_id: entry.institutionId,
    actor_email: entry.actorEmail,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: json(entry.before),
    after: json(entry.after),
    request_id: entry.requestId,
  };
}

/** Admins read and export the audit log of the institutions they may see. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly entries: AuditQueryRepository,
    private readonly audit: AuditService,
  ) {}

  async list(scope: RequestScope, query: AuditQueryDto): Promise<Page<AuditEntryResponse>> {
    const filter = filterOf(scope, query);
    const [items, total] = await Promise.all([
      this.entries.findPage(filter, pageOffset(query), query.pageSize),
      this.entries.count(filter),
    ]);
    return pageOf(items.map(toAuditEntryResponse), total, query);
  }

  /** Records the export (who, which filters, how many rows) before the first byte leaves. */
  async exportCsv(scope: RequestScope, query: AuditFilterQueryDto): Promise<AuditExport> {
    const filter = filterOf(scope, query);
    const matched = await this.entries.count(filter);
    const truncated = matched > AUDIT_EXPORT_MAX_ROWS;
    await this.audit.record({
      actor: actorOf(scope),
      institutionId: filter.institutionId,
      action: 'export',
      entityType: 'audit_log',
      after: {
        format: 'csv',
        filters: { ...query },
        rows: Math.min(matched, AUDIT_EXPORT_MAX_ROWS),
        truncated,
      },
    });
    const csv = stringify({
      header: true,
      columns: [...AUDIT_CSV_COLUMNS],
      // Cells starting with = + - @ would run as formulas when opened in a spreadsheet.
      escape_formulas: true,
    });
    const records = this.csvRecords(filter);
    // pipeline (not pipe) destroys the CSV stream when a query fails, so the response is cut
    // off rather than ending as if complete; the rejection itself needs no further handling.
    pipeline(Readable.from(records), csv).catch(() => undefined);
    return { csv, truncated };
  }

  private async *csvRecords(filter: AuditFilter): AsyncGenerator<CsvRecord> {
    for await (const batch of this.entries.batches(filter, AUDIT_EXPORT_MAX_ROWS)) {
      yield* batch.map(toCsvRecord);
    }
  }
}

function filterOf(scope: RequestScope, query: AuditFilterQueryDto): AuditFilter {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) {
    throw AppError.validation('to', {
      id: "'to' harus sama dengan atau setelah 'from'",
      en: "'to' must not be before 'from'",
    });
  }
  return {
    institutionId: scope.institutionFilter,
    from,
    to,
    actorUserId: query.actorUserId,
    action: query.action,
    entityType: query.entityType,
    entityId: query.entityId,
  };
}
