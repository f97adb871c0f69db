import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  /** Null means every institution (national roles), including rows without one. */
  institutionId: string | null;
  from?: Date;
  to?: Date;
  actorUserId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  /** occurred_at as PostgreSQL text, microseconds intact, for the keyset cursor. */
  cursor_at: string;
  institution_id: string | null;
  actor_user_id: string | null;
  actor_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

const COLUMNS = `id, occurred_at, occurred_at::text AS cursor_at, institution_id, actor_user_id,
  actor_email, action, entity_type, entity_id, before, after, request_id`;
const NEWEST_FIRST = 'ORDER BY occurred_at DESC, id DESC';

function whereOf(filter: AuditFilter): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, operator: string, value: unknown): void => {
    params.push(value);
    clauses.push(`${column} ${operator} $${params.length}`);
  };
  if (filter.institutionId !== null) add('institution_id', '=', filter.institutionId);
  if (filter.from) add('occurred_at', '>=', filter.from);
  if (filter.to) add('occurred_at', '<', filter.to);
  if (filter.actorUserId) add('actor_user_id', '=', filter.actorUserId);
  if (filter.action) add('action', '=', filter.action);
  if (filter.entityType) add('entity_type', '=', filter.entityType);
  if (filter.entityId) add('entity_id', '=', filter.entityId);
  return { clauses, params };
}

function sqlWhere(clauses: string[]): string {
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

function toEntry(row: AuditRow): AuditEntry {
  return Object.assign(new AuditEntry(), {
    id: String(row.id),
    occurredAt: new Date(row.occurred_at),
    institutionId: row.institution_id,
    actorUserId: row.actor_user_id,
    actorEmail: row.actor_email,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
  });
}

/** Reads the audit log; writing stays in AuditService.record. */
@Injectable()
export class AuditQueryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findPage(filter: AuditFilter, offset: number, limit: number): Promise<AuditEntry[]> {
    const { clauses, params } = whereOf(filter);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_log ${sqlWhere(clauses)} ${NEWEST_FIRST}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return rows.map(toEntry);
  }

  async count(filter: AuditFilter): Promise<number> {
    const { clauses, params } = whereOf(filter);
    const rows: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM audit_log ${sqlWhere(clauses)}`,
      params,
    );
    return rows[0].total;
  }

  /**
   * Newest first, `batchSize` rows per query, at most `limit` in all. Keyset paging (not
   * OFFSET, not a cursor held open) so a slow download neither rescans nor pins a connection.
   */
  async *batches(
    filter: AuditFilter,
    limit: number,
    batchSize = 1000,
  ): AsyncGenerator<AuditEntry[]> {
    let after: { at: string; id: string } | null = null;
    let remaining = limit;
    while (remaining > 0) {
      const { clauses, params } = whereOf(filter);
      if (after) {
        params.push(after.at, after.id);
        clauses.push(
          `(occurred_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`,
        );
      }
      params.push(Math.min(batchSize, remaining));
      const rows: AuditRow[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM audit_log ${sqlWhere(clauses)} ${NEWEST_FIRST} LIMIT $${params.length}`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map(toEntry);
      remaining -= rows.length;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: String(last.id) };
      if (rows.length < batchSize) return;
    }
  }
}
