import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { Permission, roleHas } from '../../auth/roles';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { type PostStatus, transition, transitionError } from '../../content/posts/post-status';
import { DueSignal } from '../due-signal/due-signal';
import { PostLockRepository } from './post-lock.repository';
import { TargetRetryRepository } from './target-retry.repository';

const TARGET = { id: 'Target publikasi', en: 'Post target' };

export interface TargetRetryResult {
  postId: string;
  targetId: string;
  status: 'pending';
  nextAttemptAt: Date;
  postStatus: PostStatus;
}

/**
 * The retry button: a failed target goes back to the queue, due now. Refused while its account
 * needs reconnecting or publishing is paused, since the dispatcher would only fail or hold it.
 */
@Injectable()
export class TargetRetryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: TargetRetryRepository,
    private readonly posts: PostLockRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly due: DueSignal,
  ) {}

  async retry(scope: RequestScope, postId: string, targetId: string): Promise<TargetRetryResult> {
    const now = this.clock.now();
    const result: TargetRetryResult = await this.dataSource.transaction(async (manager) => {
      // The post before its target, as every transaction writing both does: a pull-back or edit
      // holding the post while it updates the targets would otherwise deadlock with this retry.
      const post = await this.posts.lockPost(manager, postId);
      const target = await this.targets.lockTarget(
        manager,
        postId,
        targetId,
        scope.institutionFilter,
      );
      if (!target) throw AppError.notFound(TARGET, 'targetId');
      if (target.status !== 'failed') {
        throw AppError.conflict('targetId', {
          id: `Hanya target yang gagal dapat dicoba lagi; status target ini ${target.status}`,
          en: `Only a failed target can be retried; this target is ${target.status}`,
        });
      }
      if (target.accountStatus !== 'connected') {
        throw AppError.conflict('socialAccountId', {
          id: `Akun "${target.accountName}" perlu disambungkan ulang sebelum mencoba lagi (status: ${target.accountStatus})`,
          en: `The account "${target.accountName}" must be reconnected before a retry (status: ${target.accountStatus})`,
        });
      }
      if (await this.targets.isPaused(manager, target.institutionId, now)) {
        throw AppError.conflict('publishing', {
          id: 'Publikasi sedang dijeda; lanjutkan publikasi sebelum mencoba lagi',
          en: 'Publishing is paused; resume publishing before a retry',
        });
      }
      if (!post) throw AppError.notFound(TARGET, 'postId');
      let postStatus = post.status;
      // A post still publishing other targets stays so; a settled one is scheduled again.
      if (post.status !== 'publishing') {
        const actor = {
          id: scope.user.id,
          canApprove: roleHas(scope.user.role, Permission.ContentApprove),
        };
        const result = transition(post, 'retry', actor, { plannedAt: now, now });
        if (!result.ok) throw transitionError(result);
        postStatus = result.status;
        await this.posts.setPostStatus(manager, post.id, postStatus);
      }
      await this.targets.requeue(manager, target.id, now);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: target.institutionId,
          action: 'update',
          entityType: 'post_target',
          entityId: target.id,
          before: {
            status: target.status,
            postStatus: post.status,
            lastErrorCode: target.lastErrorCode,
            lastErrorMessage: target.lastErrorMessage,
          },
          after: { event: 'retry', status: 'pending', postStatus, nextAttemptAt: now },
        },
        manager,
      );
      return {
        postId: target.postId,
        targetId: target.id,
        status: 'pending' as const,
        nextAttemptAt: now,
        postStatus,
      };
    });
    this.due.fallsDue(now);
    return result;
  }
}
