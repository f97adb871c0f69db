import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { currentRequestId } from '../common/request-context';
import type { RequestScope } from '../auth/request-scope';
import { redactSecrets } from './redact';

/** Every action the log knows; the audit API filters by these. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'approve',
  'reject',
  'override',
  'publish',
  'login',
  'login_failed',
  'logout',
  'export',
  'withdraw',
  'clear',
  'password_change',
  'password_reset',
  'deactivate',
  'activate',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  userId: string | null;
  email: string | null;
}

export interface AuditRecord {
  actor: AuditActor;
  institutionId: string | null;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, email: 'system' };

export function actorOf(scope: RequestScope): AuditActor {
  return { userId: scope.user.id, email: scope.user.email };
}

/**
 * Writes audit rows. Pass the transaction's EntityManager so the audit row commits or rolls
 * back together with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(
    entry: AuditRecord,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (occurred_at, institution_id, actor_user_id, actor_email, action, entity_type,
                              entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        this.clock.now(),
        entry.institutionId,
        entry.actor.userId,
        entry.actor.email,
        entry.action,
        entry.entityType,
        entry.entityId ?? null,
        entry.before === undefined ? null : JSON.stringify(redactSecrets(entry.before)),
        entry.after === undefined ? null : JSON.stringify(redactSecrets(entry.after)),
        entry.requestId ?? currentRequestId(),
      ],
    );
  }
}
