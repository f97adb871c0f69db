import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LocalizedText } from '../../common/app-error';
import { aggregateTargetOutcome, transition } from '../../content/posts/post-status';
import type { SandboxPost } from './dispatcher.entity';
import type { ClaimedTarget } from './dispatch-queue.repository';
import { AttemptResult, DispatcherRepository } from './dispatcher.repository';
import { LockedPost, PostLockRepository } from './post-lock.repository';
import { TargetEvents } from './target-events';

const DISPATCHER_ACTOR = { id: 'dispatcher', canApprove: false };

/** A target the platform has published, with its attempt's result. */
export interface PublishedEntry {
  target: ClaimedTarget;
  attemptId: string;
  attempt: AttemptResult;
  post: { platformPostId: string; permalink: string | null; publishedAt: Date };
  /** The sandbox feed's copy (sandbox accounts only). */
  sandbox: Omit<SandboxPost, 'id'> | null;
}

/**
 * Writes what became of a claimed target: each outcome in one short transaction with its audit
 * row, its notifications and its post's status. One target per transaction on purpose: the
 * rollups and versions that triggers keep at commit are then touched in one order by everyone,
 * where batches of targets deadlocked on them.
 */
@Injectable()
export class TargetOutcomes {
  constructor(
    private readonly repo: DispatcherRepository,
    private readonly posts: PostLockRepository,
    private readonly events: TargetEvents,
  ) {}

  async published(entry: PublishedEntry): Promise<void> {
    const { target, post, sandbox } = entry;
    await this.repo.transaction(async (manager) => {
      const locked = await this.posts.lockPost(manager, target.postId);
      await this.repo.finishAttempt(manager, entry.attemptId, entry.attempt);
      await this.repo.markPublished(manager, target.id, post);
      await this.events.published(manager, target, post);
      if (sandbox && !(await this.repo.sandboxPostIdFor(target.id, manager))) {
        await this.repo.insertSandboxPost(manager, sandbox);
      }
      await this.settlePost(manager, locked);
    });
  }

  /** Waits for a retry at `at`; the target leaves this worker. */
  async waiting(
    target: ClaimedTarget,
    retry: { at: Date; code: string; reason: LocalizedText },
  ): Promise<void> {
    await this.repo.transaction(async (manager) => {
      await this.repo.markWaiting(manager, target.id, retry.at, {
        code: retry.code,
        message: bilingual(retry.reason),
      });
      await this.events.waiting(manager, target, retry);
    });
  }

  /** `reauthAccountId`: the account to mark as needing a new sign-in, with its notice. */
  async failed(
    target: ClaimedTarget,
    failure: { code: string; reason: LocalizedText; reauthAccountId: string | null },
  ): Promise<void> {
    const { code, reason, reauthAccountId } = failure;
    await this.repo.transaction(async (manager) => {
      const locked = await this.posts.lockPost(manager, target.postId);
      await this.repo.markFailed(manager, target.id, { code, message: bilingual(reason) });
      await this.events.failed(manager, target, failure);
      if (reauthAccountId) await this.repo.markAccountNeedsReauth(manager, reauthAccountId);
      await this.settlePost(manager, locked);
    });
  }

  /**
   * post-status 'finish' once no target is pending, in flight or waiting. The post was locked
   * first thing in the transaction: a sibling target finishing at the same time waits there, and
   * the statuses read now include its commit. Locking only here would deadlock two siblings that
   * each inserted a row referencing the post (a notification's key-share lock) before asking for
   * it.
   */
  private async settlePost(manager: EntityManager, post: LockedPost | null): Promise<void> {
    if (!post || post.status !== 'publishing') return;
    const targets = await this.repo.targetStatuses(manager, post.id);
    if (aggregateTargetOutcome(targets) === 'publishing') return;
    const result = transition(post, 'finish', DISPATCHER_ACTOR, { targetStatuses: targets });
    if (result.ok) await this.posts.setPostStatus(manager, post.id, result.status);
  }
}

/** Stored reasons carry both languages. */
export function bilingual(text: LocalizedText): string {
  return `${text.id} / ${text.en}`;
}
