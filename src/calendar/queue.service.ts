import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { Permission, roleHas } from '../auth/roles';
import { AppError, ErrorCode } from '../common/app-error';
import { Clock } from '../common/clock';
import { transition, transitionError, type PostStatus } from '../content/posts/post-status';
import { SocialAccountService } from '../publishing/accounts/social-account.service';
import { DueSignal } from '../publishing/due-signal/due-signal';
import { BlackoutRepository } from './blackout.repository';
import type { PostingSlot } from './calendar.entity';
import { CalendarRepository } from './calendar.repository';
import { POST_ENTITY } from './calendar.service';
import { addDaysToDate, localDateOf, toLocal, type CalendarZone } from './local-time';
import { QueueRepository, type QueuedTarget } from './queue.repository';
import { orThrow } from './result';
import { SchedulingRules } from './scheduling.service';
import {
  DEFAULT_QUEUE_HORIZON_WEEKS,
  nextFreeSlots,
  parseSlotRules,
  reorderQueue,
  shuffleQueue,
  type QueueAssignment,
  type SlotRule,
} from './slots';
import type { ReorderQueueDto, ReplaceSlotsDto } from './calendar.dto';

/** A request gives up after this many slots were taken under it by others. */
const MAX_SLOT_ATTEMPTS = 20;

const toRule = (slot: PostingSlot) => ({ weekday: slot.weekday, time: slot.localTime });

/**
 * Posting slots and the queue. Two people queueing at once may compute the same slot; the
 * unique index uq_post_targets_queue_slot lets only one keep it and the other retries with the
 * next free slot inside a savepoint, all in the one transaction of its request.
 */
@Injectable()
export class QueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueRepository,
    private readonly calendar: CalendarRepository,
    private readonly blackouts: BlackoutRepository,
    private readonly rules: SchedulingRules,
    private readonly accounts: SocialAccountService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly due: DueSignal,
  ) {}

  async slots(scope: RequestScope, accountId: string) {
    const account = await this.accounts.requireVisible(scope.institutionFilter, accountId);
    return {
      socialAccountId: account.id,
      slots: (await this.queue.slotsOf(account.id)).map(toRule),
    };
  }

  async replaceSlots(scope: RequestScope, accountId: string, dto: ReplaceSlotsDto) {
    await this.accounts.requireVisible(scope.institutionFilter, accountId);
    const rules = orThrow(parseSlotRules(dto.slots, 'slots'));
    return this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.requireVisible(
        scope.institutionFilter,
        accountId,
        manager,
        true,
      );
      const before = (await this.queue.slotsOf(account.id, manager)).map(toRule);
      const saved = await this.queue.replaceSlots(manager, account, rules, scope.user.id);
      const after = saved.map(toRule);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: account.institutionId,
          action: 'update',
          entityType: 'posting_slots',
          entityId: account.id,
          before,
          after,
        },
        manager,
      );
      return { socialAccountId: account.id, slots: after };
    });
  }

  /** Puts an approved or scheduled post into the next free slot of each of its accounts. */
  async addToQueue(scope: RequestScope, postId: string) {
    const now = this.clock.now();
    const queued = await this.dataSource.transaction(async (manager) => {
      const post = await this.calendar.lockPost(manager, postId, scope.institutionFilter);
      if (!post) throw AppError.notFound(POST_ENTITY);
      if (post.status !== 'approved' && post.status !== 'scheduled') {
        throw AppError.conflict('status', {
          id: 'Hanya postingan yang disetujui atau terjadwal yang dapat dimasukkan ke antrean',
          en: 'Only approved or scheduled posts can be added to the queue',
        });
      }
      const zone = await this.rules.zoneOf(post.institutionId, manager);
      const targets = await this.queue.openTargets(manager, post.id);
      const placed: { targetId: string; accountId: string; slot: Date }[] = [];
      for (const target of targets) {
        const slot = await this.placeTarget(manager, post.institutionId, zone, target, now);
        placed.push({ targetId: target.id, accountId: target.socialAccountId, slot });
      }
      if (placed.length === 0) {
        throw AppError.conflict('status', {
          id: 'Postingan ini tidak memiliki tujuan yang menunggu terbit',
          en: 'This post has no target waiting to be published',
        });
      }
      const first = new Date(Math.min(...placed.map((p) => p.slot.getTime())));
      let status: PostStatus = post.status;
      if (status === 'approved') {
        const actor = {
          id: scope.user.id,
          canApprove: roleHas(scope.user.role, Permission.ContentApprove),
        };
        const result = transition(post, 'schedule', actor, { plannedAt: first, now });
        if (!result.ok) throw transitionError(result);
        status = result.status;
      }
      await this.calendar.setPostPlan(manager, post, status, first);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: post.institutionId,
          action: 'update',
          entityType: 'post',
          entityId: post.id,
          before: { status: post.status, plannedAt: post.plannedAt?.toISOString() ?? null },
          after: {
            status,
            plannedAt: first.toISOString(),
            event: 'queue',
            slots: placed.map((p) => ({ accountId: p.accountId, slot: p.slot.toISOString() })),
          },
        },
        manager,
      );
      return {
        postId: post.id,
        status,
        plannedAt: first.toISOString(),
        targets: placed.map((p) => ({
          targetId: p.targetId,
          socialAccountId: p.accountId,
          plannedAt: p.slot.toISOString(),
          local: toLocal(p.slot, zone),
        })),
      };
    });
    this.due.fallsDue(new Date(queued.plannedAt));
    return queued;
  }

  async list(scope: RequestScope, accountId: string) {
    const account = await this.accounts.requireVisible(scope.institutionFilter, accountId);
    const zone = await this.rules.zoneOf(account.institutionId);
    const items = await this.queue.queueOf(account.id, this.clock.now());
    return { socialAccountId: account.id, items: items.map((item) => queueItem(item, zone)) };
  }

  async reorder(scope: RequestScope, accountId: string, dto: ReorderQueueDto) {
    return this.rearrange(scope, accountId, 'reorder', (queue) =>
      orThrow(
        reorderQueue(
          queue,
          dto.postIds.map((id) => id.toLowerCase()),
          'postIds',
        ),
      ),
    );
  }

  async shuffle(scope: RequestScope, accountId: string) {
    return this.rearrange(scope, accountId, 'shuffle', (queue) => shuffleQueue(queue));
  }

  private async placeTarget(
    manager: EntityManager,
    institutionId: string,
    zone: CalendarZone,
    target: { id: string; socialAccountId: string },
    now: Date,
  ): Promise<Date> {
    const rules: SlotRule[] = (await this.queue.slotsOf(target.socialAccountId, manager)).map(
      (slot) => ({ weekday: slot.weekday as SlotRule['weekday'], time: slot.localTime }),
    );
    const today = localDateOf(now, zone);
    const blackouts = await this.blackouts.overlapping(
      institutionId,
      today,
      addDaysToDate(today, DEFAULT_QUEUE_HORIZON_WEEKS * 7 + 1),
      manager,
    );
    const lost: Date[] = [];
    for (let attempt = 0; attempt < MAX_SLOT_ATTEMPTS; attempt++) {
      const taken = await this.queue.takenInstants(manager, target.socialAccountId, now, target.id);
      const next = nextFreeSlots({ rules, zone, from: now, taken: [...taken, ...lost], blackouts });
      if (!next.ok) {
        throw new AppError(ErrorCode.UnprocessableEntity, next.message, 'slots', {
          socialAccountId: target.socialAccountId,
          reason: next.reason,
        });
      }
      const slot = next.slots[0];
      if (await this.queue.tryTakeSlot(manager, target.id, slot)) return slot;
      lost.push(slot);
    }
    throw AppError.conflict('slots', {
      id: 'Antrean sedang sibuk, coba lagi',
      en: 'The queue is busy, try again',
    });
  }

  private async rearrange(
    scope: RequestScope,
    accountId: string,
    event: 'reorder' | 'shuffle',
    plan: (queue: { postId: string; slot: Date }[]) => QueueAssignment[],
  ) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.requireVisible(
        scope.institutionFilter,
        accountId,
        manager,
        true,
      );
      const zone = await this.rules.zoneOf(account.institutionId, manager);
      // The posts before the targets moved (and then the posts re-timed): a transaction holding
      // one of these posts while it writes its targets would otherwise deadlock with this one.
      await this.queue.lockQueuedPosts(manager, account.id, now);
      const current = await this.queue.queueOf(account.id, now, manager);
      const assignments = plan(current.map((q) => ({ postId: q.postId, slot: q.plannedAt })));
      const targetOf = new Map(current.map((q) => [q.postId, q.targetId]));
      const moves = assignments
        .filter((a) => a.moved)
        .map((a) => ({ targetId: targetOf.get(a.postId)!, slot: a.slot }));
      await this.queue.reassign(manager, moves);
      await this.queue.syncPostTimes(
        manager,
        assignments.filter((a) => a.moved).map((a) => a.postId),
      );
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: account.institutionId,
          action: 'update',
          entityType: 'post_queue',
          entityId: account.id,
          before: current.map((q) => ({ postId: q.postId, slot: q.plannedAt.toISOString() })),
          after: {
            event,
            order: assignments.map((a) => ({ postId: a.postId, slot: a.slot.toISOString() })),
          },
        },
        manager,
      );
      const items = await this.queue.queueOf(account.id, now, manager);
      return { socialAccountId: account.id, items: items.map((item) => queueItem(item, zone)) };
    });
  }
}

function queueItem(item: QueuedTarget, zone: CalendarZone) {
  return {
    postId: item.postId,
    targetId: item.targetId,
    title: item.title,
    plannedAt: item.plannedAt.toISOString(),
    local: toLocal(item.plannedAt, zone),
  };
}
