import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { Permission, Role, roleHas } from '../auth/roles';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { DueSignal } from '../publishing/due-signal/due-signal';
import { transition, transitionError } from '../content/posts/post-status';
import type { PublishingPause } from './calendar.entity';
import type { PauseDto, ResumeDecisionDto, ResumeDto } from './calendar.dto';
import { CalendarRepository } from './calendar.repository';
import { POST_ENTITY } from './calendar.service';
import { PauseRepository, type DuePost } from './pause.repository';
import { SchedulingRules } from './scheduling.service';

const AUDIT_TYPE = 'publishing_pause';

function toPauseResponse(p: PublishingPause) {
  return {
    id: p.id,
    institutionId: p.institutionId,
    national: p.institutionId === null,
    reason: p.reason,
    pausedBy: p.pausedBy,
    pausedAt: p.pausedAt.toISOString(),
  };
}

const toDueResponse = (p: DuePost) => ({
  postId: p.id,
  institutionId: p.institutionId,
  title: p.title,
  plannedAt: p.plannedAt.toISOString(),
});

/**
 * "Pause all": while a pause is open (the institution's own, or the national one for every
 * institution) nothing is published; planning goes on. On resume the admin decides per post
 * that fell due meanwhile; undecided ones stay due and go out with the next dispatch.
 */
@Injectable()
export class PublishingPauseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pauses: PauseRepository,
    private readonly calendar: CalendarRepository,
    private readonly rules: SchedulingRules,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dueSignal: DueSignal,
  ) {}

  /** For the dispatcher: is publishing for the institution paused at `at` (default now)? */
  async isPaused(institutionId: string, at?: Date): Promise<boolean> {
    return (await this.pauses.activeAt(institutionId, at ?? null)).length > 0;
  }

  async state(scope: RequestScope) {
    const open = await this.pauses.activeAt(scope.institutionFilter, null);
    return { paused: open.length > 0, pauses: open.map(toPauseResponse) };
  }

  async pause(scope: RequestScope, dto: PauseDto) {
    const institutionId = this.levelOf(scope, dto.allInstitutions);
    return this.dataSource.transaction(async (manager) => {
      if (await this.pauses.openOwn(manager, institutionId)) {
        throw AppError.conflict('reason', {
          id: 'Publikasi sudah dijeda',
          en: 'Publishing is already paused',
        });
      }
      const row = await this.pauses.insert(manager, {
        institutionId,
        reason: dto.reason,
        pausedBy: scope.user.id,
        pausedAt: this.clock.now(),
      });
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'create',
          entityType: AUDIT_TYPE,
          entityId: row.id,
          after: toPauseResponse(row),
        },
        manager,
      );
      return toPauseResponse(row);
    });
  }

  /** Posts that fell due since the earliest pause still open for the caller. */
  async due(scope: RequestScope) {
    const open = await this.pauses.activeAt(scope.institutionFilter, null);
    if (open.length === 0) return { items: [] };
    const rows = await this.pauses.duePosts(
      scope.institutionFilter,
      open[0].pausedAt,
      this.clock.now(),
    );
    return { items: rows.map(toDueResponse) };
  }

  async resume(scope: RequestScope, dto: ResumeDto) {
    const institutionId = this.levelOf(scope, dto.allInstitutions);
    const now = this.clock.now();
    const resumed = await this.dataSource.transaction(async (manager) => {
      const pause = await this.pauses.openOwn(manager, institutionId);
      if (!pause) {
        throw AppError.conflict('decisions', {
          id: 'Publikasi tidak sedang dijeda',
          en: 'Publishing is not paused',
        });
      }
      const due = await this.pauses.duePosts(institutionId, pause.pausedAt, now, manager);
      const dueIds = new Set(due.map((p) => p.id));
      // The decided posts locked up front in id order, the order of every transaction locking
      // several posts: locked in the order of the request they could deadlock with one of those.
      await this.calendar.lockPostsInOrder(
        manager,
        dto.decisions
          .map((decision) => decision.postId.toLowerCase())
          .filter((id) => dueIds.has(id)),
      );
      const outcomes = [];
      for (const [index, decision] of dto.decisions.entries()) {
        const field = `decisions[${index}].postId`;
        if (!dueIds.has(decision.postId.toLowerCase())) {
          throw AppError.notFound(POST_ENTITY, field);
        }
        outcomes.push(await this.decide(scope, manager, decision, index, now));
      }
      await this.pauses.resume(manager, pause.id, scope.user.id, now);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'update',
          entityType: AUDIT_TYPE,
          entityId: pause.id,
          before: toPauseResponse(pause),
          after: { resumedAt: now.toISOString(), decisions: outcomes },
        },
        manager,
      );
      return { resumedAt: now.toISOString(), decisions: outcomes };
    });
    // What the pause held back is due now; rescheduled posts are the tick's and the wake-up's.
    this.dueSignal.fallsDue(now);
    return resumed;
  }

  private async decide(
    scope: RequestScope,
    manager: EntityManager,
    decision: ResumeDecisionDto,
    index: number,
    now: Date,
  ) {
    const post = await this.calendar.lockPost(manager, decision.postId.toLowerCase(), null);
    if (!post) throw AppError.notFound(POST_ENTITY, `decisions[${index}].postId`);
    if (decision.action === 'cancel') {
      const actor = {
        id: scope.user.id,
        canApprove: roleHas(scope.user.role, Permission.ContentApprove),
      };
      const result = transition(post, 'cancel', actor, { reason: 'paused' });
      if (!result.ok) throw transitionError(result);
      await this.pauses.cancelPost(manager, post.id, 'Dibatalkan setelah jeda publikasi');
      await this.pauses.cancelTargets(manager, post.id);
    } else {
      let at = now;
      if (decision.action === 'reschedule') {
        const field = `decisions[${index}].plannedAt`;
        if (!decision.plannedAt) {
          throw AppError.validation(field, {
            id: 'Waktu baru wajib diisi untuk penjadwalan ulang',
            en: 'A new time is required to reschedule',
          });
        }
        const zone = await this.rules.zoneOf(post.institutionId, manager);
        at = this.rules.resolve({ plannedAt: decision.plannedAt }, zone);
        await this.rules.assertSchedulable(post.institutionId, at, field, manager);
      }
      await this.calendar.setPostPlan(manager, post, 'scheduled', at);
      await this.calendar.setTargetsPlan(manager, post.id, at);
    }
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId: post.institutionId,
        action: 'update',
        entityType: 'post',
        entityId: post.id,
        before: { status: post.status, plannedAt: post.plannedAt?.toISOString() ?? null },
        after: { event: `resume:${decision.action}`, plannedAt: decision.plannedAt ?? null },
      },
      manager,
    );
    return { postId: post.id, action: decision.action };
  }

  /** The pause level: the caller's institution, or every institution (national admins). */
  private levelOf(scope: RequestScope, allInstitutions: boolean | undefined): string | null {
    if (allInstitutions) {
      if (scope.user.role !== Role.NationalAdmin) throw AppError.forbidden();
      return null;
    }
    return scope.requireInstitution();
  }
}
